import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { sampleIntake, startCore } from '../tests/support/core-harness.js';
import { printTable, type Row } from './stats.js';

const sizeOf = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

const YEAR_MS = 365 * 24 * 3_600_000;

/** Bytes on disk per table, its indexes counted with it (dbstat names each b-tree; an index belongs to its table). */
function bytesByTable(db: Database.Database): Map<string, number> {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db
    .prepare(
      `SELECT coalesce(m.tbl_name, s.name) AS name, sum(s.pgsize) AS bytes
         FROM dbstat s LEFT JOIN sqlite_schema m ON m.name = s.name
        GROUP BY 1`,
    )
    .all() as { name: string; bytes: number }[];
  return new Map(rows.map((r) => [r.name, r.bytes]));
}

/**
 * What a dossier costs on disk over the years: a year of accepted dossiers (n spread over the
 * year, so settled jobs pass their keep window as they would), each printing its receipts and
 * label. The cost is the SLOPE — bytes added per dossier between n/2 and n dossiers — so what
 * is kept for a constant window (the last day's print bytes, recent intake keys) and the empty
 * schema are not counted as growth. Each table (with its indexes) gets its own row.
 */
export async function benchStorage(n = 300): Promise<Row[]> {
  const h = await startCore();
  try {
    const db = h.core.db!;
    let half = new Map<string, number>();
    let halfPreview = 0;
    for (let i = 0; i < n; i++) {
      await h.setClock(new Date(h.clock.now.getTime() + YEAR_MS / n));
      await h.client.dossiers.intake(sampleIntake(1));
      await h.core.printing.idle();
      if (i + 1 === n / 2) {
        half = bytesByTable(db);
        halfPreview = sizeOf(join(h.dataDir, 'print-preview'));
      }
    }
    const full = bytesByTable(db);
    const added = n - n / 2;
    const slope = (bytes: number) => Math.round(bytes / added);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const tables = [...full.keys()]
      .map((name) => ({ name, growth: (full.get(name) ?? 0) - (half.get(name) ?? 0) }))
      .filter((t) => t.growth !== 0)
      .sort((a, b) => b.growth - a.growth);
    const row = (variant: string, bytes: number, note?: string): Row => ({ bench: 'storage per dossier', variant, n, median_us: slope(bytes), p99_us: slope(bytes), note });
    return [
      row('database (bytes, not µs)', sum(full) - sum(half), `slope between ${n / 2} and ${n} dossiers over a year, 3 documents printed each`),
      ...tables.map((t) => row(`  table ${t.name} (bytes)`, t.growth)),
      row('preview folder (bytes, not µs)', sizeOf(join(h.dataDir, 'print-preview')) - halfPreview, 'no printer set up'),
    ];
  } finally {
    await h.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(printTable(await benchStorage(Number(process.argv[2] ?? 300))));
