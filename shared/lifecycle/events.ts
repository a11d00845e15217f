import { z } from 'zod';
import { FieldChangeSchema } from './corrections.js';

/** Why someone ended or set back a dossier, as they typed it. */
const reason = z.object({ reason: z.string().max(500) });
const batch = z.object({ batchId: z.string().max(40) });

/**
 * Every kind of event in a dossier's history, with what it records. Events that move a
 * dossier are named after the state they lead to where one event leads to one state (the
 * register book reads `handed-over`, `result-at-post` and `delivered` by these names).
 * The data is checked against these schemas before it is written, so an event's record
 * means the same thing in every row.
 */
export const EVENT_DATA = {
  /** taken in at the counter: J starts */
  accepted: z.object({
    registerNo: z.string().nullable(),
    itemNumber: z.string().nullable(),
    total: z.number().int().min(0),
    expectedHandoverDate: z.string().nullable(),
    expectedHandoverProvisional: z.boolean(),
    handoverDays: z.number().int().min(0),
  }),
  /** documents missing: the citizen got a guidance slip, nothing was accepted */
  guided: z.object({ missing: z.array(z.string()) }),
  /** a supervisor cancelled a dossier taken in by mistake, before it left the office; `refund` is what was taken */
  voided: reason.extend({ refund: z.number().int().min(0) }),
  /** a supervisor fixed details after intake, before the dossier leaves the office: each field before and after */
  corrected: reason.extend({ changes: z.array(FieldChangeSchema).min(1) }),
  batched: batch,
  /** taken out of a batch that has not been handed over (the agency's system rejected it, say) */
  unbatched: batch.extend(reason.shape),
  /** the handover record was signed at the agency, by this officer (absent on events recorded before it was kept) */
  'handed-over': batch.extend({ officer: z.string().max(200).optional() }),
  /** the agency's dossier code and appointment date (portal status 2) */
  'received-by-agency': z.object({ agencyDossierCode: z.string().max(60), appointmentDate: z.string().nullable() }),
  refused: reason,
  /** what the agency asks for (portal status 5); the clock restarts when it is complete */
  'supplement-requested': z.object({ missing: z.string().max(2000) }),
  processing: z.object({}),
  /** the result waits at the agency, with the return item's number and the result documents */
  'result-ready': z.object({ returnItemNumber: z.string().max(40), resultDocuments: z.array(z.string()) }),
  /** the agency handed the result to the post office */
  'result-at-post': z.object({ returnItemNumber: z.string().max(40) }),
  'out-for-delivery': z.object({ attempt: z.number().int().min(1) }),
  'delivery-failed': z.object({ attempt: z.number().int().min(1), reason: z.string().max(500) }),
  /** handed to the owner or an authorised person after the ID check */
  delivered: z.object({ recipientName: z.string().max(200), recipientIdNumber: z.string().max(20), authorised: z.boolean() }),
  /** after the failed attempts the rules allow */
  'returned-to-agency': z.object({}),
  withdrawn: reason,
  stopped: reason,
} as const;

export type EventKind = keyof typeof EVENT_DATA;
export const EVENT_KINDS = Object.keys(EVENT_DATA) as [EventKind, ...EventKind[]];
export type EventData<K extends EventKind> = z.infer<(typeof EVENT_DATA)[K]>;

/** An event as a writer hands it to the core: the kind decides the shape of its data. */
export type DossierEvent = { [K in EventKind]: { kind: K; data: EventData<K> } }[EventKind];
