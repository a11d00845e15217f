import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toAppError } from '../errors.js';

export type Db = Database.Database;

/** Fails early, in words, when the data folder cannot be written, before SQLite says it worse. */
export function probeWritable(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const probe = join(dataDir, `.write-probe-${process.pid}`);
  writeFileSync(probe, '');
  rmSync(probe);
}

/**
 * Opens the counter database: WAL so reading screens never block a commit,
 * synchronous=FULL because commits accept money and dossiers, foreign keys on.
 */
/** The counter's own database in its data folder. */
export const COUNTER_FILE = 'counter.sqlite';

export function openDatabase(dataDir: string, fileName = COUNTER_FILE): Db {
  let db: Db | undefined;
  try {
    probeWritable(dataDir);
    db = new Database(join(dataDir, fileName), { timeout: 3000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Reads the header and schema: a damaged or foreign file fails here, not mid-intake.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    throw toAppError(error);
  }
}
