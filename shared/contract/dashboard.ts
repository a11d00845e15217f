import { z } from 'zod';

const count = z.number().int();

/** What happened in a stretch of days, counted from its events. */
export const DashboardFlowSchema = z.object({ received: count, handedOver: count, handedOverLate: count, returned: count });

/** The supervisor's F6 overview: today and this month, and how things stand now. */
export const DashboardSchema = z.object({
  today: z.string(),
  /** first day of the month (yyyy-mm-dd) */
  monthFrom: z.string(),
  flow: z.object({ today: DashboardFlowSchema, month: DashboardFlowSchema }),
  /** accepted or in a batch, not handed over yet */
  waitingHandover: count,
  /** of those, past their expected handover date */
  pastDueHandover: count,
  /** results at the post office waiting for their owner */
  resultsWaiting: count,
  /** when the longest-waiting of them reached the post office */
  oldestResultAt: z.string().nullable(),
  /** uploads to the agencies stopped for a person */
  uploadsAttention: count,
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardListKindSchema = z.enum(['waiting-handover', 'past-due', 'results-waiting']);
export type DashboardListKind = z.infer<typeof DashboardListKindSchema>;

/** One dossier behind a dashboard number, oldest first. */
export const DashboardRowSchema = z.object({
  dossierId: z.number().int(),
  registerNo: z.string().nullable(),
  itemNumber: z.string().nullable(),
  senderName: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  /** accepted at (waiting for handover) or reached the post office at (results) */
  since: z.string(),
  expectedHandoverDate: z.string().nullable(),
});
export type DashboardRow = z.infer<typeof DashboardRowSchema>;

export const DashboardListSchema = z.object({ kind: DashboardListKindSchema, total: count, rows: z.array(DashboardRowSchema) });
export type DashboardList = z.infer<typeof DashboardListSchema>;
