/**
 * Migration 035 on the office server over rows already there: an office database as it stood
 * at step 034, holding an office's dossiers and print jobs each with its own copy of its recipe,
 * is migrated by a counter starting on it.
 */
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPgMigrations, migratePg } from '../../electron/core/db/postgres/migrate-pg.js';
import { openOfficePool } from '../../electron/core/db/postgres/pool.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { startCore, type Harness } from '../support/core-harness.js';
import { expectRecipesMovedAndPrintedAsBefore, twoDossiersPrinted } from '../support/moved-recipes.js';
import type { PgLogin } from '../support/postgres.js';
import { asSuiteSuperuser, freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const columnsOf = async (c: pg.Client, table: string): Promise<string[]> =>
  (
    await c.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
      [table],
    )
  ).rows.map((r) => r.name);

/**
 * A database at step 034 holding the rows of `from` (a later one), each print job with its
 * recipe's text again, as every job carried it then. Tables later steps added stay behind.
 */
async function asBeforeMigration035(from: string): Promise<PgLogin> {
  const login = await freshOfficeDatabase('empty');
  const pool = openOfficePool({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' }, login.password);
  try {
    await migratePg(pool, loadPgMigrations().filter((m) => m.version < 35));
  } finally {
    await pool.end();
  }
  await asSuiteSuperuser(from, (later) =>
    asSuiteSuperuser(login.database, async (old) => {
      // Rows go in as they are, in any order: no foreign key or append-only trigger fires.
      await old.query('SET session_replication_role = replica');
      const tables = (await old.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'")).rows;
      for (const { t } of tables) {
        const there = new Set(await columnsOf(later, t));
        if (there.size === 0) continue;
        const columns = (await columnsOf(old, t)).filter((c) => there.has(c) || (t === 'print_jobs' && c === 'recipe'));
        const list = columns.map((c) => (t === 'print_jobs' && c === 'recipe' ? 'r.recipe' : `x."${c}"`)).join(', ');
        const source = t === 'print_jobs' ? 'print_jobs x LEFT JOIN print_recipes r ON r.id = x.recipe_id' : `"${t}" x`;
        const { rows } = await later.query<{ rows: string }>(`SELECT coalesce(json_agg(y), '[]')::text AS rows FROM (SELECT ${list} FROM ${source}) y`);
        const names = columns.map((c) => `"${c}"`).join(', ');
        await old.query(`INSERT INTO "${t}" (${names}) SELECT ${names} FROM json_populate_recordset(null::"${t}", $1::json)`, [rows[0]!.rows]);
        // Ids given explicitly do not move an identity's sequence: the next row must not take one again.
        for (const c of columns) {
          const sequence = (await old.query<{ s: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS s', [`"${t}"`, c])).rows[0]!.s;
          if (sequence) await old.query(`SELECT setval($1, (SELECT coalesce(max("${c}"), 0) + 1 FROM "${t}"), false)`, [sequence]);
        }
      }
    }),
  );
  return login;
}

describe.skipIf(!onOfficeServer())('migration 035 on the office server: each print recipe once', () => {
  it('moves the recipes of jobs printed before it into one row each; those jobs are previewed and sent again byte for byte', async () => {
    h = await startCore({ printKeepBytesHours: 1 });
    const dataDir = h.dataDir;
    const { first, second, before } = await twoDossiersPrinted(h);
    await h.stop();
    h = undefined;

    // The counter's folder now points at the same office as it stood before step 035.
    const settings = fileSettingsStore(dataDir);
    const server = settings.store.officeServer as PgLogin & Record<string, unknown>;
    const old = await asBeforeMigration035(server.database);
    settings.store = { ...settings.store, officeServer: { ...server, database: old.database } };
    const inline = await asSuiteSuperuser(old.database, async (c) => (await c.query('SELECT count(DISTINCT recipe)::int AS recipes, count(recipe)::int AS jobs FROM print_jobs')).rows[0]);
    expect(inline).toEqual({ recipes: 3, jobs: 6 });

    h = await startCore({ dataDir, printKeepBytesHours: 1 });
    await expectRecipesMovedAndPrintedAsBefore(h, before, first, second);
  }, 60_000);
});
