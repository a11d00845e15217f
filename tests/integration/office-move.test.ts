import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { readChain, verifyChain } from '../../electron/core/audit/verify.js';
import type { Data } from '../../electron/core/db/data.js';
import { postgresSql, sqliteSql } from '../../electron/core/db/engine-sql.js';
import { loadMigrations } from '../../electron/core/db/migrate.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import { readLookupQuery } from '../../electron/core/dossiers/lookup-query.js';
import type { DossierSearch } from '../../electron/core/dossiers/search/dossier-search.js';
import { postgresDossierSearch } from '../../electron/core/dossiers/search/postgres-search.js';
import { sqliteDossierSearch } from '../../electron/core/dossiers/search/sqlite-search.js';
import { MOVED_MARKER_FILE } from '../../electron/core/office-move/moved-marker.js';
import { previewMove } from '../../electron/core/office-move/preview.js';
import { MOVED_TABLES, unknownTables } from '../../electron/core/office-move/tables.js';
import { sqliteFacts, postgresFacts } from '../../electron/core/office-move/engine-facts.js';
import { DayRepository } from '../../electron/core/reports/day-repository.js';
import { RegisterRepository } from '../../electron/core/reports/register-repository.js';
import { AuditRepository } from '../../electron/core/system/audit-repository.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { actor, intakeWrites } from '../support/intake-writes.js';
import { copyOf, counterData, dump, filledCounter, officeData, officeServerOf, pointAt, rowsPerTable, sha256Of } from '../support/office-move.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { skipWithout } from '../support/prerequisites.js';

const skip = skipWithout('postgres') !== false;
let server: TestPostgres;
/** a counter's folder after a day's work, its app closed; each test works on a copy */
let filled: string;

beforeAll(async () => {
  if (skip) return;
  [server, filled] = await Promise.all([startTestPostgres(), filledCounter()]);
}, 120_000);
afterAll(async () => server?.remove());

/** What the lookup, register and day screens read, through the app's own repositories on one engine. */
async function figures(data: Data, search: DossierSearch, engineSql: typeof sqliteSql) {
  const dossiers = new DossierRepository(data, search);
  const found = await dossiers.search(readLookupQuery('nguyễn văn đức'), {}, 50);
  const register = new RegisterRepository(data, engineSql);
  const day = new DayRepository(data);
  const w = { start: '2026-11-26T17:00:00.000Z', end: '2026-11-27T17:00:00.000Z', counterCode: 'Q01', clerkCode: 'gdv01' };
  return {
    found: found.map((d) => d.registerNo ?? d.id),
    byItem: await dossiers.idByCode(found.find((d) => d.itemNumber)!.itemNumber!),
    details: await Promise.all(found.map((d) => dossiers.get(d.id))),
    register: await register.page('2026-11-01', '2026-11-30', 0, 50),
    numbering: await register.numbering(2026),
    day: { counts: [...(await day.eventCounts(w))].sort(), money: await day.money(w), reprints: await day.reprints(w), close: await day.close('2026-11-27', 'Q01', 'gdv01') },
  };
}

/** Runs `npm run office-move` as an administrator would, the app closed, and waits for its end. */
function runMoveCommand(dataDir: string, password: string | null, env: Record<string, string> = {}, args: string[] = []) {
  const { BCCI_OFFICE_PASSWORD: _ours, ...inherited } = process.env;
  return new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/office-move/main.ts', dataDir, ...args], {
      env: { ...inherited, ...(password === null ? {} : { BCCI_OFFICE_PASSWORD: password }), ...env },
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe.skipIf(skip)('moving a counter’s data to the office server', () => {
  it('the move knows every table of both engines (a migration adding one must say whether it moves)', async () => {
    const login = await server.createDatabase('office_tables');
    const office = await officeData(login);
    const counter = counterData(copyOf(filled));
    try {
      expect(unknownTables(await sqliteFacts.tables(counter))).toEqual([]);
      expect(unknownTables(await postgresFacts.tables(office))).toEqual([]);
      expect(unknownTables(['dossiers', 'returns'])).toEqual(['returns']);
    } finally {
      await Promise.all([office.destroy(), counter.destroy()]);
    }
  });

  it('an administrator previews, moves through the contract, and the server then reads the same lookup, register and day', async () => {
    const login = await server.createDatabase('office_contract');
    const dataDir = copyOf(filled);
    const h: Harness = await startCore({ dataDir });
    const office = await officeData(login);
    try {
      const input = { server: officeServerOf(login), password: login.password };
      const clerk = await h.clientAs('clerk', 'gdv07');
      expect((await failure(clerk.office.movePreview(input))).code).toBe('FORBIDDEN');

      const preview = await h.client.office.movePreview(input);
      const rows = Object.fromEntries(preview.kinds.map((k) => [k.table, k.rows]));
      // Three accepted and one guided; a closed batch of two; five receipts/labels per accept…
      expect(rows).toMatchObject({ dossiers: 4, batches: 1, batch_items: 2, day_closes: 1, clerks: 2, outbox: 1, register_counters: 1 });
      expect(rows).toEqual(await rowsPerTable(h.core.data));
      expect(preview.registerYears).toEqual([{ year: 2026, dossiers: 3, firstSeq: 1, lastSeq: 3, lastIssued: 3 }]);
      expect([preview.firstDay, preview.lastDay]).toEqual(['2026-11-27', '2026-11-27']);
      expect(preview.audit.intact).toBe(true);
      expect(preview.refusal).toBeNull();
      // A preview changes nothing on the server.
      expect(Object.values(await rowsPerTable(office)).every((n) => n === 0)).toBe(true);

      const before = await figures(h.core.data, sqliteDossierSearch, sqliteSql);
      const tablesBefore = await Promise.all(MOVED_TABLES.map((t) => dump(h.core.data, t.table)));
      const moved = await h.client.office.move(input);
      expect(moved.rows).toBe(Object.values(rows).reduce((a, b) => a + b, 0));
      expect(moved.summary.vi).toContain('số sổ giữ nguyên (2026: 1–3)');

      // Every row arrived byte for byte, ids included; the audit trail has the move on top.
      for (const [i, { table }] of MOVED_TABLES.entries()) {
        const there = await dump(office, table);
        if (table === 'audit_log') expect(there.filter((r) => !r.includes('"office.moved"'))).toEqual(tablesBefore[i]);
        else expect(there, table).toEqual(tablesBefore[i]);
      }
      expect(await figures(office, postgresDossierSearch, postgresSql)).toEqual(before);
      const key = readAuditKey(dataDir);
      const check = verifyChain(key, await readChain(office));
      expect(check).toMatchObject({ intact: true, entries: preview.audit.entries + 1, last: { entry: moved.auditEntry } });
      const entry = (await new AuditRepository(office, key, postgresSql).list({ action: 'office.moved', limit: 5 })).entries[0]!;
      expect(entry).toMatchObject({ clerkCode: 'gdv01', counterCode: 'Q01' });

      // The server carries on from the moved numbers: next id, next register number, next audit link.
      const repo = new DossierRepository(office, postgresDossierSearch);
      const version = (await office.selectFrom('catalog_versions').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      expect(await intakeWrites(repo, version, 90)).toBe(4);
      expect((await repo.requestOf('key-90'))!.dossierId).toBe(Math.max(...before.details.map((d) => d!.id)) + 1);
      await new AuditRepository(office, key, postgresSql).record(new Date(), 'test.after-move', actor, {});
      expect(verifyChain(key, await readChain(office))).toMatchObject({ intact: true, entries: preview.audit.entries + 2 });

      // The counter's own copy is kept, marked, and takes no more writes.
      expect(existsSync(join(dataDir, MOVED_MARKER_FILE))).toBe(true);
      const v = (await h.client.catalog.status()).version!;
      const refused = await failure(h.client.dossiers.intake(sampleIntake(v)));
      expect(refused.code).toBe('COUNTER_DATA_MOVED');
      expect(refused.vi).toContain(`đã được chuyển lên máy chủ bưu cục ${login.host}/${login.database}`);
      expect(await rowsPerTable(h.core.data)).toEqual(rows);
    } finally {
      await office.destroy();
      await h.stop();
    }
    // Started again on the same folder, the counter still refuses to write into the old copy.
    const again = await startCore({ dataDir });
    try {
      const v = (await again.client.catalog.status()).version!;
      expect((await failure(again.client.dossiers.intake(sampleIntake(v)))).code).toBe('COUNTER_DATA_MOVED');
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('a move killed after copying everything, or failing there, leaves the server empty and the SQLite file as it was', async () => {
    const login = await server.createDatabase('office_killed');
    const dataDir = copyOf(filled);
    pointAt(dataDir, login);
    const file = join(dataDir, 'counter.sqlite');
    const sha = sha256Of(file);
    const office = await officeData(login);
    try {
      const killed = await runMoveCommand(dataDir, login.password, { BCCI_FAILPOINTS: 'office-move.copied' });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.out).toContain('Sẽ chuyển / will move');
      const thrown = await runMoveCommand(dataDir, login.password, { BCCI_FAILPOINTS: 'office-move.copied:throw' });
      expect(thrown.code).toBe(2);
      // The server rolled back the transaction of the connection that died: nothing there.
      expect(Object.values(await rowsPerTable(office)).every((n) => n === 0)).toBe(true);
      expect(sha256Of(file)).toBe(sha);
      expect(existsSync(join(dataDir, MOVED_MARKER_FILE))).toBe(false);

      // The server is as it was, so the move runs again; the SQLite file is still only read.
      const done = await runMoveCommand(dataDir, login.password);
      expect(done.code, done.out).toBe(0);
      expect(done.out).toContain('Đã chuyển');
      expect(sha256Of(file)).toBe(sha);
      const counter = counterData(dataDir);
      expect(await rowsPerTable(office)).toEqual({ ...(await rowsPerTable(counter)), audit_log: (await rowsPerTable(counter)).audit_log + 1 });
      await counter.destroy();
    } finally {
      await office.destroy();
    }
  }, 120_000);

  it('a second counter moving into a server that already holds data is refused in words, and nothing changes', async () => {
    const login = await server.createDatabase('office_twice');
    const first = copyOf(filled);
    const second = copyOf(filled);
    for (const dir of [first, second]) pointAt(dir, login);
    expect((await runMoveCommand(first, login.password)).code).toBe(0);
    const office = await officeData(login);
    try {
      const held = await rowsPerTable(office);
      const again = await runMoveCommand(second, login.password);
      expect(again.code).toBe(1);
      expect(again.out).toContain(`Máy chủ 127.0.0.1/${login.database} đã có dữ liệu (Phiên bản danh mục thủ tục, Thủ tục trong danh mục, Thành phần hồ sơ của thủ tục và 15 loại khác)`);
      expect(again.out).toContain(`already holds data (Catalogue versions, Catalogue procedures, Procedure documents and 15 other kinds)`);
      expect(await rowsPerTable(office)).toEqual(held);
      expect(existsSync(join(second, MOVED_MARKER_FILE))).toBe(false);
      // The command needs the password from the environment, and says so.
      const noPassword = await runMoveCommand(second, null, {}, ['--preview']);
      expect(noPassword.code).toBe(2);
      expect(noPassword.out).toContain('Chưa có mật khẩu của vai trò trên máy chủ: đặt biến môi trường BCCI_OFFICE_PASSWORD');
    } finally {
      await office.destroy();
    }
  }, 120_000);

  it('refuses a counter whose SQLite file is not at this app’s version, in words', async () => {
    const login = await server.createDatabase('office_version');
    const office = await officeData(login);
    const counter = counterData(copyOf(filled));
    try {
      const newer = [...loadMigrations(), { version: 998, name: 'later_step', sql: '', sha256: 'x' }];
      const preview = await previewMove({ counter, office, server: officeServerOf(login), auditKey: Buffer.alloc(32), damage: null, migrations: newer });
      expect(preview.refusal?.vi).toContain('chưa được cập nhật lên phiên bản hiện tại (còn 1 bước, từ bước 998)');
      expect(preview.refusal?.en).toContain('not at the current version');
    } finally {
      await Promise.all([office.destroy(), counter.destroy()]);
    }
  });
});
