/**
 * `npm run bench`: prints a table and writes it to bench/results/. Compare ratios within
 * one run; absolute numbers move with the machine's load.
 * The targets are listed below; `npm run bench -- --strict` exits non-zero when one is missed.
 * Needs socat, Chromium and Debian's PostgreSQL, like the tests. The first run also builds a million-dossier database
 * in the temp folder (about two minutes on a 2-core machine); later runs reuse it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchCatalogueSearch, heldOutFigures } from './catalogue-search.js';
import { benchIntakeCommit } from './intake-commit.js';
import { benchScanLatency } from './scan-latency.js';
import { benchReceiptRender } from './receipt-render.js';
import { benchIntakeAnswer } from './intake-answer.js';
import { benchStorage } from './storage.js';
import { benchDossierLookup } from './dossier-lookup.js';
import { benchReturnScan } from './return-scan.js';
import { benchAgencyUpload } from './agency-upload.js';
import { benchAgencyBacklog } from './agency-backlog.js';
import { benchOfficePostgres } from './office-postgres.js';
import { benchReports } from './reports.js';
import { benchRetentionPurge } from './retention-purge.js';
import { benchClerkSwitch } from './clerk-switch.js';
import { printTable, type Row } from './stats.js';

const strict = process.argv.includes('--strict');
const rows: Row[] = [
  ...(await benchCatalogueSearch()),
  ...(await benchIntakeCommit()),
  ...(await benchIntakeAnswer()),
  // One clerk signing out and the next in at a shared counter, over HTTP.
  ...(await benchClerkSwitch()),
  ...(await benchReceiptRender()),
  ...(await benchScanLatency()),
  ...(await benchStorage()),
  ...(await benchAgencyUpload()),
  // 2,000 real intakes first (about a minute), then the drain timed.
  ...(await benchAgencyBacklog()),
  // A throwaway PostgreSQL server with durability on, holding a counter's data moved there.
  ...(await benchOfficePostgres()),
  // A million generated dossiers: built once into the temp folder (about two minutes), then reused.
  ...(await benchDossierLookup()),
  // The same database, copied, with results received: a return item scanned at the counter.
  ...(await benchReturnScan()),
  // The month report and the year's register book as XLSX on the same million dossiers.
  ...(await benchReports()),
  // Years of settled dossiers and audit entries purged while a clerk keeps taking dossiers in.
  ...(await benchRetentionPurge(180_000, 360_000)),
];
const held = heldOutFigures();
const table = `${printTable(rows)}

Procedure search, held-out clerk queries: top-1 ${held.top1}/${held.total}, top-3 ${held.top3}/${held.total}
${held.misses.map((m) => `  first: ${m}`).join('\n')}`;
// A target whose row is missing (a bench renamed or failed) is a MISS that says so, not a crash that loses the table.
const missingRows: string[] = [];
const find = (bench: string, variant = ''): Pick<Row, 'median_us' | 'p99_us'> =>
  rows.find((r) => r.bench === bench && r.variant.includes(variant)) ?? (missingRows.push(`${bench} / ${variant}`), { median_us: NaN, p99_us: NaN });
const targets = [
  { name: 'search p99 < 1000 µs', ok: rows[0]!.p99_us < 1000 },
  // Measured 35/42 and 39/42 before ranking followed the marks typed and whole words (decision 0017).
  { name: 'held-out procedure queries: top-1 ≥ 37/42, top-3 ≥ 41/42', ok: held.top1 >= 37 && held.top3 >= 41 },
  { name: 'intake commit p99 < 5000 µs', ok: find('intake commit').p99_us < 5000 },
  { name: 'intake answered p99 < 10000 µs', ok: find('intake answered', 'one at a time').p99_us < 10_000 },
  { name: 'accept → first printer byte median < 60000 µs', ok: find('intake answered', 'first byte').median_us < 60_000 },
  // Drawing off the request path: 20 commits queue on the database, not on each other's receipts.
  { name: '20 intakes at once: slowest answer < 100000 µs', ok: find('intake answered', '20 sent').p99_us < 100_000 },
  { name: 'receipt draw+encode p99 < 30000 µs', ok: find('receipt render').p99_us < 30000 },
  { name: 'scan to field p99 < 30000 µs', ok: rows.find((r) => r.variant.includes('filled field'))!.p99_us < 30000 },
  { name: '1M dossiers: scan of a return item → result p99 < 30000 µs', ok: find('return scan').p99_us < 30_000 },
  { name: 'database < 4096 bytes per dossier', ok: find('storage per dossier', 'database').median_us < 4096 },
  ...['12-digit ID', '9-digit ID', 'phone', 'register number', 'item number', 'agency dossier code'].map((key) => ({
    name: `1M dossiers: lookup by ${key} p99 < 1000 µs`,
    ok: find('dossier lookup', `by ${key}`).p99_us < 1000,
  })),
  {
    name: 'agency upload of 500 items: client median ≤ 1.5 × raw POST',
    ok: find('agency upload, 500 items', 'client').median_us <= 1.5 * find('agency upload, 500 items', 'raw POST').median_us,
  },
  {
    name: 'backlog of 2,000 dossiers after an outage: outbox drain ≤ 1.5 × raw POSTs',
    ok: find('agency backlog drain, 2,000 dossiers', 'outbox worker').median_us <= 1.5 * find('agency backlog drain, 2,000 dossiers', 'raw POST').median_us,
  },
  { name: 'office server: intake commit on PostgreSQL (loopback) p99 < 20000 µs', ok: find('office server', 'PostgreSQL loopback').p99_us < 20_000 },
  { name: '1M dossiers: lookup by name prefix p99 < 50000 µs', ok: find('dossier lookup', 'by name prefix').p99_us < 50_000 },
  { name: '1M dossiers: month report p99 < 300000 µs', ok: find('periodic report', 'month').p99_us < 300_000 },
  { name: '1M dossiers: year register XLSX < 10 s', ok: find('register book', 'year').median_us < 10_000_000 },
  { name: 'retention purge: an intake waits < 500000 µs at most', ok: find('retention purge', 'intake during').p99_us < 500_000 },
];
const summary = [...targets.map((t) => `${t.ok ? 'MET ' : 'MISS'} ${t.name}`), ...missingRows.map((m) => `no row for ${m}`)].join('\n');
console.log(`${table}\n\n${summary}`);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(new URL(`bench-${stamp}.md`, dir), `# Benchmark ${new Date().toISOString()}\n\n${table}\n\n${summary}\n`);
writeFileSync(new URL(`bench-${stamp}.json`, dir), JSON.stringify({ at: new Date().toISOString(), rows, targets }, null, 2));

if (strict && targets.some((t) => !t.ok)) {
  console.error(`\n${targets.filter((t) => !t.ok).length} target(s) missed (--strict).`);
  process.exitCode = 1;
}
