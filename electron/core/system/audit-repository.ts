import type { Db } from '../db/open.js';
import type { Actor } from './actor.js';

/** Writes that are not dossier events (catalogue imports, settings): who, where, when, what. */
export class AuditRepository {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO audit_log (at, action, clerk_code, counter_code, detail) VALUES (?, ?, ?, ?, ?)');
  }

  record(at: Date, action: string, actor: Actor, detail: Record<string, unknown>): void {
    this.insert.run(at.toISOString(), action, actor.clerkCode, actor.counterCode, JSON.stringify(detail));
  }

  /**
   * Runs `work` in a write transaction taken at once (BEGIN IMMEDIATE), so a locked database
   * fails before `work` touches anything outside SQLite, and an audit row written inside it
   * commits with the change or not at all.
   */
  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
