import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { startCore, type Harness } from '../support/core-harness.js';
import { expectRecipesMovedAndPrintedAsBefore, twoDossiersPrinted } from '../support/moved-recipes.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/**
 * Rewrites the counter's file as it stood before migration 035: the same rows, each print job
 * carrying its own copy of its recipe, as every job did then.
 */
function asBeforeMigration035(dataDir: string): void {
  const file = join(dataDir, 'counter.sqlite');
  renameSync(file, join(dataDir, 'later.sqlite'));
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const db = openDatabase(dataDir);
  migrate(db, loadMigrations().filter((m) => m.version < 35));
  db.pragma('foreign_keys = OFF');
  db.exec(`ATTACH '${join(dataDir, 'later.sqlite')}' AS later`);
  // Tables later steps dropped (retention_policy, 036) stay empty, as they were before any period was set.
  const tables = (
    db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'dossier_names%' AND name NOT IN ('schema_migrations', 'print_jobs') AND name IN (SELECT name FROM later.sqlite_schema WHERE type = 'table')").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  db.transaction(() => {
    for (const t of tables) {
      // Columns later steps added (the seals of 040) are left behind: the old schema has none.
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('${t}', 'main')`).all() as { name: string }[]).map((c) => c.name).join(', ');
      db.exec(`DELETE FROM main.${t}; INSERT INTO main.${t} (${columns}) SELECT ${columns} FROM later.${t}`);
    }
    db.exec(`INSERT INTO main.print_jobs (id, dossier_id, document, copy_label, reprint, created_at, clerk_code, clerk_name, counter_code, state, target,
               attempts, recipe, layout_version, sha256, size, error_code, error_vi, error_en, updated_at)
             SELECT j.id, j.dossier_id, j.document, j.copy_label, j.reprint, j.created_at, j.clerk_code, j.clerk_name, j.counter_code, j.state, j.target,
               j.attempts, r.recipe, j.layout_version, j.sha256, j.size, j.error_code, j.error_vi, j.error_en, j.updated_at
             FROM later.print_jobs j LEFT JOIN later.print_recipes r ON r.id = j.recipe_id`);
  })();
  db.exec('DETACH later');
  db.close();
  rmSync(join(dataDir, 'later.sqlite'));
}

describe('migration 035: each print recipe once', () => {
  it('moves the recipes of jobs printed before it into one row each; those jobs are previewed and reprinted as before', async () => {
    h = await startCore({ printKeepBytesHours: 1 });
    const dataDir = h.dataDir;
    const { first, second, before } = await twoDossiersPrinted(h);
    await h.stop();
    asBeforeMigration035(dataDir);
    const old = openDatabase(dataDir);
    expect(old.prepare('SELECT count(DISTINCT recipe) AS recipes, count(recipe) AS jobs FROM print_jobs').get()).toEqual({ recipes: 3, jobs: 6 });
    old.close();

    h = await startCore({ dataDir, printKeepBytesHours: 1 });
    await expectRecipesMovedAndPrintedAsBefore(h, before, first, second);
  }, 60_000);
});
