/**
 * What a test reads or changes in the counter's data behind the app's back, through the core's own
 * query builder, so the same test runs on the counter's SQLite file and on the office server.
 * Write `?` for each parameter, as in SQLite; the engine's own placeholders are put in.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Data } from '../../electron/core/db/data.js';

function statement(text: string, params: unknown[]) {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${params.length} parameters for ${parts.length - 1} "?" in: ${text}`);
  return sql(Object.assign([...parts], { raw: parts }) as unknown as TemplateStringsArray, ...params);
}

interface HasData {
  core: { data: Data };
}

export async function rowsOf<T>(h: HasData, text: string, ...params: unknown[]): Promise<T[]> {
  return (await statement(text, params).execute(h.core.data)).rows as T[];
}

export async function rowOf<T>(h: HasData, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await rowsOf<T>(h, text, ...params))[0];
}

export async function runSql(h: HasData, text: string, ...params: unknown[]): Promise<void> {
  await statement(text, params).execute(h.core.data);
}

/** The names of the app's tables, on either engine. */
export async function tablesOf(h: HasData & { core: { db: unknown } }): Promise<string[]> {
  const rows =
    h.core.db === null
      ? await rowsOf<{ name: string }>(h, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")
      : await rowsOf<{ name: string }>(h, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  return rows.map((r) => r.name);
}

/** A column of one of the app's tables, as its engine declares it. */
export interface StoredColumn {
  table: string;
  column: string;
  /** the engine's own name for its type: `TEXT`, `INTEGER` on SQLite; `text`, `bigint`, `jsonb` on PostgreSQL */
  type: string;
  notNull: boolean;
  /** holds text a person could read: a name, a token, a JSON body */
  text: boolean;
}

const PG_TEXT = new Set(['text', 'character varying', 'json', 'jsonb']);
const onPostgres = (data: Data): boolean => data.getExecutor().adapter instanceof PostgresAdapter;

/** Every column of every table of the app, on either engine. */
export async function storedColumns(data: Data): Promise<StoredColumn[]> {
  if (onPostgres(data)) {
    const { rows } = await sql<{ t: string; c: string; type: string; nullable: string }>`
      SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable
      FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(data);
    return rows.map((r) => ({ table: r.t, column: r.c, type: r.type, notNull: r.nullable === 'NO', text: PG_TEXT.has(r.type) }));
  }
  const { rows } = await sql<{ t: string; c: string; type: string; notnull: number; pk: number }>`
    SELECT m.name AS t, p.name AS c, p.type, p."notnull", p.pk FROM sqlite_schema m, pragma_table_info(m.name) p
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`.execute(data);
  // A primary key column holds no NULL in either engine (SQLite's rowid alias included).
  return rows.map((r) => ({ table: r.t, column: r.c, type: r.type, notNull: r.notnull === 1 || r.pk > 0, text: r.type === 'TEXT' }));
}

/** Every text value of every table, for a test that a secret or a citizen's data is stored nowhere. */
export async function allStoredText(h: HasData): Promise<string> {
  const values: string[] = [];
  for (const { table, column } of (await storedColumns(h.core.data)).filter((c) => c.text)) {
    for (const r of await rowsOf<{ v: string | null }>(h, `SELECT "${column}" AS v FROM "${table}"`)) values.push(r.v ?? '');
  }
  return values.join('\n');
}

/** Every `table.column` of text whose value holds `needle`, on either engine, sorted. */
export async function columnsHolding(data: Data, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of (await storedColumns(data)).filter((c) => c.text)) {
    const holds = onPostgres(data) ? sql`strpos(${sql.ref(column)}::text, ${needle}) > 0` : sql`instr(${sql.ref(column)}, ${needle}) > 0`;
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${holds}`.execute(data);
    if (Number(rows[0]!.n) > 0) found.push(`${table}.${column}`);
  }
  return found.sort();
}
