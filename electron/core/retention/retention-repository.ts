import { sql, type ExpressionBuilder } from 'kysely';
import { DOSSIER_STATUSES, STATE_FACTS, type DossierStatus } from '../../../shared/lifecycle/states.js';
import { linksHold } from '../audit/chain.js';
import { linksIn, type DossierLink } from '../audit/verify-dossiers.js';
import { checkpointMac, latestPurgedStart } from '../audit/checkpoint.js';
import type { Data, Tx } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';
import { appError, type AppError } from '../errors.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import type { Schema } from '../db/schema.js';
import { forgetUnusedRecipes } from '../devices/printer/print-recipes.js';
import type { Actor } from '../system/actor.js';

/** Settled: the lifecycle's final states (delivered, returned to the agency, refused, …). */
export const SETTLED: DossierStatus[] = DOSSIER_STATUSES.filter((s) => STATE_FACTS[s].final);

/** Every table holding rows of a dossier, children before parents (a test holds this to the schema). */
export const DOSSIER_CHILDREN = ['intake_requests', 'dossier_documents', 'dossier_fees', 'dossier_events', 'batch_items', 'agency_updates', 'result_returns'] as const;

/** Deletes go by chunks of ids: well under both engines' limit on bound values. */
const CHUNK = 500;

/** A purge run: who, when, by which rule. Each of its chunks leaves its own checkpoint with these. */
export interface PurgeRun {
  years: number;
  cutoff: string;
  at: string;
  actor: Actor;
}

/** What one chunk may remove: these dossiers, chain entries up to `maxEntries` of them but never past `lastSeq`, these pre-chain rows. */
export interface ChunkWork {
  ids: number[];
  /** every dossier the run means to remove, in this chunk or another */
  planned: ReadonlySet<number>;
  lastSeq: number;
  maxEntries: number;
  unchained: number[];
}

export interface ChunkDone {
  dossiers: number;
  entries: number;
  /** the last entry number removed by this chunk, null when it removed none */
  upTo: number | null;
  unchained: number;
  cleared: Cleared;
  /** the dossiers the removed entries recorded that stay: the chunk's own entry records them again */
  kept: DossierLink[];
}

/** A purge stops rather than remove entries it cannot vouch for: they may be the evidence. */
export function chainBroken(summary?: Msg): AppError {
  return appError(
    'RETENTION_CHAIN_BROKEN',
    `Không xoá: nhật ký kiểm tra không nguyên vẹn. ${summary?.vi ?? 'Bấm "Kiểm tra toàn bộ" trên màn hình nhật ký để biết mục nào.'}`,
    `Nothing purged: the audit trail is not intact. ${summary?.en ?? 'Press "Check everything" on the audit screen to see which entry.'}`,
  );
}

export interface PurgeSet {
  dossiers: number;
  byYear: { year: number; dossiers: number }[];
  oldest: string | null;
  newest: string | null;
  keptOpen: number;
}

/** What a purge cleared besides dossiers and audit entries: the citizens' data kept elsewhere. */
export interface Cleared {
  /** delivered batch uploads and delivery reports */
  outbox: number;
  /** agency updates about purged dossiers' items, or older than the cutoff with no dossier */
  updates: number;
  /** unexpected return scans from before the cutoff */
  scans: number;
}

export interface AuditRange {
  /** the chain's entries to remove: first_seq–last_seq, none when null */
  first: number;
  last: number;
  lastMac: string;
  oldestAt: string;
  newestAt: string;
}

/**
 * A print job of the dossier that the worker may still send by itself. A job held, failed or of
 * unknown outcome years ago waits for a person who will not come: it goes with its dossier.
 */
function printing(eb: ExpressionBuilder<Schema, 'dossiers'>) {
  return eb.exists(eb.selectFrom('print_jobs as p').select('p.id').whereRef('p.dossier_id', '=', 'dossiers.id').where('p.state', 'in', ['queued', 'sending']));
}

/** The key each of the dossier's reported events was sent under (shared/returns/rules.ts deliveryReportKey). */
const reportKey = sql<string>`dossiers.office_code || '-' || e.counter_code || '-EV' || cast(e.id as text)`;

/**
 * An outbox row about the dossier not yet delivered: a report of one of its events, or the
 * upload of a batch holding it. Its body carries the citizen's details and is still to be sent.
 */
function unsent(eb: ExpressionBuilder<Schema, 'dossiers'>) {
  const notDelivered = ['queued', 'sending', 'attention'] as const;
  return eb.or([
    eb.exists(
      eb
        .selectFrom('dossier_events as e')
        .innerJoin('outbox as o', (j) => j.on(sql<boolean>`o.idempotency_key = ${reportKey}`))
        .select('o.id')
        .whereRef('e.dossier_id', '=', 'dossiers.id')
        .where('o.state', 'in', notDelivered),
    ),
    eb.exists(
      eb
        .selectFrom('batch_items as i')
        .innerJoin('batches as b', 'b.id', 'i.batch_id')
        .innerJoin('outbox as o', 'o.idempotency_key', 'b.number')
        .select('o.id')
        .whereRef('i.dossier_id', '=', 'dossiers.id')
        .where('o.kind', '=', 'batch-upload')
        .where('o.state', 'in', notDelivered),
    ),
  ]);
}

/**
 * A dossier may go when it is settled, was taken in before the cutoff, has no event since, no
 * print job still open, nothing still to send to the agency, and no dossier that stays resumes it.
 */
function purgeable(eb: ExpressionBuilder<Schema, 'dossiers'>, cutoff: string) {
  return eb.and([
    eb('dossiers.status', 'in', SETTLED),
    eb('dossiers.created_at', '<', cutoff),
    eb.not(printing(eb)),
    eb.not(unsent(eb)),
    eb.not(eb.exists(eb.selectFrom('dossier_events as e').select('e.id').whereRef('e.dossier_id', '=', 'dossiers.id').where('e.at', '>=', cutoff))),
    eb.not(
      eb.exists(
        eb
          .selectFrom('dossiers as k')
          .select('k.id')
          .whereRef('k.resumes_dossier_id', '=', 'dossiers.id')
          .where((k) => k.or([k('k.created_at', '>=', cutoff), k('k.status', 'not in', SETTLED)])),
      ),
    ),
  ]);
}

/** The office_settings row holding the retention period. */
export const RETENTION_ROW = 'retention';

export class RetentionRepository {
  constructor(
    private readonly data: Data,
    private readonly engine: EngineSql,
  ) {}

  in(tx: Tx): RetentionRepository {
    return new RetentionRepository(tx, this.engine);
  }

  /** The office's period, an office-wide setting (decision 0047): the row 'retention' of office_settings. */
  async period(): Promise<{ years: number; set_at: string; clerk_code: string } | undefined> {
    const row = await this.data.selectFrom('office_settings').select(['value', 'updated_at', 'updated_by']).where('name', '=', RETENTION_ROW).executeTakeFirst();
    const years = row ? (JSON.parse(row.value) as { years?: unknown }).years : undefined;
    return row && typeof years === 'number' ? { years, set_at: row.updated_at, clerk_code: row.updated_by } : undefined;
  }

  async purgeSet(cutoff: string): Promise<PurgeSet> {
    const year = sql<string>`substr(created_day, 1, 4)`;
    const rows = await this.data
      .selectFrom('dossiers')
      .select([year.as('year'), (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('created_day').as('oldest'), (eb) => eb.fn.max('created_day').as('newest')])
      .where((eb) => purgeable(eb, cutoff))
      .groupBy(year)
      .orderBy(year)
      .execute();
    const open = await this.data
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '<', cutoff)
      .where((eb) => eb.or([eb('status', 'not in', SETTLED), printing(eb), unsent(eb)]))
      .executeTakeFirstOrThrow();
    return {
      dossiers: rows.reduce((n, r) => n + Number(r.n), 0),
      byYear: rows.map((r) => ({ year: Number(r.year), dossiers: Number(r.n) })),
      oldest: rows[0]?.oldest ?? null,
      newest: rows[rows.length - 1]?.newest ?? null,
      keptOpen: Number(open.n),
    };
  }

  /**
   * The audit entries a purge at `cutoff` removes: the chain's oldest entries up to the last one
   * before the first entry at or after the cutoff (a prefix, so the kept chain has no hole), after
   * any earlier purge's range.
   */
  async auditRange(cutoff: string, after: number): Promise<AuditRange | null> {
    const firstKept = await this.data.selectFrom('audit_log').select('seq').where('seq', 'is not', null).where('at', '>=', cutoff).orderBy('seq').limit(1).executeTakeFirst();
    let q = this.data.selectFrom('audit_log').select(['seq', 'mac', 'at']).where('seq', '>', after);
    if (firstKept) q = q.where('seq', '<', firstKept.seq!);
    const last = await q.orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (!last) return null;
    const span = await this.data
      .selectFrom('audit_log')
      .select([(eb) => eb.fn.min('at').as('oldest'), (eb) => eb.fn.max('at').as('newest')])
      .where('seq', '>', after)
      .where('seq', '<=', last.seq!)
      .executeTakeFirstOrThrow();
    return { first: after + 1, last: last.seq!, lastMac: last.mac!, oldestAt: span.oldest!, newestAt: span.newest! };
  }

  /** The entry number of the last run that started and did not finish (a crash, an error), or null. */
  async unfinishedRun(): Promise<number | null> {
    const last = (action: string) => this.data.selectFrom('audit_log').select(['id', 'seq']).where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const [started, finished] = [await last('retention.purgeStarted'), await last('retention.purge')];
    return started && (!finished || finished.id < started.id) ? started.seq : null;
  }

  /** Rows written before the chain began (no MAC), older than the cutoff: they go too. */
  async unchainedBefore(cutoff: string): Promise<number[]> {
    const firstSigned = await this.data.selectFrom('audit_log').select('id').where('seq', 'is not', null).orderBy('id').limit(1).executeTakeFirst();
    let q = this.data.selectFrom('audit_log').select('id').where('seq', 'is', null).where('at', '<', cutoff);
    if (firstSigned) q = q.where('id', '<', firstSigned.id);
    return (await q.execute()).map((r) => r.id);
  }

  /** The dossiers a purge at `cutoff` removes, newest first: a dossier resumed by another in the set goes after it. */
  async purgeableIds(cutoff: string): Promise<number[]> {
    return (await this.data.selectFrom('dossiers').select('id').where((eb) => purgeable(eb, cutoff)).orderBy('id', 'desc').execute()).map((r) => r.id);
  }

  /**
   * One chunk of a purge, inside the caller's short transaction (decision 0055): opens the
   * append-only tables to it (the 'running' row), removes those of `work.ids` still purgeable, the
   * next chain entries after the last checkpoint up to `work.lastSeq` (each checked against its
   * MAC and its neighbour first) and the given pre-chain rows, and closes the row as the signed
   * checkpoint of exactly this chunk. Whatever chunk commits last, the chain verifies.
   */
  async purgeChunk(tx: Tx, key: Buffer, run: PurgeRun, work: ChunkWork): Promise<ChunkDone> {
    const { id } = await tx
      .insertInto('retention_purges')
      .values({ state: 'running', years: run.years, cutoff: run.cutoff, purged_at: run.at, clerk_code: run.actor.clerkCode, clerk_name: run.actor.clerkName, counter_code: run.actor.counterCode })
      .returning('id')
      .executeTakeFirstOrThrow();
    const repo = this.in(tx);
    // Checked again here: a dossier touched since the run was planned stays.
    const ids = work.ids.length
      ? (await tx.selectFrom('dossiers').select('id').where('id', 'in', work.ids).where((eb) => purgeable(eb, run.cutoff)).orderBy('id', 'desc').execute()).map((r) => r.id)
      : [];
    const cleared: Cleared = { outbox: 0, updates: 0, scans: 0 };
    if (ids.length) {
      const removed = await repo.removeDossiers(ids);
      cleared.outbox = removed.reports + (await repo.removeUploads(removed.batches));
      cleared.updates = removed.updates;
    }
    const removed = await repo.removeEntries(key, work.lastSeq, work.maxEntries);
    const range = removed?.range;
    const kept = removed ? await repo.staying(removed.links, work.planned, run.cutoff) : [];
    if (work.unchained.length) await tx.deleteFrom('audit_log').where('id', 'in', work.unchained).where('seq', 'is', null).execute();
    const content = {
      id,
      years: run.years,
      cutoff: run.cutoff,
      purged_at: run.at,
      clerk_code: run.actor.clerkCode,
      clerk_name: run.actor.clerkName,
      counter_code: run.actor.counterCode,
      dossiers: ids.length,
      entries: range ? range.last - range.first + 1 : 0,
      first_seq: range?.first ?? null,
      last_seq: range?.last ?? null,
      last_mac: range?.lastMac ?? null,
      oldest_at: range?.oldestAt ?? null,
      newest_at: range?.newestAt ?? null,
    };
    const { id: _id, ...columns } = content;
    await tx.updateTable('retention_purges').set({ ...columns, state: 'done', mac: checkpointMac(key, content) }).where('id', '=', id).execute();
    return { dossiers: ids.length, entries: content.entries, upTo: range?.last ?? null, unchained: work.unchained.length, cleared, kept };
  }

  /** The last chunk's rest: what the agency exchanges and return scans kept from before the cutoff. */
  async clearOld(cutoff: string): Promise<Pick<Cleared, 'updates' | 'scans'>> {
    const updates = count(await this.data.deleteFrom('agency_updates').where('dossier_id', 'is', null).where('received_at', '<', cutoff).executeTakeFirst());
    const scans = count(await this.data.deleteFrom('unmatched_return_scans').where('scanned_at', '<', cutoff).executeTakeFirst());
    return { updates, scans };
  }

  /**
   * Removes up to `max` entries from the chain's start (after the last checkpoint), never past
   * `lastSeq`. The entries are checked first: numbered without a gap, each MAC sound and each
   * linked to the one before, the first to the checkpoint's last MAC. A purge must never remove
   * evidence of tampering, and the next checkpoint will vouch for them.
   */
  private async removeEntries(key: Buffer, lastSeq: number, max: number): Promise<{ range: AuditRange; links: DossierLink[] } | null> {
    const start = await latestPurgedStart(this.data, key);
    if (!start) throw chainBroken();
    const upTo = Math.min(lastSeq, start.upTo + max);
    if (upTo <= start.upTo) return null;
    const rows = await this.data
      .selectFrom('audit_log')
      .select(['seq', 'prev_mac', 'mac', 'at', 'action', 'clerk_code', 'counter_code', 'detail'])
      .where('seq', '>', start.upTo)
      .where('seq', '<=', upTo)
      .orderBy('seq')
      .execute();
    if (!linksHold(key, start.upTo, start.lastMac, rows, upTo)) throw chainBroken();
    await this.data.deleteFrom('audit_log').where('seq', '>', start.upTo).where('seq', '<=', upTo).execute();
    const times = rows.map((r) => r.at).sort();
    return {
      range: { first: start.upTo + 1, last: upTo, lastMac: rows[rows.length - 1]!.mac!, oldestAt: times[0]!, newestAt: times[times.length - 1]! },
      links: rows.flatMap((r) => linksIn(r.action, r.detail, r.at)),
    };
  }

  /**
   * Of the dossiers the removed entries recorded, those still there that this run does not remove
   * (not planned, or planned but touched since): their link to the chain is carried forward, so a
   * dossier kept past a purge deleted later is still named by the check.
   */
  private async staying(links: DossierLink[], planned: ReadonlySet<number>, cutoff: string): Promise<DossierLink[]> {
    const byId = new Map(links.map((l) => [l.dossierId, l]));
    const ids = [...byId.keys()];
    const stay = new Set<number>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      for (const r of await this.data.selectFrom('dossiers').select('id').where('id', 'in', part).execute()) stay.add(Number(r.id));
      const going = part.filter((id) => planned.has(id) && stay.has(id));
      if (going.length === 0) continue;
      for (const r of await this.data.selectFrom('dossiers').select('id').where('id', 'in', going).where((eb) => purgeable(eb, cutoff)).execute()) stay.delete(Number(r.id));
    }
    return [...byId.values()].filter((l) => stay.has(l.dossierId));
  }

  /**
   * Removes the dossiers with their rows, the delivered delivery reports of their events and the
   * held agency updates about their items (which found no dossier, so carry no dossier id).
   * Returns the numbers of the batches they were in: an upload goes once all its dossiers have.
   */
  private async removeDossiers(ids: number[]): Promise<{ batches: string[]; reports: number; updates: number }> {
    const batches = await this.data.selectFrom('batch_items as i').innerJoin('batches as b', 'b.id', 'i.batch_id').select('b.number').distinct().where('i.dossier_id', 'in', ids).execute();
    const keys = this.data
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers', 'dossiers.id', 'e.dossier_id')
      .select(reportKey.as('key'))
      .where('e.dossier_id', 'in', ids);
    const reports = count(await this.data.deleteFrom('outbox').where('kind', '=', 'delivery-report').where('state', '=', 'delivered').where('idempotency_key', 'in', keys).executeTakeFirst());
    const items = this.data.selectFrom('dossiers').select('item_number').where('id', 'in', ids).where('item_number', 'is not', null);
    const updates = count(await this.data.deleteFrom('agency_updates').where('dossier_id', 'is', null).where('item_number', 'in', items).executeTakeFirst());
    const jobs = this.data.selectFrom('print_jobs').select('id').where('dossier_id', 'in', ids);
    const recipes = (await this.data.selectFrom('print_jobs').select('recipe_id').distinct().where('dossier_id', 'in', ids).where('recipe_id', 'is not', null).execute()).map((r) => r.recipe_id!);
    await this.data.deleteFrom('print_job_bytes').where('job_id', 'in', jobs).execute();
    await this.data.deleteFrom('print_jobs').where('dossier_id', 'in', ids).execute();
    // Recipes no job uses any more go too: a reprint's names its clerk, a delivery note's the collector.
    await forgetUnusedRecipes(this.data, recipes, this.engine);
    for (const table of DOSSIER_CHILDREN) await this.data.deleteFrom(table).where('dossier_id', 'in', ids).execute();
    await this.data.deleteFrom('dossiers').where('id', 'in', ids).execute();
    return { batches: batches.map((b) => b.number), reports, updates };
  }

  /** The delivered uploads of these batches that no longer hold any dossier. */
  private async removeUploads(numbers: string[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < numbers.length; i += CHUNK) {
      const emptied = this.data
        .selectFrom('batches as b')
        .select('b.number')
        .where('b.number', 'in', numbers.slice(i, i + CHUNK))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('batch_items as i').select('i.dossier_id').whereRef('i.batch_id', '=', 'b.id'))));
      n += count(await this.data.deleteFrom('outbox').where('kind', '=', 'batch-upload').where('state', '=', 'delivered').where('idempotency_key', 'in', emptied).executeTakeFirst());
    }
    return n;
  }
}

const count = (r: { numDeletedRows: bigint } | undefined) => Number(r?.numDeletedRows ?? 0);
