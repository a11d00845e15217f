import { sql } from 'kysely';
import type { Data } from '../db/data.js';

/**
 * What each engine says about its own tables, asked in its own catalogue. Table names come from
 * the engine or from MOVED_TABLES, never from a caller, and are quoted as identifiers.
 */
export interface EngineFacts {
  tables(db: Data): Promise<string[]>;
  columns(db: Data, table: string): Promise<string[]>;
}

export const sqliteFacts: EngineFacts = {
  async tables(db) {
    const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`.execute(db);
    return rows.map((r) => r.name);
  },
  async columns(db, table) {
    const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) ORDER BY cid`.execute(db);
    return rows.map((r) => r.name);
  },
};

export const postgresFacts: EngineFacts = {
  async tables(db) {
    const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
    return rows.map((r) => r.name);
  },
  async columns(db, table) {
    const { rows } = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db);
    return rows.map((r) => r.name);
  },
};

export async function rowCount(db: Data, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}

/** Whether a table holds any row, without counting a large one. */
export async function hasRows(db: Data, table: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(db);
  return rows.length > 0;
}
