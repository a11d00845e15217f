import { z } from 'zod';
import { DossierStatusSchema } from './schemas.js';

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
  /** results at the post office waiting for their owner (also those back from a failed delivery attempt) */
  resultsWaiting: count,
  /** when the longest-waiting of them reached the post office */
  oldestResultAt: z.string().nullable(),
  /** uploads to the agencies stopped for a person */
  uploadsAttention: count,
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DashboardListKindSchema = z.enum(['waiting-handover', 'past-due', 'results-waiting']);
export type DashboardListKind = z.infer<typeof DashboardListKindSchema>;

/** The most rows one page of a list carries; the screen asks for the next as the clerk scrolls. */
export const DASHBOARD_PAGE = 200;

export const DashboardListInputSchema = z.object({
  kind: DashboardListKindSchema,
  /** rows to skip, oldest first: 0 for the first page, then the number already shown */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(DASHBOARD_PAGE).default(DASHBOARD_PAGE),
});

/** One dossier behind a dashboard number, oldest first. */
export const DashboardRowSchema = z.object({
  dossierId: z.number().int(),
  registerNo: z.string().nullable(),
  itemNumber: z.string().nullable(),
  senderName: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  /** a result back from a failed delivery attempt says so */
  status: DossierStatusSchema,
  /** accepted at (waiting for handover), or reached the post office at (results; back from the failed attempt at, for those) */
  since: z.string(),
  expectedHandoverDate: z.string().nullable(),
});
export type DashboardRow = z.infer<typeof DashboardRowSchema>;

/** One page of the dossiers behind a number; `total` counts them all. */
export const DashboardListSchema = z.object({ kind: DashboardListKindSchema, total: count, offset: count, rows: z.array(DashboardRowSchema) });
export type DashboardList = z.infer<typeof DashboardListSchema>;
