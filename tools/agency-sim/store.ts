/**
 * The simulated agency's own SQLite file: recorded writes (the idempotency keys with the
 * hash of the body and the answer given), the items received, and the decisions, planned
 * then published to the updates feed in due order. Publishing assigns the cursor, so a
 * decision planned earlier but due later never slips behind a cursor already served.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WireUpdate } from '../../shared/agency/wire.js';
import type { PlannedUpdate } from './schedule.js';

export type WriteKind = 'batch' | 'delivery';

export interface RecordedWrite {
  bodySha: string;
  answer: string;
}

export class SimStore {
  readonly db: Database.Database;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'agency-sim.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS writes (
        post_office TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
        body_sha TEXT NOT NULL, answer TEXT NOT NULL, recorded_at INTEGER NOT NULL,
        PRIMARY KEY (post_office, kind, key));
      CREATE TABLE IF NOT EXISTS items (
        post_office TEXT NOT NULL, item TEXT NOT NULL, batch TEXT NOT NULL, agency TEXT NOT NULL, accepted INTEGER NOT NULL);
      CREATE UNIQUE INDEX IF NOT EXISTS items_accepted_once ON items (post_office, item) WHERE accepted = 1;
      CREATE TABLE IF NOT EXISTS planned (
        id INTEGER PRIMARY KEY, post_office TEXT NOT NULL, due_at INTEGER NOT NULL, body TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS planned_due ON planned (due_at, id);
      CREATE TABLE IF NOT EXISTS updates (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT, post_office TEXT NOT NULL, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
  }

  write(postOffice: string, kind: WriteKind, key: string): RecordedWrite | undefined {
    return this.db
      .prepare('SELECT body_sha AS bodySha, answer FROM writes WHERE post_office = ? AND kind = ? AND key = ?')
      .get(postOffice, kind, key) as RecordedWrite | undefined;
  }

  recordWrite(postOffice: string, kind: WriteKind, key: string, bodySha: string, answer: string, at: number): void {
    this.db.prepare('INSERT INTO writes VALUES (?, ?, ?, ?, ?, ?)').run(postOffice, kind, key, bodySha, answer, at);
  }

  /** The batch that already holds this item as accepted, if any. */
  acceptedIn(postOffice: string, item: string): string | undefined {
    const row = this.db.prepare('SELECT batch FROM items WHERE post_office = ? AND item = ? AND accepted = 1').get(postOffice, item) as
      | { batch: string }
      | undefined;
    return row?.batch;
  }

  recordItem(postOffice: string, item: string, batch: string, agency: string, accepted: boolean): void {
    this.db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?)').run(postOffice, item, batch, agency, accepted ? 1 : 0);
  }

  /** The next number of a named sequence (the agency's dossier codes per agency and day). */
  next(name: string): number {
    return (this.db
      .prepare('INSERT INTO sequences VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
      .get(name) as { value: number }).value;
  }

  plan(postOffice: string, planned: PlannedUpdate[]): void {
    const insert = this.db.prepare('INSERT INTO planned (post_office, due_at, body) VALUES (?, ?, ?)');
    for (const p of planned) insert.run(postOffice, p.dueAt, JSON.stringify(p.update));
  }

  /** Moves every decision due by `now` to the feed, in due order; each gets the next cursor. */
  publishDue(now: number): void {
    this.db.transaction(() => {
      const due = this.db.prepare('SELECT id, post_office, body FROM planned WHERE due_at <= ? ORDER BY due_at, id').all(now) as {
        id: number;
        post_office: string;
        body: string;
      }[];
      const insert = this.db.prepare('INSERT INTO updates (post_office, body) VALUES (?, ?)');
      const remove = this.db.prepare('DELETE FROM planned WHERE id = ?');
      for (const d of due) {
        insert.run(d.post_office, d.body);
        remove.run(d.id);
      }
    })();
  }

  updatesAfter(postOffice: string, after: number, limit: number): WireUpdate[] {
    const rows = this.db
      .prepare('SELECT cursor, body FROM updates WHERE post_office = ? AND cursor > ? ORDER BY cursor LIMIT ?')
      .all(postOffice, after, limit) as { cursor: number; body: string }[];
    return rows.map((r) => ({ Cursor: String(r.cursor), ...(JSON.parse(r.body) as Omit<WireUpdate, 'Cursor'>) }));
  }

  /** How many times each item was received, accepted or not: exactly-once checks read this. */
  receivedCounts(postOffice: string): Record<string, { received: number; accepted: number }> {
    const rows = this.db
      .prepare('SELECT item, COUNT(*) AS received, SUM(accepted) AS accepted FROM items WHERE post_office = ? GROUP BY item')
      .all(postOffice) as { item: string; received: number; accepted: number }[];
    return Object.fromEntries(rows.map((r) => [r.item, { received: r.received, accepted: r.accepted }]));
  }

  /** How many delivery reports were recorded for each return item: exactly-once checks read this. */
  deliveryCounts(postOffice: string): Record<string, number> {
    const rows = this.db
      .prepare("SELECT json_extract(answer, '$.SoHieuBuuGuiKetQua') AS item, COUNT(*) AS n FROM writes WHERE post_office = ? AND kind = 'delivery' GROUP BY item")
      .all(postOffice) as { item: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.item, r.n]));
  }

  batchCount(postOffice: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM writes WHERE post_office = ? AND kind = 'batch'").get(postOffice) as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
