/**
 * The periodic report for a month and the register book for a year as XLSX, on the generated
 * million-dossier database (bench/dossier-db.ts, reused from the temp folder). The export is
 * run once, its peak RSS and heap growth sampled while it runs.
 * `npx tsx bench/reports.ts` runs it alone.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteSql } from '../electron/core/db/engine-sql.js';
import { PeriodicRepository } from '../electron/core/reports/periodic/periodic-repository.js';
import { PeriodicService } from '../electron/core/reports/periodic/periodic-service.js';
import { RegisterRepository } from '../electron/core/reports/register-repository.js';
import { RegisterService } from '../electron/core/reports/register-service.js';
import { dossierDb } from './dossier-db.js';
import { measure, printTable, type Row } from './stats.js';

const MB = 1024 * 1024;

export async function benchReports(count = 1_000_000): Promise<Row[]> {
  const built = await dossierDb(join(tmpdir(), `bcci-bench-dossiers-${count}`), count);
  const office = () => ({ code: '100000', name: 'Bưu cục Hoàn Kiếm' });
  // The generated history runs from January 2022 to late 2026, 550 dossiers a day.
  const now = () => new Date('2026-12-01T03:00:00Z');
  try {
    const periodic = new PeriodicService(new PeriodicRepository(built.data, sqliteSql), office, '', now);
    const month = await measure('periodic report', 'month (10/2026)', Array.from({ length: 5 }, () => () => periodic.report({ from: '2026-10-01', to: '2026-10-31' })), `${count.toLocaleString('en')} dossiers`);

    const register = new RegisterService(new RegisterRepository(built.data, sqliteSql), office, '', now);
    const before = process.memoryUsage();
    let peak = before.rss;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = process.hrtime.bigint();
    const file = await register.file({ from: '2026-01-01', to: '2026-12-31' }, 'xlsx');
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    clearInterval(sample);
    const after = process.memoryUsage();
    peak = Math.max(peak, after.rss);
    const note = `${(file.contentBase64.length * 0.75 / MB).toFixed(1)} MB file; RSS ${(before.rss / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB; heap +${((after.heapUsed - before.heapUsed) / MB).toFixed(0)} MB`;
    return [month, { bench: 'register book', variant: 'year 2026 as XLSX', n: 1, median_us: Math.round(us), p99_us: Math.round(us), note }];
  } finally {
    await built.data.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(printTable(await benchReports()));
