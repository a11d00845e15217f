import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sampleIntake, startCore } from '../tests/support/core-harness.js';
import type { Row } from './stats.js';

const sizeOf = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * What a dossier costs on disk over the years: a year of accepted dossiers (n spread over the
 * year, so settled jobs pass their keep window as they would), each printing its receipts and
 * label, then the database file (after a checkpoint) divided by the dossiers.
 */
export async function benchStorage(n = 300): Promise<Row[]> {
  const h = await startCore();
  try {
    const empty = statSync(join(h.dataDir, 'counter.sqlite')).size;
    for (let i = 0; i < n; i++) {
      await h.setClock(new Date(h.clock.now.getTime() + YEAR_MS / n));
      await h.client.dossiers.intake(sampleIntake(1));
      await h.core.printing.idle();
    }
    h.core.db!.pragma('wal_checkpoint(TRUNCATE)');
    const db = statSync(join(h.dataDir, 'counter.sqlite')).size - empty;
    const preview = sizeOf(join(h.dataDir, 'print-preview'));
    const perDossier = (bytes: number) => Math.round(bytes / n);
    return [
      { bench: 'storage per dossier', variant: 'database (bytes, not µs)', n, median_us: perDossier(db), p99_us: perDossier(db), note: 'a year of dossiers, 3 documents printed each' },
      { bench: 'storage per dossier', variant: 'preview folder (bytes, not µs)', n, median_us: perDossier(preview), p99_us: perDossier(preview), note: 'no printer set up' },
    ];
  } finally {
    await h.stop();
  }
}
