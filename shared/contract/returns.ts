import { oc } from '@orpc/contract';
import { ExportFileSchema } from './reports.js';
import { z } from 'zod';
import { DossierDetailSchema, DossierStatusSchema, FeeLineSchema, MsgSchema, PrintJobSchema, realDate, ReturnMethodSchema, SenderSchema, typed } from './schemas.js';

/** F3 Trả kết quả: results taken in from the agency, told to the citizen, handed over or tried at the address. */

const dossierId = z.number().int().positive();
/** a scanned or typed return item number (S10, or a carrier's opaque code) */
const code = z.string().trim().min(1).max(60);

/** One result at this post office, as a line of the F3 lists. */
export const ReturnLineSchema = z.object({
  dossierId: z.number().int(),
  status: DossierStatusSchema,
  returnItemNumber: z.string(),
  itemNumber: z.string().nullable(),
  senderName: z.string(),
  phone: z.string(),
  procedureName: z.string(),
  returnMethod: z.enum(['at-office', 'to-address']),
  receivedAt: z.string(),
  /** minutes since the result arrived at this post office */
  waitedMinutes: z.number().int(),
  /** when the citizen was last told the result is here, and by whom */
  notifiedAt: z.string().nullable(),
  notifiedBy: z.string().nullable(),
});
export type ReturnLine = z.infer<typeof ReturnLineSchema>;

export const DeliveryRecordSchema = z.object({
  deliveredAt: z.string(),
  recipientName: z.string(),
  recipientIdNumber: z.string(),
  authorised: z.boolean(),
  authorisationDocument: z.string(),
  documentsHanded: z.array(z.string()),
  fees: z.array(z.object({ name: z.string(), amount: z.number().int() })),
  feesTotal: z.number().int(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  failedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

/** Where one report to the agency (POST /v1/deliveries) stands in the outbox. */
export const DeliveryReportSchema = z.object({
  status: z.enum(['DELIVERED', 'DELIVERY_FAILED', 'RETURNED_TO_AGENCY']),
  attempt: z.number().int(),
  state: z.enum(['queued', 'sending', 'delivered', 'attention']),
  attempts: z.number().int(),
  /** the last problem in both languages, with what to do */
  problem: z.object({ code: z.string(), vi: z.string(), en: z.string() }).nullable(),
});

/** Everything F3 shows about one result: the dossier, the return item, the attempts, the delivery. */
export const ReturnDetailSchema = z.object({
  line: ReturnLineSchema,
  dossier: DossierDetailSchema,
  resultDocuments: z.array(z.string()),
  attempts: z.array(DeliveryAttemptSchema),
  /** the first day another attempt at the address may start, while one may */
  nextAttemptFrom: z.string().nullable(),
  delivery: DeliveryRecordSchema.nullable(),
  /** what the agency has been told, oldest first */
  reports: z.array(DeliveryReportSchema),
});
export type ReturnDetail = z.infer<typeof ReturnDetailSchema>;

export const UnmatchedScanSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  scannedAt: z.string(),
  reason: MsgSchema,
  clerkCode: z.string(),
  counterCode: z.string(),
});
export type UnmatchedScan = z.infer<typeof UnmatchedScanSchema>;

export const DeliverInputSchema = z.object({
  dossierId,
  /** the collector's chip-card QR text, or the 12-digit (or old 9-digit) number typed */
  collectorId: z.string().trim().min(1).max(2000),
  /** set when the collector is not the owner: their name and the authorisation document */
  authorisation: z
    .object({ name: z.string().trim().min(1).max(200), document: z.string().trim().min(1).max(500) })
    .optional(),
  documentsHanded: z.array(z.string().trim().min(1).max(300)).min(1).max(30),
  /** fees due at return, collected now (integer VND) */
  fees: z.array(FeeLineSchema).max(20),
});
export type DeliverInput = z.infer<typeof DeliverInputSchema>;

export const DeliverOutcomeSchema = z.object({
  detail: ReturnDetailSchema,
  /** the delivery note for the collector's signature */
  printJob: PrintJobSchema.nullable(),
  /** set when the delivery was recorded but its note could not even be queued */
  printProblem: MsgSchema.nullable(),
});

/**
 * "Chỉ nhận kết quả": the citizen applied online or at the agency and chose return by post. The
 * agency's dossier code is what its updates will name; the procedure gives the agency.
 */
export const ResultOnlyInputSchema = z.object({
  agencyDossierCode: z.string().trim().min(1).max(60),
  procedureCode: z.string().max(60),
  catalogVersion: z.number().int(),
  sender: SenderSchema,
  returnMethod: ReturnMethodSchema,
  deliveryAddress: typed(500),
  /** the appointment date on the agency's receipt, when the citizen has one */
  appointmentDate: realDate.nullable(),
});
export type ResultOnlyInput = z.infer<typeof ResultOnlyInputSchema>;

export const ResultOnlyOutcomeSchema = z.object({
  dossierId: z.number().int(),
  registerNo: z.string(),
  status: DossierStatusSchema,
  agencyDossierCode: z.string(),
});
export type ResultOnlyOutcome = z.infer<typeof ResultOnlyOutcomeSchema>;

/** One result on the postman's round: where it goes and which attempt this is. */
export const RoundLineSchema = z.object({
  dossierId: z.number().int(),
  returnItemNumber: z.string(),
  recipientName: z.string(),
  phone: z.string(),
  deliveryAddress: z.string(),
  procedureName: z.string(),
  attempt: z.number().int(),
});
export type RoundLine = z.infer<typeof RoundLineSchema>;

export const returnsContract = {
  /** the postman's day: results out for delivery at an address */
  round: oc.output(z.array(RoundLineSchema)),
  /** the same list on A4 for the round, with room for each outcome and signature */
  roundPdf: oc.output(ExportFileSchema),
  /** a "receive result only" dossier: registered here, it waits for the agency's result */
  registerResultOnly: oc.input(ResultOnlyInputSchema).output(ResultOnlyOutcomeSchema),
  /** a return item picked up from the agency: it becomes "at this post office" or "out for delivery" */
  receive: oc.input(z.object({ code })).output(ReturnLineSchema),
  /** scans that matched no expected result, kept to be sorted out */
  unmatched: oc.output(z.array(UnmatchedScanSchema)),
  /** results waiting at this post office, oldest first, with the citizen's phone */
  waiting: oc.output(z.array(ReturnLineSchema)),
  /** a scanned or typed return item number → the result */
  find: oc.input(z.object({ code })).output(ReturnDetailSchema),
  get: oc.input(z.object({ dossierId })).output(ReturnDetailSchema),
  /** "đã báo": the citizen has been told the result is here */
  notified: oc.input(z.object({ dossierId })).output(ReturnLineSchema),
  deliver: oc.input(DeliverInputSchema).output(DeliverOutcomeSchema),
  /** an attempt at the address failed, with the reason; the second failure sends it back to the agency */
  attemptFailed: oc.input(z.object({ dossierId, reason: z.string().trim().min(1).max(500) })).output(ReturnDetailSchema),
  /** the next attempt at the address starts (no sooner than two working days after the failed one) */
  nextAttempt: oc.input(z.object({ dossierId })).output(ReturnDetailSchema),
};
