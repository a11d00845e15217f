import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/open.js';

/** How many pages the next step copies, given what is left; tests slow the copy to hold it open. */
export type BackupPace = (progress: { totalPages: number; remainingPages: number }) => number;

/**
 * A consistent copy of the live database, taken with SQLite's online backup API while intakes go on.
 * Copying counter.sqlite as a file misses what is still in counter.sqlite-wal; the backup API reads
 * through the connection, and a commit made on that same connection while it runs is copied too.
 */
export async function snapshotDatabase(db: Db, workDir: string, pace?: BackupPace): Promise<Buffer> {
  mkdirSync(workDir, { recursive: true });
  const target = join(workDir, `snapshot-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  try {
    await db.backup(target, pace ? { progress: pace } : undefined);
    return await readFile(target);
  } finally {
    await rm(target, { force: true });
  }
}

/** The highest migration step a database has applied (0 for an empty one). */
export function schemaVersionOf(db: Db): number {
  const row = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!row) return 0;
  return (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
}
