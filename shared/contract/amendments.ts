import { z } from 'zod';
import { cleanText } from '../text/fold.js';
import { SenderSchema } from './schemas.js';

const dossierId = z.number().int().positive();
/** Why a supervisor voids or corrects: required, kept in the dossier's history. */
const reason = z.string().max(500).transform(cleanText).pipe(z.string().min(1));

/** Huỷ hồ sơ: a supervisor ends a dossier taken in by mistake. */
export const VoidInputSchema = z.object({ dossierId, reason });

/** Sửa thông tin: the fields given are the new values; the others stay as they are (decision 0037). */
export const CorrectInputSchema = z.object({
  dossierId,
  reason,
  changes: SenderSchema.pick({ fullName: true, birthDate: true, gender: true, address: true, phone: true, email: true })
    .extend({ deliveryAddress: z.string().max(500).transform(cleanText) })
    .partial(),
});
export type CorrectInput = z.infer<typeof CorrectInputSchema>;
