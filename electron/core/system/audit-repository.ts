import type { AuditListInput, AuditPage } from '../../../shared/contract/audit.js';
import { describeEntry } from '../audit/describe-entry.js';
import { nextLink } from '../audit/chain.js';
import type { ChainHead, ChainMark } from '../audit/marker-file.js';
import { inTransaction, onCommit, type Data, type Tx } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';
import type { Actor } from './actor.js';
import type { AppError } from '../errors.js';
import { guidanceCode } from '../../../shared/ids/guidance-code.js';
import { sql } from 'kysely';

/** A LIKE pattern's literal part: `_` and `%` in a code (agency codes may carry `_`) match only themselves. */
const literal = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The last entry each open transaction appended, for the end marker once it commits. */
const appended = new WeakMap<Tx, ChainMark>();

/** The screen's filter with the dossier found: entries naming this dossier's id. */
export type AuditFilter = Omit<AuditListInput, 'dossier'> & { dossierId?: number };

/** The UTC instant a Hà Nội day starts at (the log stores UTC ISO times). */
const hanoiDayStart = (day: string): string => new Date(`${day}T00:00:00+07:00`).toISOString();
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Writes that are not dossier events (catalogue imports, settings): who, where, when, what.
 * Each entry is a link of the MAC chain (decision 0031), under a key that lives outside the database.
 */
/** The advisory lock key of the audit chain's tail on an office server ("AUDT"). */
export const AUDIT_CHAIN_LOCK = 0x41554454;

export class AuditRepository {
  constructor(
    private readonly db: Data,
    private readonly key: Buffer,
    private readonly sql: EngineSql,
    /** the end marker kept outside the database; moved after each commit that appended */
    private readonly head?: ChainHead,
    /** why this counter may not append (its key is not the office's), or null */
    private readonly refusal: () => AppError | null = () => null,
  ) {}

  /** The same repository inside a transaction, so its row commits with the change. */
  in(tx: Tx): AuditRepository {
    return new AuditRepository(tx, this.key, this.sql, this.head, this.refusal);
  }

  async record(at: Date, action: string, actor: Actor, detail: Record<string, unknown>): Promise<void> {
    const refused = this.refusal();
    if (refused) throw refused;
    const content = { at: at.toISOString(), action, clerk_code: actor.clerkCode, counter_code: actor.counterCode, detail: JSON.stringify(detail) };
    // Reading the last link and appending the next must not interleave with another append.
    if (!this.db.isTransaction) return this.inTransaction((tx) => this.in(tx).record(at, action, actor, detail));
    await this.sql.appendLock(this.db as Tx, AUDIT_CHAIN_LOCK);
    const last = await this.db.selectFrom('audit_log').select(['seq', 'mac']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const link = nextLink(this.key, last ? { seq: last.seq!, mac: last.mac! } : undefined, content);
    const { id } = await this.db.insertInto('audit_log').values(link).returning('id').executeTakeFirstOrThrow();
    const tx = this.db as Tx;
    // The end marker follows every committed append, also in a transaction another repository
    // opened (an intake's): lagging behind those, it left the newest dossiers' entries cuttable unseen.
    if (!appended.has(tx)) onCommit(tx, () => this.head?.advance(appended.get(tx)!));
    appended.set(tx, { seq: link.seq, mac: link.mac, id, at: link.at });
  }

  /**
   * A record that must survive the app being killed but need not wait for the disk: a lookup of
   * a citizen (decision 0053). Its own transaction, committed the engine's cheap way; the end
   * marker follows once the record is durable.
   */
  async recordQuick(at: Date, action: string, actor: Actor, detail: Record<string, unknown>): Promise<void> {
    let used: Tx | undefined;
    await this.sql.quickTransaction(this.db, (tx) => this.in((used = tx)).record(at, action, actor, detail));
    const last = used && appended.get(used);
    if (last) this.head?.advanceSoon(last);
  }

  /**
   * The supervisor's view of the trail, newest first, a page at a time, narrowed by clerk, Hà Nội
   * days, action and dossier. Pages follow the row id (`before`), not an offset, so the hundredth
   * page of a long log costs what the first does.
   */
  async list(filter: AuditFilter): Promise<AuditPage> {
    let q = this.db
      .selectFrom('audit_log as a')
      .leftJoin('clerks as c', 'c.code', 'a.clerk_code')
      .select(['a.id', 'a.seq', 'a.at', 'a.action', 'a.clerk_code', 'a.counter_code', 'a.detail', 'c.name as clerk_name']);
    if (filter.before !== undefined) q = q.where('a.id', '<', filter.before);
    if (filter.clerkCode) q = q.where('a.clerk_code', '=', filter.clerkCode);
    if (filter.action) q = q.where('a.action', '=', filter.action);
    if (filter.from) q = q.where('a.at', '>=', hanoiDayStart(filter.from));
    if (filter.to) q = q.where('a.at', '<', hanoiDayStart(dayAfter(filter.to)));
    if (filter.dossierId !== undefined) {
      const about = await this.aboutDossier(filter.dossierId);
      // The detail is JSON text on both engines: a key and its number, followed by a comma or a brace.
      const keyed = (key: string, n: number) => [`%"${key}":${n},%`, `%"${key}":${n}}%`];
      const patterns = [...keyed('dossierId', filter.dossierId), ...about.jobIds.flatMap((j) => keyed('jobId', j))];
      // A lookup's query as JSON text, matched without parsing: an entry edited into bad JSON still lists.
      const typed = about.lookups.map((c) => `%${literal(`"query":${JSON.stringify(c)}}`)}%`);
      const like = (p: string) => sql<boolean>`a.detail like ${p} escape '\\'`;
      q = q.where((eb) => eb.or([...patterns.map(like), eb.and([eb('a.action', '=', 'lookup'), eb.or(typed.map(like))])]));
    }
    // One row more than asked tells whether an older page exists.
    const rows = await q.orderBy('a.id', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    return {
      entries: page.map((r) => ({
        id: r.id,
        entry: r.seq,
        at: r.at,
        action: r.action,
        ...describeEntry(r.action, r.detail),
        clerkCode: r.clerk_code,
        clerkName: r.clerk_name,
        counterCode: r.counter_code,
      })),
      next: rows.length > filter.limit ? page[page.length - 1]!.id : null,
    };
  }

  /**
   * What entries about a dossier may carry instead of its id: its print jobs' numbers, and the
   * codes and numbers a lookup that found it was typed with (its item number, agency dossier code,
   * guidance slip code, the sender's ID and phone numbers).
   */
  private async aboutDossier(id: number): Promise<{ jobIds: number[]; lookups: string[] }> {
    const jobs = await this.db.selectFrom('print_jobs').select('id').where('dossier_id', '=', id).execute();
    const d = await this.db
      .selectFrom('dossiers')
      .select(['item_number', 'agency_dossier_code', 'sender_personal_id', 'sender_old_id', 'sender_phone'])
      .where('id', '=', id)
      .executeTakeFirst();
    const lookups = [guidanceCode(id), d?.item_number, d?.agency_dossier_code, d?.sender_personal_id, d?.sender_old_id, d?.sender_phone];
    return { jobIds: jobs.map((j) => j.id), lookups: lookups.filter((c): c is string => !!c) };
  }

  /**
   * Runs `work` in a write transaction taken at once, so a locked database fails before `work`
   * touches anything outside it, and an audit row written through `tx` commits with the change
   * or not at all (the end marker moves after the commit).
   */
  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }
}
