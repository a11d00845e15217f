import type { Data } from '../db/data.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { Actor } from '../system/actor.js';

/**
 * Where the rows without seals end (decision 0066, "After a review"): written once into the audit
 * chain, at the first start that can append, before the start's row check. From then on a row
 * without a MAC is accepted only inside this record — by id range and by count — so "before the
 * seals" is a signed fact and not a guess from the order of ids (a row given id −1 or a freed id
 * would otherwise pass for an old one).
 */
export const UNSEALED_RECORDED = 'dossier.unsealedRecorded';

/** The rows of one table without a MAC when recorded: how many, and the lowest and highest id. */
export interface Span {
  count: number;
  min: number | null;
  max: number | null;
}

export interface UnsealedRecord {
  at: string;
  dossiers: Span;
  events: Span;
  jobs: Span;
}

export const within = (span: Span, id: number): boolean => span.min !== null && span.max !== null && id >= span.min && id <= span.max;

const NONE: Span = { count: 0, min: null, max: null };
/** What the check holds to when no record was ever written (a file never started since the seals): nothing is before them. */
export const NO_RECORD: UnsealedRecord = { at: '', dossiers: NONE, events: NONE, jobs: NONE };

async function spanOf(data: Data, table: 'dossiers' | 'dossier_events' | 'print_jobs'): Promise<Span> {
  const r = await data
    .selectFrom(table)
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
    .where('mac', 'is', null)
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  return n === 0 ? NONE : { count: n, min: Number(r.lo), max: Number(r.hi) };
}

const spanFrom = (v: unknown): Span => {
  const s = (v ?? {}) as Partial<Record<keyof Span, unknown>>;
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return { count: num(s.count) ?? 0, min: num(s.min), max: num(s.max) };
};

/**
 * The newest record (only the app, with the key, writes one; two counters of an office starting
 * together may both have, a moment apart). Found by the action index (migration 045).
 */
export async function readUnsealedRecord(data: Data): Promise<UnsealedRecord | null> {
  const r = await data.selectFrom('audit_log').select(['at', 'detail']).where('action', '=', UNSEALED_RECORDED).where('seq', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!r) return null;
  try {
    const d = JSON.parse(r.detail) as Record<string, unknown>;
    return { at: r.at, dossiers: spanFrom(d['dossiers']), events: spanFrom(d['events']), jobs: spanFrom(d['jobs']) };
  } catch {
    // An entry edited into bad JSON is the chain check's to report; nothing is before the seals then.
    return { ...NO_RECORD, at: r.at };
  }
}

/** Appends the record of the rows without a MAC as they stand, counted in the append's transaction. */
export async function recordUnsealed(audit: AuditRepository, at: Date, actor: Actor): Promise<void> {
  await audit.inTransaction(async (tx) => {
    const detail = { dossiers: await spanOf(tx, 'dossiers'), events: await spanOf(tx, 'dossier_events'), jobs: await spanOf(tx, 'print_jobs') };
    await audit.in(tx).record(at, UNSEALED_RECORDED, actor, detail);
  });
}

/** At start: the record, unless the chain holds one already. */
export async function recordUnsealedOnce(audit: AuditRepository, data: Data, at: Date, actor: Actor): Promise<void> {
  if (!(await readUnsealedRecord(data))) await recordUnsealed(audit, at, actor);
}

/**
 * A retention purge removes the chain's oldest entries, the record among them in time: the chunk
 * that removed it appends it again, as it was, so what it vouches for outlives the purge.
 */
export async function carryUnsealedRecord(audit: AuditRepository, tx: Data, record: UnsealedRecord | null, at: Date, actor: Actor): Promise<void> {
  if (!record || (await readUnsealedRecord(tx))) return;
  await audit.record(at, UNSEALED_RECORDED, actor, { dossiers: record.dossiers, events: record.events, jobs: record.jobs, carried: record.at });
}
