/**
 * Print recipes shared by several counters of one office server (migration 035): counters adding
 * the same new recipes at once, and a retention purge removing a recipe while a job is being
 * recorded with it. Each must leave every print job recorded.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Data } from '../../electron/core/db/data.js';
import { postgresSql } from '../../electron/core/db/engine-sql.js';
import { PrintJobRepository, type NewJob } from '../../electron/core/devices/printer/print-job-repository.js';
import { forgetUnusedRecipes, recipeIds } from '../../electron/core/devices/printer/print-recipes.js';
import type { PgLogin } from '../support/postgres.js';
import { freshOfficeDatabase, officeData, onOfficeServer } from '../support/suite-postgres.js';

const clerk = (n: number) => ({ officeCode: '100000', counterCode: `Q0${n}`, clerkCode: `gdv${n}`, clerkName: `Giao dịch viên ${n}` });
const job = (recipe: string): NewJob => ({ dossierId: null, document: 'test', copyLabel: '', reprint: false, recipe, target: 'file' });
const recipe = (round: number, n: number) => JSON.stringify({ kind: 'test', round, n });

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!onOfficeServer())('print recipes on the office server', () => {
  let login: PgLogin;
  let office: { data: Data; pool: pg.Pool; close: () => Promise<void> };
  beforeAll(async () => {
    login = await freshOfficeDatabase();
    office = officeData(login);
  });
  afterAll(() => office?.close());

  it('two counters recording jobs with the same new recipes in opposite orders both succeed, each recipe stored once', async () => {
    const one = new PrintJobRepository(office.data, () => 'Q01', postgresSql);
    const two = new PrintJobRepository(office.data, () => 'Q02', postgresSql);
    // Statements long enough to overlap: each takes its first rows while the other takes its own.
    for (let round = 0; round < 5; round++) {
      const recipes = Array.from({ length: 1000 }, (_, n) => recipe(round, n));
      const [a, b] = await Promise.all([
        one.insertMany(recipes.map(job), 2, clerk(1), new Date()),
        two.insertMany([...recipes].reverse().map(job), 2, clerk(2), new Date()),
      ]);
      expect(a).toHaveLength(1000);
      expect(b).toHaveLength(1000);
    }
    const stored = await office.data.selectFrom('print_recipes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(stored.n).toBe(5000);
    const shared = await office.data
      .selectFrom('print_jobs')
      .select(['recipe_id', (eb) => eb.fn.countAll<number>().as('jobs')])
      .groupBy('recipe_id')
      .having((eb) => eb.fn.countAll(), '<>', 2)
      .execute();
    expect(shared).toEqual([]);
  }, 60_000);

  it('a purge removing an unused recipe while a job is being recorded with it leaves the job recorded', async () => {
    const text = recipe(99, 0);
    const other = recipe(99, 1);
    const ids = await inTransaction(office.data, (tx) => recipeIds(tx, [text, other]));
    // Another session holds print_jobs so the job's transaction stops after finding its recipe
    // and before inserting the job: the window a purge could commit in.
    const holder = new pg.Client(login);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE print_jobs IN SHARE MODE');
      const recording = new PrintJobRepository(office.data, () => 'Q01', postgresSql).insertMany([job(text)], 2, clerk(1), new Date());
      recording.catch(() => undefined);
      await waitFor('the job waits to be inserted', async () => {
        // Asked outside the holder's transaction, which would see the activity as it first read it.
        const r = await office.pool.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into \"print_jobs\"%'");
        return r.rows[0].n === 1;
      });
      // The purge: its jobs gone, it removes the recipes they used that no job uses any more.
      const purge = inTransaction(office.data, (tx) => forgetUnusedRecipes(tx, [...ids.values()], postgresSql));
      purge.catch(() => undefined);
      await Promise.race([purge, new Promise((r) => setTimeout(r, 500))]);
      await holder.query('COMMIT');
      const [jobId] = await recording;
      await purge;
      // The recipe no job was being recorded with went.
      expect(await office.data.selectFrom('print_recipes').select('id').where('id', '=', ids.get(other)!).execute()).toEqual([]);
      const row = await office.data
        .selectFrom('print_jobs as j')
        .innerJoin('print_recipes as r', 'r.id', 'j.recipe_id')
        .select('r.recipe')
        .where('j.id', '=', jobId!)
        .executeTakeFirst();
      expect(row).toEqual({ recipe: text });
    } finally {
      await holder.end();
    }
  }, 30_000);
});
