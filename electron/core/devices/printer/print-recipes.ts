import { createHash } from 'node:crypto';
import type { Data } from '../../db/data.js';
import type { EngineSql } from '../../db/engine-sql.js';

/** As migration 035 keyed the recipes it moved (PostgreSQL's sha256 of the UTF-8 text). */
const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** How many recipe ids one statement names. */
const CHUNK = 500;

/**
 * The row of each recipe, added when new: one clerk's receipt copy has the same recipe for every
 * dossier, so it is stored once (migration 035). Call it inside the jobs' transaction.
 *
 * A recipe found is updated to itself, not skipped: on PostgreSQL that holds its row until the
 * jobs commit, so a purge cannot remove it between this and the job that uses it (a skipped
 * conflict locks nothing). Rows are taken in SHA-256 order, so two counters adding the same new
 * recipes wait for each other instead of each holding one the other needs (a deadlock).
 */
export async function recipeIds(db: Data, recipes: string[]): Promise<Map<string, number>> {
  const byHash = new Map(recipes.map((r) => [sha256Hex(r), r]));
  const rows = await db
    .insertInto('print_recipes')
    .values([...byHash.keys()].sort().map((sha256) => ({ sha256, recipe: byHash.get(sha256)! })))
    // The recipe column, not the key: a lock that leaves the key alone lets other jobs refer to the row meanwhile.
    .onConflict((oc) => oc.column('sha256').doUpdateSet((eb) => ({ recipe: eb.ref('excluded.recipe') })))
    .returning(['id', 'sha256'])
    .execute();
  return new Map(rows.map((r) => [byHash.get(r.sha256)!, r.id]));
}

/**
 * Removes those of these recipes no job uses any more (the retention purge, after its jobs went).
 * A recipe a job being recorded holds (`recipeIds`) is left for that job, not waited for: once
 * the wait ended the job would use it, and the delete would fail the whole purge.
 */
export async function forgetUnusedRecipes(db: Data, ids: number[], engine: EngineSql): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const unused = db
      .selectFrom('print_recipes as r')
      .select('r.id')
      .where('r.id', 'in', ids.slice(i, i + CHUNK))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('print_jobs as j').select('j.id').whereRef('j.recipe_id', '=', 'r.id'))));
    await db.deleteFrom('print_recipes').where('id', 'in', engine.unheldRows(unused)).execute();
  }
}
