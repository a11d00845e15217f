import { z } from 'zod';
import { isRealIsoDate } from '../format/vn-time.js';

const day = z.string().refine(isRealIsoDate, { message: 'ngày không hợp lệ (yyyy-mm-dd) | not a real date (yyyy-mm-dd)' });

/** A range of counter days, both ends included. */
export const DayRangeSchema = z.object({ from: day, to: day });
export type DayRange = z.infer<typeof DayRangeSchema>;

/** One entry of the register book (sổ theo dõi hồ sơ), as stored; shared/reports words it. */
export const RegisterRowSchema = z.object({
  /** position in the book for the range, from 1 */
  stt: z.number().int(),
  registerNo: z.string(),
  /** the agency's dossier code once it returned one */
  agencyDossierCode: z.string().nullable(),
  procedureName: z.string(),
  senderName: z.string(),
  senderAddress: z.string(),
  senderPhone: z.string(),
  agencyName: z.string(),
  acceptedAt: z.string(),
  appointmentDate: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  resultReceivedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  /** voided by a supervisor: the line and its number stay, marked (a void is not a gap) */
  voidedAt: z.string().nullable(),
});
export type RegisterRow = z.infer<typeof RegisterRowSchema>;

/** How one year's register numbers stand: issued by the counter, carried by dossiers, and the holes. */
export const YearNumberingSchema = z.object({
  year: z.number().int(),
  issued: z.number().int(),
  present: z.number().int(),
  gaps: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
});
export type YearNumbering = z.infer<typeof YearNumberingSchema>;

export const RegisterPageSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(RegisterRowSchema),
  numbering: z.array(YearNumberingSchema),
});
export type RegisterPage = z.infer<typeof RegisterPageSchema>;

export const RegisterPageInputSchema = DayRangeSchema.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const ExportFormatSchema = z.enum(['xlsx', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** A file made by the core for the clerk to save: sent whole, as base64, over either transport. */
export const ExportFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() });
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** One kind of fee taken over a day: its name as on the receipts, how many dossiers, the sum. */
const TakenSchema = z.object({ name: z.string(), count: z.number().int(), amount: z.number().int() });

/** A void or correction of one of the clerk's dossiers that counts in this day (decision 0037). */
export const DayAmendmentSchema = z.object({
  kind: z.enum(['voided', 'corrected']),
  dossierId: z.number().int(),
  registerNo: z.string().nullable(),
  at: z.string(),
  /** the supervisor who made it */
  byCode: z.string(),
  byName: z.string(),
  /** what a void owes back (0 for a correction) */
  refund: z.number().int(),
  /** the day it was made on, when that day was already closed and it landed here instead */
  movedFrom: z.string().nullable(),
});
export type DayAmendment = z.infer<typeof DayAmendmentSchema>;

const StoredCloseSchema = z.object({
  closedAt: z.string(),
  clerkName: z.string(),
  expectedCash: z.number().int(),
  cashCounted: z.number().int(),
  difference: z.number().int(),
  /** the supervisor who closed the day for the clerk; null when the clerk closed it */
  closedBy: z.object({ code: z.string(), name: z.string() }).nullable(),
});

/** A clerk's day at a counter, computed from the day's events; with its close once closed. */
export const DaySummarySchema = z.object({
  day: z.string(),
  counterCode: z.string(),
  clerkCode: z.string(),
  clerkName: z.string(),
  accepted: z.number().int(),
  guided: z.number().int(),
  fees: z.array(TakenSchema),
  feesTotal: z.number().int(),
  postage: z.object({ count: z.number().int(), amount: z.number().int() }),
  /** voids and corrections of the clerk's dossiers counted in this day */
  amendments: z.array(DayAmendmentSchema),
  voided: z.number().int(),
  corrected: z.number().int(),
  /** what the day's voids owe back to the citizens, paid from the drawer */
  refunds: z.number().int(),
  /** fees and postage less refunds: the cash the drawer should hold for the day */
  expectedCash: z.number().int(),
  reprints: z.number().int(),
  close: StoredCloseSchema.nullable(),
});
export type DaySummary = z.infer<typeof DaySummarySchema>;

export const DayInputSchema = z.object({ day: day.optional() });

/** One clerk at one counter on a day, for the supervisor's close of every counter. */
export const CounterDaySchema = z.object({
  counterCode: z.string(),
  clerkCode: z.string(),
  clerkName: z.string(),
  accepted: z.number().int(),
  voided: z.number().int(),
  corrected: z.number().int(),
  reprints: z.number().int(),
  expectedCash: z.number().int(),
  close: StoredCloseSchema.nullable(),
});
export type CounterDay = z.infer<typeof CounterDaySchema>;
export const CounterDaysSchema = z.object({ day: z.string(), counters: z.array(CounterDaySchema) });
export type CounterDays = z.infer<typeof CounterDaysSchema>;
export const CloseDayInputSchema = z.object({
  day,
  cashCounted: z.number({ message: 'tiền mặt phải là số đồng | the cash must be a whole number of đồng' }).int().min(0).max(1_000_000_000_000),
});

/** A supervisor closes a clerk's day at a counter for them, with the cash they counted. */
export const CloseDayForInputSchema = CloseDayInputSchema.extend({
  counterCode: z.string().min(1).max(40),
  clerkCode: z.string().min(1).max(40),
});
