import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
import { takeIn } from '../support/batches.js';
import { copyOf, counterData, dump, filledCounter, officeData, officeServerOf, pointAt, rowsPerTable, runMoveCommand, sha256Of } from '../support/office-move.js';
import { officeDataDir } from '../support/office-counter.js';
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
    pointAt(dataDir, login, { use: false });
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
    for (const dir of [first, second]) pointAt(dir, login, { use: false });
    // Another counter's register: worked on after the copy (an exact copy is the moved data itself).
    const other = await startCore({ dataDir: second });
    await takeIn(other.client);
    await other.stop();
    expect((await runMoveCommand(first, login.password)).code).toBe(0);
    const office = await officeData(login);
    try {
      const held = await rowsPerTable(office);
      const again = await runMoveCommand(second, login.password);
      expect(again.code).toBe(1);
      expect(again.out).toContain(`Máy chủ 127.0.0.1/${login.database} đã có dữ liệu (Phiên bản danh mục thủ tục, Thủ tục trong danh mục, Thành phần hồ sơ của thủ tục và 16 loại khác)`);
      expect(again.out).toContain(`already holds data (Catalogue versions, Catalogue procedures, Procedure documents and 16 other kinds)`);
      // The words say how that counter joins the office instead.
      expect(again.out).toContain('Để quầy này làm việc chung với bưu cục thì không chuyển: bật Cài đặt → Máy chủ dữ liệu bưu cục rồi mở lại ứng dụng');
      expect(again.out).toContain('To have this counter join the office, do not move: turn on Settings → Office data server');
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

  it('a move whose commit answer was lost is found on the server at the next run: the marker is written, nothing moves again', async () => {
    const login = await server.createDatabase('office_lost_answer');
    const dataDir = copyOf(filled);
    pointAt(dataDir, login, { use: false });
    const office = await officeData(login);
    try {
      // The server commits; the command dies before it writes the counter's marker.
      const lost = await runMoveCommand(dataDir, login.password, { BCCI_FAILPOINTS: 'office-move.committed' });
      expect(lost.signal).toBe('SIGKILL');
      expect(existsSync(join(dataDir, MOVED_MARKER_FILE))).toBe(false);
      const onServer = await rowsPerTable(office);
      expect(onServer['dossiers']).toBe(4);

      const next = await runMoveCommand(dataDir, login.password);
      expect(next.code, next.out).toBe(0);
      expect(next.out).toContain('lần chuyển đó không nhận được trả lời. Đã ghi nhận lại trên quầy, không chuyển lần nữa');
      expect(next.out).toContain("that move's answer was lost. It is now recorded at the counter and nothing is moved twice");
      // The marker as the move would have written it: the rows copied (the move's own audit entry aside).
      expect(JSON.parse(readFileSync(join(dataDir, MOVED_MARKER_FILE), 'utf8'))).toMatchObject({ server: { database: login.database }, rows: Object.values(onServer).reduce((a, b) => a + b, 0) - 1 });
      expect(await rowsPerTable(office)).toEqual(onServer);

      // Once marked, the command says where the data went and does nothing.
      const third = await runMoveCommand(dataDir, login.password);
      expect(third.code).toBe(1);
      expect(third.out).toContain(`Dữ liệu của quầy này đã được chuyển lên máy chủ bưu cục ${login.host}/${login.database}`);
      expect(await rowsPerTable(office)).toEqual(onServer);
    } finally {
      await office.destroy();
    }
  }, 120_000);

  it('a counter already on the office server is refused the move, by the command and through the contract', async () => {
    const login = await server.createDatabase('office_on_server');
    const dataDir = officeDataDir(login, 'Q02');
    const h = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login.password } });
    try {
      const refused = await failure(h.client.office.movePreview({ server: officeServerOf(login), password: login.password }));
      expect(refused.code).toBe('OFFICE_MOVE_REFUSED');
      expect(refused.vi).toContain('Quầy này đã dùng máy chủ dữ liệu bưu cục');
      expect(refused.en).toContain('This counter already uses the office data server');
      expect((await failure(h.client.office.move({ server: officeServerOf(login), password: login.password }))).code).toBe('OFFICE_MOVE_REFUSED');
    } finally {
      await h.stop();
    }
    const command = await runMoveCommand(dataDir, login.password);
    expect(command.code).toBe(1);
    expect(command.out).toContain('This counter already uses the office data server');
    // Refused before opening the folder: no empty data file was made there.
    expect(existsSync(join(dataDir, 'counter.sqlite'))).toBe(false);
  }, 120_000);

  it('a moved counter started on its old file writes nothing into it at start and refuses a search: an interrupted print job stays as it was, no audit entry is added, the office is still its own', async () => {
    const login = await server.createDatabase('office_frozen');
    const dataDir = copyOf(filled);
    const office = { code: '712345', name: 'Bưu cục Đã Chuyển' };
    const before0 = await startCore({ dataDir });
    await before0.client.settings.update({ office });
    await before0.stop();
    // The app was killed while sending a receipt, then the administrator moved the data.
    const db = new Database(join(dataDir, 'counter.sqlite'));
    const job = db.prepare('SELECT max(id) AS id FROM print_jobs').get() as { id: number };
    db.prepare("UPDATE print_jobs SET state = 'sending' WHERE id = ?").run(job.id);
    db.close();
    pointAt(dataDir, login, { use: false });
    expect((await runMoveCommand(dataDir, login.password)).code).toBe(0);
    const counter = counterData(dataDir);
    const before = await rowsPerTable(counter);
    await counter.destroy();

    const h = await startCore({ dataDir });
    // It still shows the office's own values (kept in the file's database, not its settings file);
    // a search, which could be recorded nowhere the office reads, is refused (decision 0064).
    expect((await h.client.settings.get()).office).toEqual(office);
    expect((await failure(h.client.dossiers.search({ query: 'nguyen' }))).code).toBe('LOOKUP_NEEDS_OFFICE_SERVER');
    await h.stop();
    const after = new Database(join(dataDir, 'counter.sqlite'), { readonly: true });
    try {
      expect(after.prepare('SELECT state FROM print_jobs WHERE id = ?').get(job.id)).toEqual({ state: 'sending' });
      // Not the print recovery, not the audit head, not an automatic backup's entry, not even the sign-in.
      expect(after.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: before['audit_log'] });
    } finally {
      after.close();
    }
  }, 120_000);
});
