import { z } from 'zod';

/**
 * What a supervisor may fix on an accepted dossier before it leaves the office (decision 0037):
 * how to reach and address the sender, and the spelling of their name and birth date. Never the
 * ID numbers (a different number is a different person: void and take it in again), the
 * procedure, the documents, the service or the money, which the receipt and the agency's
 * fees rest on.
 */
export const CORRECTABLE_FIELDS = ['fullName', 'birthDate', 'gender', 'address', 'phone', 'email', 'deliveryAddress'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** One field as it was and as it is now, kept in the 'corrected' event so the history shows both. */
export const FieldChangeSchema = z.object({
  field: z.enum(CORRECTABLE_FIELDS),
  from: z.string().max(500),
  to: z.string().max(500),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;
