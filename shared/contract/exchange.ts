import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { MsgSchema } from './schemas.js';

/** The exchange with the agencies as a clerk sees it: the status bar and the "Cần xử lý" list. */

export const ExchangeStatusSchema = z.object({
  /** closed batches not yet delivered, and when the oldest of them was closed */
  uploadsWaiting: z.number().int(),
  oldestWaitingAt: z.string().nullable(),
  /** none: no agency server is configured; unknown: not asked yet (or another counter of the office does it) */
  agencyServer: z.enum(['none', 'unknown', 'reachable', 'unreachable']),
  /** why the last exchange failed */
  problem: MsgSchema.nullable(),
  /** how many lines the "Cần xử lý" list has */
  attention: z.number().int(),
});
export type ExchangeStatus = z.infer<typeof ExchangeStatusSchema>;

export const AttentionItemSchema = z.object({
  /** refused / supplement-requested: the agency's decision on a dossier; upload: a batch stopped; update: a decision not applied */
  kind: z.enum(['refused', 'supplement-requested', 'upload', 'update']),
  at: z.string(),
  dossierId: z.number().int().nullable(),
  itemNumber: z.string().nullable(),
  senderName: z.string().nullable(),
  batchId: z.number().int().nullable(),
  batchNumber: z.string().nullable(),
  /** the agency's own words (one language, given as both) or ours, with what to do */
  detail: MsgSchema,
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const exchangeContract = {
  status: oc.output(ExchangeStatusSchema),
  /** the status now and after each change on this counter (the status bar's feed) */
  events: oc.output(eventIterator(ExchangeStatusSchema)),
  /** "Cần xử lý": refusals and supplement requests, uploads stopped for a person, updates not applied */
  attention: oc.output(z.array(AttentionItemSchema)),
};
