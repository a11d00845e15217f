import type { AuditEntry, AuditListInput } from '../../../shared/contract/audit.js';
import { nextLink } from '../audit/chain.js';
import { inTransaction, type Data, type Tx } from '../db/data.js';
import type { Actor } from './actor.js';

/** The UTC instant a Hà Nội day starts at (the log stores UTC ISO times). */
const hanoiDayStart = (day: string): string => new Date(`${day}T00:00:00+07:00`).toISOString();
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Writes that are not dossier events (catalogue imports, settings): who, where, when, what.
 * Each entry is a link of the MAC chain (decision 0031), under a key that lives outside the database.
 */
export class AuditRepository {
  constructor(
    private readonly db: Data,
    private readonly key: Buffer,
  ) {}

  /** The same repository inside a transaction, so its row commits with the change. */
  in(tx: Tx): AuditRepository {
    return new AuditRepository(tx, this.key);
  }

  async record(at: Date, action: string, actor: Actor, detail: Record<string, unknown>): Promise<void> {
    const content = { at: at.toISOString(), action, clerk_code: actor.clerkCode, counter_code: actor.counterCode, detail: JSON.stringify(detail) };
    // Reading the last link and appending the next must not interleave with another append.
    if (!this.db.isTransaction) return this.inTransaction((tx) => this.in(tx).record(at, action, actor, detail));
    const last = await this.db.selectFrom('audit_log').select(['seq', 'mac']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const link = nextLink(this.key, last ? { seq: last.seq!, mac: last.mac! } : undefined, content);
    await this.db.insertInto('audit_log').values(link).execute();
  }

  /** The supervisor's view of the trail, newest first, narrowed by clerk, Hà Nội days, action and dossier. */
  async list(filter: AuditListInput): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').select(['id', 'seq', 'at', 'action', 'clerk_code', 'counter_code', 'detail']);
    if (filter.clerkCode) q = q.where('clerk_code', '=', filter.clerkCode);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.from) q = q.where('at', '>=', hanoiDayStart(filter.from));
    if (filter.to) q = q.where('at', '<', hanoiDayStart(dayAfter(filter.to)));
    if (filter.dossierId !== undefined) {
      // The detail is JSON text on both engines: its "dossierId" key, followed by a comma or a brace.
      const id = `"dossierId":${filter.dossierId}`;
      q = q.where((eb) => eb.or([eb('detail', 'like', `%${id},%`), eb('detail', 'like', `%${id}}%`)]));
    }
    const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({ id: r.id, entry: r.seq, at: r.at, action: r.action, clerkCode: r.clerk_code, counterCode: r.counter_code, detail: r.detail }));
  }

  /**
   * Runs `work` in a write transaction taken at once, so a locked database fails before `work`
   * touches anything outside it, and an audit row written through `tx` commits with the change
   * or not at all.
   */
  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }
}
