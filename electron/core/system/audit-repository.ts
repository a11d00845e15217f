import type { Db } from '../db/open.js';
import type { Actor } from './actor.js';

/** Writes that are not dossier events (catalogue imports, settings): who, where, when, what. */
export class AuditRepository {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO audit_log (at, action, clerk_code, counter_code, detail) VALUES (?, ?, ?, ?, ?)');
  }

  record(at: Date, action: string, actor: Actor, detail: Record<string, unknown>): void {
    this.insert.run(at.toISOString(), action, actor.clerkCode, actor.counterCode, JSON.stringify(detail));
  }
}
