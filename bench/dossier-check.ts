/**
 * The row check of decision 0066 over a counter of many sealed dossiers (each with its events):
 * `npx tsx bench/dossier-check.ts [count] [folder]` (100,000 by default; the check is linear in dossiers,
 * a page of 500 at a time). Also how long an intake-sized write waits while the check runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyDossiers } from '../electron/core/audit/verify-dossiers.js';
import { dossierDb } from './dossier-db.js';

const count = Number(process.argv[2] ?? 100_000);
// A folder given third keeps the database (and its key) for another run, against another build of the check.
const dir = process.argv[3] ?? join(tmpdir(), `bcci-bench-sealed-${count}-${process.pid}`);
const keyFile = join(dir, 'bench.key');
const key = existsSync(keyFile) ? readFileSync(keyFile) : randomBytes(32);
mkdirSync(dir, { recursive: true });
writeFileSync(keyFile, key);
const built = await dossierDb(dir, count, key);
console.log(`${count} sealed dossiers built in ${built.builtSeconds} s`);
try {
  // A write every 20 ms while the check runs: how long each waits for the connection.
  const waits: number[] = [];
  let checking = true;
  const writer = (async () => {
    while (checking) {
      const t = performance.now();
      await built.data.selectFrom('dossiers').select('id').where('id', '=', 1).execute();
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const found = await verifyDossiers(built.data, key);
  const seconds = (performance.now() - t0) / 1000;
  checking = false;
  await writer;
  waits.sort((a, b) => a - b);
  console.log(`checked ${found.sealed} sealed, ${found.beforeSeals} before, ${found.problems.length} problems in ${seconds.toFixed(1)} s (${((seconds / count) * 1e6).toFixed(1)} µs a dossier; 1,000,000 ≈ ${((seconds / count) * 1e6).toFixed(0)} s)`);
  console.log(`a query sent every 20 ms during the check waited: median ${waits[waits.length >> 1]?.toFixed(1)} ms, max ${waits.at(-1)?.toFixed(1)} ms (${waits.length} queries)`);
} finally {
  await built.data.destroy();
}
