import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { AppError } from '../../errors.js';
import { holdingAdvisoryLock } from './advisory-lock.js';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL, stepsToApply, type AppliedStep, type Migration } from '../migrate.js';

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations-pg/', import.meta.url));

export const loadPgMigrations = () => loadMigrations(PG_MIGRATIONS_DIR);

/**
 * One key for "this database is being migrated", held by the counter that migrates. Counters
 * starting at once queue on it, and the one that gets it second finds nothing left to do. It is
 * a session lock: a counter killed mid-way frees it with its connection, and its unfinished
 * step, one transaction, is rolled back.
 */
export const MIGRATION_LOCK_KEY = 0x42434349; // "BCCI"

async function appliedSteps(client: pg.ClientBase): Promise<AppliedStep[] | null> {
  const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!rows[0]!.exists) return null;
  return (await client.query<AppliedStep>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows;
}

/**
 * Applies the pending steps, one transaction each, under the advisory lock, after the same
 * history check as the SQLite file's (`stepsToApply`): a server whose steps were edited or come
 * from a newer app is refused in words.
 */
export async function migratePg(pool: pg.Pool, migrations: readonly Migration[] = loadPgMigrations()): Promise<{ applied: number[] }> {
  return holdingAdvisoryLock(pool, MIGRATION_LOCK_KEY, async (client) => {
    await client.query(SCHEMA_MIGRATIONS_DDL);
    const applied: number[] = [];
    for (const m of stepsToApply((await appliedSteps(client)) ?? [], migrations)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES ($1, $2, $3, $4)', [
          m.version,
          m.name,
          m.sha256,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        // A broken connection rolls back by itself; the error that broke it is the one to report.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(m.version);
    }
    return { applied };
  });
}

export type SchemaState =
  | { kind: 'readable'; applied: number; pending: number }
  /** the history differs from this app's steps (edited, or from a newer app): the refusal's words */
  | { kind: 'refused'; error: AppError };

/** What the server's schema is, without changing it: for the connection test before a switch. */
export async function schemaStateOf(client: pg.ClientBase, migrations: readonly Migration[] = loadPgMigrations()): Promise<SchemaState> {
  const done = (await appliedSteps(client)) ?? [];
  try {
    return { kind: 'readable', applied: done.length, pending: stepsToApply(done, migrations).length };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'refused', error };
    throw error;
  }
}
