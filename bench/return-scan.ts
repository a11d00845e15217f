import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsSchema } from '../shared/contract/schemas.js';
import { s10CheckDigit } from '../shared/ids/s10.js';
import { loadOrCreateAuditKey } from '../electron/core/audit/key-file.js';
import { sqliteData } from '../electron/core/db/data.js';
import { sqliteSql } from '../electron/core/db/engine-sql.js';
import { migrate } from '../electron/core/db/migrate.js';
import { openDatabase } from '../electron/core/db/open.js';
import type { PrintService } from '../electron/core/devices/printer/print-service.js';
import { DossierRepository } from '../electron/core/dossiers/dossier-repository.js';
import { sqliteDossierSearch } from '../electron/core/dossiers/search/sqlite-search.js';
import { clerkPhoned } from '../electron/core/returns/citizen-notifier.js';
import { ReturnRepository } from '../electron/core/returns/return-repository.js';
import { ReturnsService } from '../electron/core/returns/returns-service.js';
import { AuditRepository } from '../electron/core/system/audit-repository.js';
import type { Actor } from '../electron/core/system/actor.js';
import { dossierDb } from './dossier-db.js';
import { measure, type Row } from './stats.js';

const returnItem = (n: number) => {
  const serial = String(n).padStart(8, '0');
  return `RR${serial}${s10CheckDigit(serial)}VN`;
};

/**
 * A return item scanned at the counter to its result, as F8 opens it for the ID check
 * (ReturnsService.find: the dossier, its events, the result and its reports), on a copy of the
 * million-dossier database (bench/dossier-db.ts) where `results` of them came back from the
 * agency and were received here through the real path. The copy keeps the shared file as built.
 */
export async function benchReturnScan(count = 1_000_000, results = 1000, rounds = 500): Promise<Row[]> {
  const source = join(tmpdir(), `bcci-bench-dossiers-${count}`);
  await (await dossierDb(source, count)).data.destroy();
  const dir = join(tmpdir(), `bcci-bench-returns-${count}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  copyFileSync(join(source, 'counter.sqlite'), join(dir, 'counter.sqlite'));
  const db = openDatabase(dir);
  migrate(db);
  const data = sqliteData(db);
  try {
    const now = () => new Date();
    const dossiers = new DossierRepository(data, sqliteDossierSearch);
    const returns = new ReturnsService({
      returns: new ReturnRepository(data),
      dossiers,
      audit: new AuditRepository(data, loadOrCreateAuditKey(dir), sqliteSql),
      printing: {} as PrintService, // a scan prints nothing
      notifier: clerkPhoned(now),
      calendar: () => {
        throw new Error('a scan reads no calendar');
      },
      settings: () => SettingsSchema.parse({}),
      now,
    });
    const clerk: Actor = { officeCode: '100000', counterCode: 'Q01', clerkCode: 'bench', clerkName: 'Bench' };
    const agency: Actor = { ...clerk, clerkCode: 'system' };
    // Spread over the years the database covers, as results of old and new dossiers.
    const waiting = db.prepare("SELECT id FROM dossiers WHERE status = 'received-by-agency' AND id % 97 = 0 LIMIT ?").all(results) as { id: number }[];
    const codes: string[] = [];
    for (const [i, { id }] of waiting.entries()) {
      const code = returnItem(40_000_000 + i);
      await dossiers.inTransaction((repo) => repo.appendEvent(id, now().toISOString(), { kind: 'result-ready', data: { returnItemNumber: code, resultDocuments: ['Giấy phép lái xe'] } }, agency));
      await returns.receive(code, clerk);
      codes.push(code);
    }
    const scans = Array.from({ length: rounds }, (_, i) => codes[(i * 7919) % codes.length]!);
    return [
      await measure('return scan', 'scan of a return item → result for the ID check (core)', scans.map((code) => () => returns.find(code)), `${count.toLocaleString('en')} dossiers, ${codes.length} results here`),
    ];
  } finally {
    await data.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
