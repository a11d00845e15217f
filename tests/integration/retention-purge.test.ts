import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SelectQueryNode, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { postgresSql, sqliteSql } from '../../electron/core/db/engine-sql.js';
import { DOSSIER_CHILDREN } from '../../electron/core/retention/retention-repository.js';
import { RetentionService } from '../../electron/core/retention/retention-service.js';
import { AuditRepository } from '../../electron/core/system/audit-repository.js';
import { actorFor } from '../../electron/core/system/actor.js';
import { ADMIN, failure, sampleIntake, SECRET, startCore, type Client, type Harness } from '../support/core-harness.js';
import { resultReady, returnItem } from '../support/returns.js';
import { officeDataDir } from '../support/office-counter.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type PgLogin, type TestPostgres } from '../support/postgres.js';
import { columnsHolding } from '../support/raw-sql.js';

const QUICK_HEALTH = { probeMs: 500, probeTimeoutMs: 1000, retryMs: [100, 200, 400] };
/** Monday 4 March 2019, 09:00 in Hà Nội: more than five years before the harness's today. */
const LONG_AGO = new Date('2019-03-04T02:00:00Z');
const TODAY = new Date('2026-11-27T02:15:00Z');

let h: Harness | undefined;
let server: TestPostgres | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
afterAll(async () => server?.remove());

/**
 * Three dossiers taken in back in 2019 — one voided that day (settled), one still open, one
 * voided but touched again this year — plus a lookup of a citizen then, and one dossier today.
 */
async function history(harness: Harness, supervisor: Client, login?: PgLogin) {
  const version = (await harness.client.catalog.status()).version!;
  const accept = async () => (await harness.client.dossiers.intake(sampleIntake(version))).dossierId;
  const settled = await accept();
  const open = await accept();
  const touched = await accept();
  await supervisor.dossiers.void({ dossierId: settled, reason: 'Khách rút hồ sơ tại quầy' });
  await harness.client.dossiers.search({ query: '001090123456', limit: 10 });
  await printed(harness, login);
  await harness.setClock(TODAY);
  if ((await supervisor.session.state()).locked) await supervisor.session.unlock({ clerkCode: 'ksv01', secret: SECRET });
  await supervisor.dossiers.void({ dossierId: touched, reason: 'Huỷ theo đề nghị của cơ quan' });
  const recent = await accept();
  return { settled, open, touched, recent };
}

async function sqliteCore() {
  return startCore({ now: LONG_AGO });
}

async function officeCore() {
  server ??= await startTestPostgres();
  const login = await server.createDatabase(`office_retention_${Date.now()}`);
  const dataDir = officeDataDir(login, 'Q01');
  return { harness: await startCore({ dataDir, now: LONG_AGO, env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH }), login };
}

async function onServer<R extends pg.QueryResultRow = pg.QueryResultRow>(login: PgLogin, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client(login);
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** No printer here: every receipt so far is taken as printed, so its dossier may go. */
async function printed(h: Harness, login: PgLogin | undefined, except = 0): Promise<void> {
  // The worker first, or it would write its own outcome over these.
  await h.core.printing.idle();
  const set = "UPDATE print_jobs SET state = CASE WHEN dossier_id = ? THEN 'sending' ELSE 'sent' END";
  await run(h, login, set, set.replace('?', '$1'), [except]);
}

/** A citizen whose only dossier the purge removes: nothing of hers may stay anywhere. */
const MAI = { fullName: 'Trần Thị Mai', personalId: '079185000777', birthDate: '1985-02-02', gender: 'female' as const, phone: '0987000777', address: 'Số 9 Hàng Bài, Hoàn Kiếm, Hà Nội' };
const MAI_QR = `${MAI.personalId}||${MAI.fullName}|02021985|Nữ|${MAI.address}|05062018`;

/** Runs one statement on the counter's own file or on the office server. */
async function run<R>(h: Harness, login: PgLogin | undefined, sqlite: string, postgres: string, values: unknown[] = []): Promise<R[]> {
  if (!login) {
    const st = h.core.db!.prepare(sqlite);
    return st.reader ? (st.all(...values) as R[]) : (st.run(...values), []);
  }
  return onServer(login, postgres, values) as Promise<R[]>;
}

/** `n` dossiers taken in and voided back in 2019, their receipts printed; the clock then moves to today. */
async function settledLongAgo(harness: Harness, supervisor: Client, login: PgLogin | undefined, n: number): Promise<number[]> {
  const version = (await harness.client.catalog.status()).version!;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { dossierId } = await harness.client.dossiers.intake(sampleIntake(version));
    await supervisor.dossiers.void({ dossierId, reason: 'Khách rút hồ sơ tại quầy' });
    ids.push(dossierId);
  }
  await printed(harness, login);
  await harness.setClock(TODAY);
  return ids;
}

/** A counter on either engine whose purge works in small chunks, so a few dossiers make several. */
async function chunkedCore(engine: string, chunk: { dossiers: number; entries: number }): Promise<{ harness: Harness; login?: PgLogin }> {
  if (engine === 'SQLite') return { harness: await startCore({ now: LONG_AGO, purgeChunk: chunk }) };
  server ??= await startTestPostgres();
  const login = await server.createDatabase(`office_purge_${Date.now()}`);
  const dataDir = officeDataDir(login, 'Q01');
  return { harness: await startCore({ dataDir, now: LONG_AGO, env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH, purgeChunk: chunk }), login };
}

/** A counter on either engine purging in small chunks, with `n` settled dossiers from 2019; the clock at today. */
async function purgingCounter(engine: string, chunk: { dossiers: number; entries: number }, n: number): Promise<{ harness: Harness; login?: PgLogin; ids: number[] }> {
  const started = await chunkedCore(engine, chunk);
  // Stopped after the test even if what follows fails.
  h = started.harness;
  const supervisor = await started.harness.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
  const ids = await settledLongAgo(started.harness, supervisor, started.login, n);
  return { ...started, ids };
}

const ADMIN_CLERK = { code: ADMIN.clerkCode, name: ADMIN.clerkName };

/** Counts the rows queries read from the checkpoints' table (retention_purges). */
function checkpointReads(reads: { rows: number }): KyselyPlugin {
  const reading = new WeakSet<object>();
  return {
    transformQuery({ node, queryId }) {
      if (SelectQueryNode.is(node) && JSON.stringify(node.from).includes('"retention_purges"')) reading.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (reading.has(queryId)) reads.rows += result.rows.length;
      return result;
    },
  };
}

/** How many checkpoints the purges have committed, read from outside the core. */
async function checkpoints(h: Harness, login: PgLogin | undefined): Promise<number> {
  if (login) return Number((await onServer<{ n: string }>(login, 'SELECT count(*) AS n FROM retention_purges'))[0]!.n);
  const db = new Database(join(h.dataDir, 'counter.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM retention_purges').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A counter on either engine (kept in `h`) with the history of `history`, the clock at today. */
async function historyOn(engine: string): Promise<{ harness: Harness; login?: PgLogin; supervisor: Client; ids: Awaited<ReturnType<typeof history>> }> {
  let login: PgLogin | undefined;
  if (engine === 'SQLite') h = await sqliteCore();
  else ({ harness: h, login } = await officeCore());
  const supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
  return { harness: h, login, supervisor, ids: await history(h, supervisor, login) };
}

const engines: [string, boolean][] = [
  ['SQLite', false],
  ['PostgreSQL', skipWithout('postgres') !== false],
];

describe.each(engines)('the retention purge on %s', (engine, skip) => {
  it.skipIf(skip)(
    'previews then removes only settled dossiers and audit entries older than the period, and "Kiểm tra" stays intact naming the purge',
    async () => {
      const { harness, login, supervisor, ids } = await historyOn(engine);
      h = harness;

      // Less than five years is refused in words; the period stays 5.
      const short = await failure(h.client.retention.setPeriod({ years: 4 }));
      expect(short.code).toBe('RETENTION_TOO_SHORT');
      expect(short.vi).toContain('ít nhất 5 năm');
      expect((await h.client.retention.period()).years).toBe(5);
      // A supervisor may not purge.
      expect((await failure(supervisor.retention.preview())).code).toBe('FORBIDDEN');

      const preview = await h.client.retention.preview();
      expect(preview).toMatchObject({ years: 5, cutoffDay: '2021-11-27', dossiers: 1, byYear: [{ year: 2019, dossiers: 1 }], oldest: '2019-03-04', newest: '2019-03-04', keptOpen: 1 });
      expect(preview.entries).toBeGreaterThan(3);

      const result = await h.client.retention.purge({ cutoff: preview.cutoff });
      expect(result).toMatchObject({ dossiers: 1, entries: preview.entries });
      expect(result.message.vi).toContain('Đã xoá 1 hồ sơ');

      // The settled one is gone; the open one, the one touched this year and today's stay.
      expect((await failure(h.client.dossiers.get({ id: ids.settled }))).code).toBe('DOSSIER_NOT_FOUND');
      for (const id of [ids.open, ids.touched, ids.recent]) expect((await h.client.dossiers.get({ id })).id).toBe(id);

      const check = await h.client.audit.check({ full: true });
      expect(check.intact).toBe(true);
      expect(check.purged).toBe(preview.entries);
      expect(check.headline.vi).toMatch(new RegExp(`${preview.entries} mục cũ đã được xoá theo thời hạn lưu trữ.*bởi Giao dịch viên demo \\(gdv01\\)`));
      expect(check.headline.en).toContain(`${preview.entries} old entries were purged`);
      // The purge itself is in the trail; nothing from 2019 is.
      const page = await h.client.audit.list({ limit: 200 });
      expect(page.entries.some((e) => e.action === 'retention.purge')).toBe(true);
      expect(page.entries.filter((e) => e.at < preview.cutoff)).toEqual([]);
      // A second purge finds nothing more and the chain still verifies.
      expect(await h.client.retention.purge({ cutoff: preview.cutoff })).toMatchObject({ dossiers: 0, entries: 0 });
      expect((await h.client.audit.check({ full: true })).intact).toBe(true);

      // Outside a purge the history tables still refuse deletes.
      const refuse = 'DELETE FROM audit_log';
      if (engine === 'SQLite') {
        const db = new Database(join(h.dataDir, 'counter.sqlite'));
        try {
          expect(() => db.prepare(refuse).run()).toThrow(/append-only/);
          expect(() => db.prepare('DELETE FROM dossier_events').run()).toThrow(/append-only/);
          expect(() => db.prepare('DELETE FROM retention_purges').run()).toThrow(/append-only/);
        } finally {
          db.close();
        }
      } else {
        await expect(onServer(login!, refuse)).rejects.toThrow(/append-only/);
        await expect(onServer(login!, 'DELETE FROM dossier_events')).rejects.toThrow(/append-only/);
        await expect(onServer(login!, 'DELETE FROM retention_purges')).rejects.toThrow(/append-only/);
      }
    },
    120_000,
  );

  it.skipIf(skip)(
    'a dossier kept past the purge reads as sound without its intake entry, and is still named when deleted whole afterwards',
    async () => {
      const { harness, login, ids } = await historyOn(engine);
      h = harness;
      const preview = await h.client.retention.preview();
      await h.client.retention.purge({ cutoff: preview.cutoff });
      // The intake entries of 2019 went with the purge; the two dossiers kept from then are recorded again by it.
      const intakes = await run<{ detail: string }>(h, login, "SELECT detail FROM audit_log WHERE action = 'dossier.intake'", "SELECT detail FROM audit_log WHERE action = 'dossier.intake'");
      expect(intakes.map((e) => (JSON.parse(e.detail) as { dossierId: number }).dossierId)).toEqual([ids.recent]);
      const [purge] = await run<{ detail: string }>(h, login, "SELECT detail FROM audit_log WHERE action = 'retention.purge'", "SELECT detail FROM audit_log WHERE action = 'retention.purge'");
      expect((JSON.parse(purge!.detail) as { kept: { dossierId: number }[] }).kept.map((k) => k.dossierId).sort()).toEqual([ids.open, ids.touched].sort());
      const sound = await h.client.audit.check({ full: true });
      expect(sound.problems).toEqual([]);
      expect(sound.dossiers).toEqual({ sealed: 3, beforeSeals: 0 });
      const [row] = (await h.client.audit.list({ action: 'retention.purge', limit: 1 })).entries;
      expect(row!.about.vi).toContain('ghi lại 2 hồ sơ còn giữ có mục tiếp nhận đã xoá');

      // Someone deletes the open one whole: the purge's record of it names it.
      const drop = (name: string) => (login ? `DROP TRIGGER ${name} ON dossier_events` : `DROP TRIGGER ${name}`);
      await run(h, login, drop('dossier_events_no_delete'), drop('dossier_events_no_delete'));
      const del = (table: string) => [`DELETE FROM ${table} WHERE dossier_id = ?`, `DELETE FROM ${table} WHERE dossier_id = $1`] as const;
      await run(h, login, 'DELETE FROM print_job_bytes WHERE job_id IN (SELECT id FROM print_jobs WHERE dossier_id = ?)', 'DELETE FROM print_job_bytes WHERE job_id IN (SELECT id FROM print_jobs WHERE dossier_id = $1)', [ids.open]);
      for (const table of ['print_jobs', ...DOSSIER_CHILDREN]) await run(h, login, ...del(table), [ids.open]);
      await run(h, login, 'DELETE FROM dossiers WHERE id = ?', 'DELETE FROM dossiers WHERE id = $1', [ids.open]);
      const gone = (await h.client.audit.check({ full: true })).problems;
      expect(gone.map((p) => [p.kind, p.entry])).toEqual([['dossier', ids.open]]);
      expect(gone[0]!.message.en).toMatch(new RegExp(`^Dossier ${ids.open} \\(register no\\. 00000\\d/2019, item [A-Z]{2}\\d{9}VN\\) was deleted from the database`));
    },
    120_000,
  );

  it.skipIf(skip)(
    "removes the purged citizen's name, ID number and phone from every table: agency exchanges, return scans and all",
    async () => {
      let login: PgLogin | undefined;
      if (engine === 'SQLite') h = await sqliteCore();
      else ({ harness: h, login } = await officeCore());
      const supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
      const sender = { ...sampleIntake(0).sender, ...MAI };
      // 2019: her dossier is batched (its upload carries her details), decided, and its result handed
      // to her (the delivery report names her); a return item nobody expected is scanned.
      const { id } = await resultReady(h, returnItem(7), { sender });
      const item = (await h.client.dossiers.get({ id })).itemNumber!;
      await h.client.returns.receive({ code: returnItem(7) });
      await h.client.returns.deliver({ dossierId: id, collectorId: MAI_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] });
      await failure(h.client.returns.receive({ code: returnItem(8) }));
      // Another settled dossier whose receipt never printed: it is still open work and stays.
      const unprinted = (await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!))).dossierId;
      await supervisor.dossiers.void({ dossierId: unprinted, reason: 'Khách rút hồ sơ tại quầy' });
      // The agency took both reports (no agency server here: the worker's outcome is written as it
      // writes it), and later sent an update about her item that found no dossier.
      await run(h, login, "UPDATE outbox SET state = 'delivered'", "UPDATE outbox SET state = 'delivered'");
      await printed(h, login, unprinted);
      const update = `{"SoHieuBuuGui":"${item}","NoiDung":"Hồ sơ của ${MAI.fullName}, ĐT ${MAI.phone}"}`;
      const insert = 'INSERT INTO agency_updates (server_url, cursor, item_number, agency_status, body, received_at, state) VALUES';
      await run(h, login, `${insert} ('http://agency.test', 'c1', ?, 3, ?, ?, 'held')`, `${insert} ('http://agency.test', 'c1', $1, 3, $2, $3, 'held')`, [item, update, LONG_AGO.toISOString()]);
      for (const needle of [MAI.fullName, MAI.personalId, MAI.phone]) expect(await columnsHolding(h.core.data, needle)).not.toEqual([]);

      await h.setClock(TODAY);
      const preview = await h.client.retention.preview();
      expect(preview).toMatchObject({ dossiers: 1, keptOpen: 1 });
      expect(await h.client.retention.purge({ cutoff: preview.cutoff })).toMatchObject({ dossiers: 1 });

      for (const needle of [MAI.fullName, MAI.personalId, MAI.phone]) expect(await columnsHolding(h.core.data, needle)).toEqual([]);
      const [scans] = await run<{ n: number | string }>(h, login, 'SELECT count(*) AS n FROM unmatched_return_scans', 'SELECT count(*) AS n FROM unmatched_return_scans');
      expect(Number(scans!.n)).toBe(0);
      // The unprinted one is still there, its receipt still waiting.
      expect((await h.client.dossiers.get({ id: unprinted })).status).toBe('voided');
      expect((await h.client.audit.check({ full: true })).intact).toBe(true);
    },
    120_000,
  );

  it.skipIf(skip)(
    'keeps a settled dossier while its delivery report or batch upload is still to be sent, and finds that report again after the office code changed',
    async () => {
      let login: PgLogin | undefined;
      if (engine === 'SQLite') h = await sqliteCore();
      else ({ harness: h, login } = await officeCore());
      // 2019, office 100000: her result handed over; no agency server, so the upload and the
      // report wait in the outbox with her name and ID number in them.
      const sender = { ...sampleIntake(0).sender, ...MAI };
      const { id } = await resultReady(h, returnItem(9), { sender });
      await h.client.returns.receive({ code: returnItem(9) });
      await h.client.returns.deliver({ dossierId: id, collectorId: MAI_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] });
      await printed(h, login);
      // The office's code is changed later; F3 still shows the report and its state.
      await h.client.settings.update({ office: { code: '700000', name: 'Bưu cục Bến Thành' } });
      expect((await h.client.returns.get({ dossierId: id })).reports.map((r) => [r.status, r.state])).toEqual([['DELIVERED', 'queued']]);

      await h.setClock(TODAY);
      const kept = await h.client.retention.preview();
      expect(kept).toMatchObject({ dossiers: 0, keptOpen: 1 });
      expect(await h.client.retention.purge({ cutoff: kept.cutoff })).toMatchObject({ dossiers: 0 });
      expect((await h.client.dossiers.get({ id })).status).toBe('delivered');
      for (const needle of [MAI.fullName, MAI.personalId]) expect(await columnsHolding(h.core.data, needle)).not.toEqual([]);

      // The upload reaches the agency; the report has not yet: still kept.
      await run(h, login, "UPDATE outbox SET state = 'delivered' WHERE kind = 'batch-upload'", "UPDATE outbox SET state = 'delivered' WHERE kind = 'batch-upload'");
      expect(await h.client.retention.preview()).toMatchObject({ dossiers: 0, keptOpen: 1 });
      // Then the report too: the dossier goes, and with it both rows, found under the old code.
      await run(h, login, "UPDATE outbox SET state = 'delivered'", "UPDATE outbox SET state = 'delivered'");
      const preview = await h.client.retention.preview();
      expect(preview).toMatchObject({ dossiers: 1, keptOpen: 0 });
      expect(await h.client.retention.purge({ cutoff: preview.cutoff })).toMatchObject({ dossiers: 1 });
      const [left] = await run<{ n: number | string }>(h, login, 'SELECT count(*) AS n FROM outbox', 'SELECT count(*) AS n FROM outbox');
      expect(Number(left!.n)).toBe(0);
      for (const needle of [MAI.fullName, MAI.personalId, MAI.phone]) expect(await columnsHolding(h.core.data, needle)).toEqual([]);
      // Kept by the first run, purged by the second: a purge, not a deletion outside the app.
      expect((await h.client.audit.check({ full: true })).problems).toEqual([]);
    },
    120_000,
  );

  it.skipIf(skip)(
    'a purge stopped half-way by an error leaves a chain "Kiểm tra" finds intact, and the next run takes up the rest',
    async () => {
      const counter = await purgingCounter(engine, { dossiers: 2, entries: 4 }, 6);
      const { login, ids } = counter;
      h = counter.harness;
      const preview = await h.client.retention.preview();
      expect(preview).toMatchObject({ dossiers: 6 });
      expect(preview.entries).toBeGreaterThanOrEqual(12);

      // The disk fails when the third chunk reaches the oldest dossier (the purge goes newest first).
      const oldest = Math.min(...ids);
      if (login) {
        await onServer(login, "CREATE FUNCTION test_disk_fails() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$ LANGUAGE plpgsql");
        await onServer(login, `CREATE TRIGGER test_disk_fails BEFORE DELETE ON dossiers FOR EACH ROW WHEN (old.id = ${oldest}) EXECUTE FUNCTION test_disk_fails()`);
      } else {
        h.core.db!.exec(`CREATE TRIGGER test_disk_fails BEFORE DELETE ON dossiers WHEN old.id = ${oldest} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
      }
      await failure(h.client.retention.purge({ cutoff: preview.cutoff }));

      // What the first chunks removed stays removed, each chunk's checkpoint in place: the chain verifies.
      const half = await h.client.audit.check({ full: true });
      expect(half.problems).toEqual([]);
      expect(half.intact).toBe(true);
      expect(half.purged).toBeGreaterThan(0);
      expect(half.purged).toBeLessThan(preview.entries);
      expect(await h.client.retention.preview()).toMatchObject({ dossiers: 2 });
      const trail = await h.client.audit.list({ limit: 200 });
      const actions = trail.entries.map((e) => e.action);
      expect(actions).toContain('retention.purgeStarted');
      expect(actions).toContain('retention.purgeChunk');
      expect(actions).not.toContain('retention.purge');

      // The disk is back: the next run finishes, says it took up the unfinished one, and the chain holds.
      if (login) await onServer(login, 'DROP TRIGGER test_disk_fails ON dossiers');
      else h.core.db!.exec('DROP TRIGGER test_disk_fails');
      const again = await h.client.retention.preview();
      expect(await h.client.retention.purge({ cutoff: again.cutoff })).toMatchObject({ dossiers: 2 });
      for (const id of ids) expect((await failure(h.client.dossiers.get({ id }))).code).toBe('DOSSIER_NOT_FOUND');
      const whole = await h.client.audit.check({ full: true });
      expect(whole.problems).toEqual([]);
      expect(whole.purged).toBe(preview.entries);
      const resumed = (await h.client.audit.list({ limit: 200, action: 'retention.purgeStarted' })).entries[0]!;
      expect(resumed.about.vi).toContain('tiếp tục lần xoá dừng dở');
      expect((await h.client.audit.list({ limit: 10, action: 'retention.purge' })).entries).toHaveLength(1);
    },
    180_000,
  );

  it.skipIf(skip)(
    'an intake made during a purge waits for one chunk, not for the whole purge',
    async () => {
      const counter = await purgingCounter(engine, { dossiers: 1, entries: 3 }, 20);
      const { login } = counter;
      h = counter.harness;
      const preview = await h.client.retention.preview();
      const version = (await h.client.catalog.status()).version!;

      let purged = false;
      const purge = h.client.retention.purge({ cutoff: preview.cutoff }).then((r) => ((purged = true), r));
      // Once the purge is under way (its first chunk committed), a clerk takes a dossier in.
      while ((await checkpoints(h, login)) === 0 && !purged) await new Promise((r) => setTimeout(r, 5));
      const intake = await h.client.dossiers.intake(sampleIntake(version));
      const during = await checkpoints(h, login);
      expect(purged).toBe(false);
      expect((await purge).dossiers).toBe(20);
      expect(during).toBeLessThan(await checkpoints(h, login));
      expect((await h.client.dossiers.get({ id: intake.dossierId })).status).toBe('accepted-at-post');
      expect((await h.client.audit.check({ full: true })).intact).toBe(true);
    },
    180_000,
  );

  it.skipIf(skip)(
    'each chunk reads only the latest checkpoint, not every checkpoint the purges left so far',
    async () => {
      const counter = await purgingCounter(engine, { dossiers: 1, entries: 2 }, 16);
      h = counter.harness;
      const reads = { rows: 0 };
      const data = h.core.data.withPlugin(checkpointReads(reads));
      const key = readAuditKey(h.dataDir);
      const sql = h.core.db ? sqliteSql : postgresSql;
      const service = new RetentionService({ data, sql, audit: new AuditRepository(data, key, sql), key, now: () => TODAY, chunk: { dossiers: 1, entries: 2 } });
      const preview = await service.preview();
      const before = await checkpoints(h, counter.login);

      reads.rows = 0;
      expect((await service.purge(preview.cutoff, actorFor(ADMIN_CLERK, h.core.settings.get()))).dossiers).toBe(16);
      const chunks = (await checkpoints(h, counter.login)) - before;
      expect(chunks).toBeGreaterThanOrEqual(16);
      // The run's one full verification reads what was there before it; then at most one row a chunk.
      // Every chunk reading them all came to chunks × (chunks + 1) / 2: 136 rows and more here.
      expect(reads.rows).toBeLessThanOrEqual(before + chunks);
      expect((await h.client.audit.check({ full: true })).problems).toEqual([]);
    },
    180_000,
  );

  it.skipIf(skip)(
    '"Kiểm tra" while the purge removes chunks and clerks take dossiers in never reports a problem; an altered entry is still found',
    async () => {
      const counter = await purgingCounter(engine, { dossiers: 1, entries: 2 }, 12);
      const { login } = counter;
      h = counter.harness;
      const preview = await h.client.retention.preview();
      const version = (await h.client.catalog.status()).version!;

      // On the server, the check's count of the entries up to its mark is made slow (a few ms a
      // row), so chunks commit while a check is between its reads, as on a busy office server.
      if (login) {
        await onServer(login, `ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY; ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
          CREATE POLICY test_insert ON audit_log FOR INSERT WITH CHECK (true);
          CREATE POLICY test_delete ON audit_log FOR DELETE USING (true);
          CREATE POLICY test_slow_count ON audit_log FOR SELECT USING (current_query() NOT LIKE 'select count(*) as "n" from "audit_log"%' OR pg_sleep(0.003) IS NOT NULL)`);
      }
      let purged = false;
      const purge = h.client.retention.purge({ cutoff: preview.cutoff }).finally(() => (purged = true));
      const problems: unknown[] = [];
      let checks = 0;
      // Each check reads on its own connection while chunks and intakes commit on others.
      while (!purged) {
        const [check] = await Promise.all([h.client.audit.check({ full: false }), h.client.dossiers.intake(sampleIntake(version))]);
        problems.push(...check.problems);
        checks++;
      }
      expect((await purge).dossiers).toBe(12);
      expect(checks).toBeGreaterThanOrEqual(3);
      expect(problems.map((p) => (p as { message: { en: string } }).message.en)).toEqual([]);

      // A real alteration, made around the app, is still reported.
      if (login) await onServer(login, 'ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY');
      const alter = "UPDATE audit_log SET detail = '{}' WHERE action = 'retention.purge'";
      if (login) await onServer(login, `ALTER TABLE audit_log DISABLE TRIGGER USER; ${alter}; ALTER TABLE audit_log ENABLE TRIGGER USER`);
      else h.core.db!.exec(`DROP TRIGGER audit_log_no_update; ${alter}`);
      const after = await h.client.audit.check({ full: true });
      expect(after.intact).toBe(false);
      expect(after.problems.map((p) => p.kind)).toContain('altered');
    },
    180_000,
  );
});

describe('after a purge, "Kiểm tra" still finds tampering', () => {
  /** A SQLite counter purged once; the file is then edited beside the app. */
  async function purgedFolder(): Promise<string> {
    h = await sqliteCore();
    const supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    await history(h, supervisor);
    const { cutoff } = await h.client.retention.preview();
    await h.client.retention.purge({ cutoff });
    await h.stop();
    const dir = h.dataDir;
    h = undefined;
    return dir;
  }

  function tamper(dir: string, sql: string): void {
    const db = new Database(join(dir, 'counter.sqlite'));
    try {
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER retention_purges_no_delete; DROP TRIGGER retention_purges_done_once;');
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  async function checked(dir: string) {
    h = await startCore({ dataDir: dir });
    const check = await h.client.audit.check({ full: true });
    return { check, kinds: check.problems.map((p) => p.kind) };
  }

  it('an entry kept after the purge, altered', async () => {
    const dir = await purgedFolder();
    tamper(dir, "UPDATE audit_log SET detail = '{}' WHERE action = 'retention.purge'");
    const { check, kinds } = await checked(dir);
    expect(check.intact).toBe(false);
    expect(kinds).toContain('altered');
  }, 60_000);

  it('the checkpoint widened to cover more entries, or its counts changed', async () => {
    const dir = await purgedFolder();
    tamper(dir, 'UPDATE retention_purges SET entries = entries + 5, last_seq = last_seq + 1');
    const { check, kinds } = await checked(dir);
    expect(check.intact).toBe(false);
    expect(kinds).toContain('purge');
    expect(check.summary.vi).toContain('Bản ghi xoá theo thời hạn lưu trữ số 1');
  }, 60_000);

  it('the checkpoint deleted: the purged entries show as removed', async () => {
    const dir = await purgedFolder();
    tamper(dir, 'DELETE FROM retention_purges');
    const { check, kinds } = await checked(dir);
    expect(check.intact).toBe(false);
    expect(kinds).toContain('removed');
  }, 60_000);

  it('the first entry kept after the purge deleted as well', async () => {
    const dir = await purgedFolder();
    tamper(dir, 'DELETE FROM audit_log WHERE seq = (SELECT last_seq + 1 FROM retention_purges)');
    const { check, problems } = await checked(dir).then((r) => ({ ...r, problems: r.check.problems }));
    expect(check.intact).toBe(false);
    expect(problems.some((p) => p.kind === 'removed')).toBe(true);
  }, 60_000);
});

describe('the purge keeps to the schema', () => {
  it('clears every table that refers to a dossier', async () => {
    h = await startCore();
    const db = h.core.db!;
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const children = tables.filter((t) => (db.prepare(`PRAGMA foreign_key_list(${t})`).all() as { table: string }[]).some((fk) => fk.table === 'dossiers'));
    // print_jobs is cleared with its bytes; dossiers refers to itself (a resumed dossier).
    expect(children.filter((t) => t !== 'print_jobs' && t !== 'dossiers').sort()).toEqual([...DOSSIER_CHILDREN].sort());
  });
});
