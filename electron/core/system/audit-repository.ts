import { inTransaction, type Data, type Tx } from '../db/data.js';
import type { Actor } from './actor.js';

/** Writes that are not dossier events (catalogue imports, settings): who, where, when, what. */
export class AuditRepository {
  constructor(private readonly db: Data) {}

  /** The same repository inside a transaction, so its row commits with the change. */
  in(tx: Tx): AuditRepository {
    return new AuditRepository(tx);
  }

  async record(at: Date, action: string, actor: Actor, detail: Record<string, unknown>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ at: at.toISOString(), action, clerk_code: actor.clerkCode, counter_code: actor.counterCode, detail: JSON.stringify(detail) })
      .execute();
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
