import type pg from 'pg';
import type { OfficeServer } from '../../../../shared/contract/office-server.js';
import { AppError, appError } from '../../errors.js';
import { connectionProblem } from './connection-words.js';
import { migratePg, loadPgMigrations } from './migrate-pg.js';
import { openOfficePool } from './pool.js';
import type { Migration } from '../migrate.js';

/**
 * Opens the office's shared database at a counter's start, as `openDatabase` + `migrate` open the
 * SQLite file: the schema's history is checked (and pending steps applied) before anything else
 * runs, and a server that cannot be reached, or whose schema this app must not touch, is
 * refused in words.
 */
export async function openOfficeDatabase(
  server: OfficeServer,
  password: string,
  counterCode: string,
  migrations: readonly Migration[] = loadPgMigrations(),
): Promise<{ pool: pg.Pool; applied: number[] }> {
  const pool = openOfficePool(server, password, `bcci-counter ${counterCode}`);
  try {
    const { applied } = await migratePg(pool, migrations);
    return { pool, applied };
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof AppError) throw error;
    const why = connectionProblem(error, server);
    if (!why) throw error;
    throw appError(
      'OFFICE_SERVER_UNAVAILABLE',
      `Không mở được dữ liệu bưu cục trên máy chủ: ${why.words.vi}`,
      `Cannot open the office's data on its server: ${why.words.en}`,
      { status: 'INTERNAL_SERVER_ERROR', cause: error },
    );
  }
}
