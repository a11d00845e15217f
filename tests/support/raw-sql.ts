/**
 * What a test reads or changes in the counter's data behind the app's back, through the core's own
 * query builder, so the same test runs on the counter's SQLite file and on the office server.
 * Write `?` for each parameter, as in SQLite; the engine's own placeholders are put in.
 */
import { sql } from 'kysely';
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

/** Every text value of every table, for a test that a secret or a citizen's data is stored nowhere. */
export async function allStoredText(h: HasData & { core: { db: unknown } }): Promise<string> {
  const columns =
    h.core.db === null
      ? await rowsOf<{ t: string; c: string }>(h, "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb')")
      : await rowsOf<{ t: string; c: string }>(h, "SELECT m.name AS t, p.name AS c FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.type = 'TEXT'");
  const values: string[] = [];
  for (const { t, c } of columns) for (const r of await rowsOf<{ v: string | null }>(h, `SELECT "${c}" AS v FROM "${t}"`)) values.push(r.v ?? '');
  return values.join('\n');
}
