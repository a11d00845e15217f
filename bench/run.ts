/**
 * `npm run bench`: prints a table and writes it to bench/results/. Compare ratios within
 * one run; absolute numbers move with the machine's load.
 * Targets: search p99 < 1 ms; intake commit p99 < 5 ms with synchronous=FULL; a serial scan
 * reaches the field in under 30 ms; a receipt draws and encodes in under 30 ms. Needs socat and
 * Chromium, like the tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchCatalogueSearch } from './catalogue-search.js';
import { benchIntakeCommit } from './intake-commit.js';
import { benchScanLatency } from './scan-latency.js';
import { benchReceiptRender } from './receipt-render.js';
import { printTable, type Row } from './stats.js';

const rows: Row[] = [...benchCatalogueSearch(), ...(await benchIntakeCommit()), ...(await benchReceiptRender()), ...(await benchScanLatency())];
const table = printTable(rows);
const targets = [
  { name: 'search p99 < 1000 µs', ok: rows[0]!.p99_us < 1000 },
  { name: 'intake commit p99 < 5000 µs', ok: rows.find((r) => r.bench === 'intake commit')!.p99_us < 5000 },
  { name: 'receipt draw+encode p99 < 30000 µs', ok: rows.find((r) => r.bench === 'receipt render')!.p99_us < 30000 },
  { name: 'scan to field p99 < 30000 µs', ok: rows.find((r) => r.variant.includes('filled field'))!.p99_us < 30000 },
];
const summary = targets.map((t) => `${t.ok ? 'MET ' : 'MISS'} ${t.name}`).join('\n');
console.log(`${table}\n\n${summary}`);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(new URL(`bench-${stamp}.md`, dir), `# Benchmark ${new Date().toISOString()}\n\n${table}\n\n${summary}\n`);
writeFileSync(new URL(`bench-${stamp}.json`, dir), JSON.stringify({ at: new Date().toISOString(), rows, targets }, null, 2));
