import { sql } from 'kysely';
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
const ANY: Span = { count: Infinity, min: -Infinity, max: Infinity };
/**
 * What the check holds to when no record was ever written: a file no start could write to since the
 * seals (a moved or damaged counter's, an old copy given to `audit-check`). Its rows without a MAC
 * are taken as from before them, uncounted; a dossier its trail says was sealed at intake still may
 * not lack one.
 */
export const NO_RECORD: UnsealedRecord = { at: '', dossiers: ANY, events: ANY, jobs: ANY };

type Table = 'dossiers' | 'dossier_events' | 'print_jobs';

/** The rows of `table` without a MAC (a dossier's: a report or list printed alone never has one), within `inside` when given. */
async function spanOf(data: Data, table: Table, inside?: Span): Promise<Span> {
  let q = data
    .selectFrom(table)
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
    .where('mac', 'is', null);
  if (table !== 'dossiers') q = q.where(sql.ref('dossier_id'), 'is not', null);
  if (inside) q = q.where('id', '>=', inside.min ?? 0).where('id', '<=', inside.max ?? -1);
  const r = await q.executeTakeFirstOrThrow();
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
    return { at: r.at, dossiers: NONE, events: NONE, jobs: NONE };
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
 * A retention purge removes the chain's oldest entries, the record among them in time, and old rows
 * without a MAC: a chunk that removed the record, or some of those rows, appends it again with the
 * rows counted anew within its spans. What it vouches for outlives the purge, and the count never
 * leaves room for a seal stripped in place of a row purged.
 */
export async function carryUnsealedRecord(audit: AuditRepository, tx: Data, record: UnsealedRecord | null, at: Date, actor: Actor): Promise<void> {
  if (!record) return;
  const still = await readUnsealedRecord(tx);
  const now = { dossiers: await recount(tx, 'dossiers', record.dossiers), events: await recount(tx, 'dossier_events', record.events), jobs: await recount(tx, 'print_jobs', record.jobs) };
  const fewer = still !== null && (['dossiers', 'events', 'jobs'] as const).some((t) => now[t].count < still[t].count);
  if (still && !fewer) return;
  await audit.record(at, UNSEALED_RECORDED, actor, { ...now, carried: record.at });
}

/** The span as it stands now: its rows without a MAC counted again, its ends kept. */
async function recount(tx: Data, table: Table, span: Span): Promise<Span> {
  if (span.count === 0) return span;
  return { ...span, count: (await spanOf(tx, table, span)).count };
}
