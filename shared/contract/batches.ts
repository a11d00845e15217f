import { oc } from '@orpc/contract';
import { z } from 'zod';
import { BATCH_STATES } from '../batches/rules.js';
import { bilingual } from './validation-words.js';
import { ExportFileSchema } from './reports.js';
import { AgencyCodeSchema } from './agencies.js';
import { PrintJobSchema } from './schemas.js';

/** F4 Bàn giao: batches of accepted dossiers for one agency, their papers and their handover. */

const batchId = z.number().int().positive();
const dossierId = z.number().int().positive();
const agencyCode = AgencyCodeSchema;

/** An accepted dossier waiting for its batch, as a line of the F4 list. */
export const WaitingDossierSchema = z.object({
  id: z.number().int(),
  itemNumber: z.string().nullable(),
  registerNo: z.string().nullable(),
  senderName: z.string(),
  procedureName: z.string(),
  acceptedAt: z.string(),
  expectedHandoverDate: z.string().nullable(),
  overdue: z.boolean(),
});
export type WaitingDossier = z.infer<typeof WaitingDossierSchema>;

export const WaitingGroupSchema = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  count: z.number().int(),
  oldestAcceptedAt: z.string(),
  /** how many are past their expected handover day: the group stands out when any are */
  overdue: z.number().int(),
  dossiers: z.array(WaitingDossierSchema),
});
export type WaitingGroup = z.infer<typeof WaitingGroupSchema>;

export const BatchStateSchema = z.enum(BATCH_STATES);

/** One line of the handover record: what the agency's officer checks against the envelope. */
export const BatchItemSchema = z.object({
  dossierId: z.number().int(),
  itemNumber: z.string().nullable(),
  registerNo: z.string().nullable(),
  senderName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  documents: z.array(z.object({ name: z.string(), form: z.enum(['original', 'copy']), count: z.number().int() })),
  fees: z.array(z.object({ name: z.string(), amount: z.number().int().min(0) })),
  addedAt: z.string(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

/** Where the closed batch's upload to the agency's server stands; null while the batch is open. */
export const BatchUploadSchema = z
  .object({
    state: z.enum(['queued', 'sending', 'delivered', 'attention']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    /** the last problem in both languages, with what to do */
    problem: z.object({ code: z.string(), vi: z.string(), en: z.string() }).nullable(),
    /** items the agency rejected, with its reason; they left the batch when the table allowed it */
    rejected: z.array(z.object({ itemNumber: z.string(), reason: z.string() })),
  })
  .nullable();
export type BatchUpload = z.infer<typeof BatchUploadSchema>;

export const BatchSchema = z.object({
  id: z.number().int(),
  /** the number printed on the label and the record; also the upload's MaLo */
  number: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  state: BatchStateSchema,
  createdAt: z.string(),
  createdBy: z.object({ code: z.string(), name: z.string() }),
  closedAt: z.string().nullable(),
  /** when the agency's officer signed the record: the legal submission time */
  handedOverAt: z.string().nullable(),
  handoverOfficer: z.string().nullable(),
  upload: BatchUploadSchema,
  items: z.array(BatchItemSchema),
  totals: z.object({ items: z.number().int(), fees: z.number().int() }),
});
export type Batch = z.infer<typeof BatchSchema>;

export const BatchSummarySchema = BatchSchema.omit({ items: true });
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

export const RecordHandoverInputSchema = z.object({
  batchId,
  /** the time on the signed record, as the clerk reads it off the paper */
  signedAt: z.iso.datetime({ offset: true, message: bilingual('giờ ký không đúng định dạng ngày giờ', 'the signing time is not a date and time') }),
  officerName: z.string().trim().min(1).max(200),
});

export const batchContract = {
  /** accepted dossiers not yet in a batch, by destination agency, late ones first */
  waiting: oc.output(z.array(WaitingGroupSchema)),
  /** batches still open or closed and not yet handed over, newest first */
  unfinished: oc.output(z.array(BatchSummarySchema)),
  get: oc.input(z.object({ batchId })).output(BatchSchema),
  create: oc.input(z.object({ agencyCode })).output(BatchSchema),
  /** a scanned (or typed) item number; refused in words when the dossier cannot go in this batch */
  addByCode: oc.input(z.object({ batchId, code: z.string().trim().min(1).max(60) })).output(BatchSchema),
  addByPick: oc.input(z.object({ batchId, dossierIds: z.array(dossierId).min(1).max(500) })).output(BatchSchema),
  remove: oc.input(z.object({ batchId, dossierId, reason: z.string().trim().min(1).max(500) })).output(BatchSchema),
  close: oc.input(z.object({ batchId })).output(BatchSchema),
  /** Biên bản giao nhận hồ sơ, A4 PDF, two copies */
  handoverRecord: oc.input(z.object({ batchId })).output(ExportFileSchema),
  /** the thermal label for the bag, once the batch is closed */
  printLabel: oc.input(z.object({ batchId })).output(PrintJobSchema),
  recordHandover: oc.input(RecordHandoverInputSchema).output(BatchSchema),
  /** "Gửi lại": an upload that stopped for a person is queued again once its cause is fixed (audited) */
  resend: oc.input(z.object({ batchId })).output(BatchSchema),
};
