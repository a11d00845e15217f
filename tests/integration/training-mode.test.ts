import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, sampleIntake, startCore, type Client, type Harness } from '../support/core-harness.js';
import { linkUntil, officeDataDir } from '../support/office-counter.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';
import { counterWithSim, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { ocrVietnamese, pdfText, previewFile } from '../support/read-back.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** OCR of 1-bit print drops a mark here and there: the band's words without their marks. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').replace(/\s+/g, ' ').toUpperCase();

async function bandOn(h: Harness, client: Client, jobId: number, name: string): Promise<string> {
  return fold(await ocrVietnamese(await previewFile({ ...h, client }, jobId, name), 6));
}

let h: Harness | undefined;
let sim: AgencySim | undefined;
afterEach(async () => {
  await h?.stop();
  await sim?.close();
  h = sim = undefined;
});

// The real data on the counter's own file: the run on SQLite.
describe.skipIf(onOfficeServer())('training mode', () => {
  it('takes in, prints and sends a batch on its own file: the real file stays byte-identical, nothing reaches the agency, and the real data carry on after', async () => {
    sim = await startSim();
    ({ h } = await counterWithSim(sim));
    const realFile = join(h.dataDir, 'counter.sqlite');
    const clerk = await h.clientAs('clerk', 'gdv02');
    const real = await takeIn(clerk);
    expect((await clerk.dossiers.get({ id: real.id })).registerNo).toBe('000001/2026');
    // A real receipt is a contract with the post and says so at its foot.
    const realReceipt = (await clerk.printing.jobs({ dossierId: real.id })).find((j) => j.document === 'receipt')!;
    expect(await bandOn(h, clerk, realReceipt.id, 'real-receipt')).toContain('HOP DONG');

    // A clerk may not start practice: a supervisor or administrator answers for the counter's papers.
    expect(await failure(clerk.training.enter())).toMatchObject({ code: 'FORBIDDEN' });
    // The office's own details (kept in the database, not the settings file) are the training papers' too.
    await h.client.settings.update({ office: { code: '700000', name: 'Bưu cục Tập Huấn Thật' } });
    expect((await h.client.training.enter()).on).toBe(true);
    expect((await clerk.settings.get()).office).toEqual({ code: '700000', name: 'Bưu cục Tập Huấn Thật' });
    // The real file is closed, whole (no write-ahead log left), for the whole session.
    expect(existsSync(`${realFile}-wal`)).toBe(false);
    const before = sha256(realFile);
    const agencyCalls = sim.requests.length;

    // Everybody stays signed in, on the real catalogue; the real dossiers are not there.
    const status = await clerk.system.status();
    expect(status.training.on).toBe(true);
    expect(status.catalog.procedures).toBeGreaterThan(0);
    expect((await failure(clerk.dossiers.findByCode({ code: real.item }))).code).toBe('DOSSIER_NOT_FOUND');
    const first = await takeIn(clerk);
    const second = await takeIn(clerk);
    expect((await clerk.dossiers.get({ id: first.id })).registerNo).toBe('000001/2026');

    // Every paper says it is worth nothing: the receipt, and the label of a closed batch.
    const receipt = (await clerk.printing.jobs({ dossierId: first.id })).find((j) => j.document === 'receipt')!;
    const receiptText = await bandOn(h, clerk, receipt.id, 'training-receipt');
    expect(receiptText).toContain('TAP HUAN');
    expect(receiptText).toContain('KHONG CO GIA TRI');
    // A training receipt is no contract: the terms saying it is one are not on it.
    expect(receiptText).not.toContain('HOP DONG');
    const batch = await h.client.batches.create({ agencyCode: BUILDING });
    await h.client.batches.addByPick({ batchId: batch.id, dossierIds: [first.id, second.id] });
    await h.client.batches.close({ batchId: batch.id });
    const label = await h.client.batches.printLabel({ batchId: batch.id });
    expect(await bandOn(h, h.client, label.id, 'training-batch-label')).toContain('TAP HUAN');
    // The A4 papers too: the handover record and the day report say it on every page.
    const record = await h.client.batches.handoverRecord({ batchId: batch.id });
    expect(await pdfText(Buffer.from(record.contentBase64, 'base64'))).toContain('TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ');
    const dayFile = await clerk.reports.dayFile({});
    // Named as every file training makes, so neither is filed as the office's own.
    expect([record.fileName, dayFile.fileName]).toEqual([`TAP-HUAN-bien-ban-giao-nhan-${(await h.client.batches.get({ batchId: batch.id })).number}.pdf`, 'TAP-HUAN-ket-ca_2026-11-27_Q01.pdf']);
    expect(await pdfText(Buffer.from(dayFile.contentBase64, 'base64'))).toContain('TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ');
    // The outbox worker rests 20 ms here: a batch would have been sent many times over.
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.requests.length).toBe(agencyCalls);
    // What concerns the real data only is refused in words.
    expect(await failure(h.client.backup.create({ passphrase: 'mot-cau-rat-dai-de-nho' }))).toMatchObject({ code: 'NOT_IN_TRAINING' });

    expect(sha256(realFile)).toBe(before);
    expect(existsSync(`${realFile}-wal`)).toBe(false);

    expect((await h.client.training.leave()).on).toBe(false);
    expect((await clerk.system.status()).training.on).toBe(false);
    expect(await clerk.dossiers.findByCode({ code: real.item })).toEqual({ id: real.id });
    // Training labels take the same serials under the private-use country ZZ: never a real item number.
    expect(first.item).toBe(real.item.replace(/VN$/, 'ZZ'));
    for (const practised of [first, second]) expect((await failure(clerk.dossiers.findByCode({ code: practised.item }))).code).toBe('DOSSIER_NOT_FOUND');
    // The register goes on from the real number, as if the session had not happened.
    const next = await takeIn(clerk);
    expect((await clerk.dossiers.get({ id: next.id })).registerNo).toBe('000002/2026');
    const actions = (await h.client.audit.list({})).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['training.enter', 'training.leave']));
    // 15–18 s alone on two shared cores; past the default 20 s beside the suite's heaviest files.
  }, 60_000);
});

describe.skipIf(onOfficeServer())('leaving training when the real data do not open', () => {
  it('stays in training, saying why, when the real file is gone or locked; leaves once it is back', async () => {
    h = await startCore();
    const realFile = join(h.dataDir, 'counter.sqlite');
    const real = await takeIn(h.client);
    await h.client.training.enter();
    const practice = await takeIn(h.client);
    const stillTraining = async () => {
      expect((await h!.client.training.state()).on).toBe(true);
      expect(await h!.client.dossiers.findByCode({ code: practice.item })).toEqual({ id: practice.id });
    };

    // The file moved away (a drive unplugged, a wrong copy): no empty file is made in its place.
    renameSync(realFile, `${realFile}.away`);
    const missing = await failure(h.client.training.leave());
    expect(missing).toMatchObject({ code: 'TRAINING_REAL_DATA_MISSING', vi: expect.stringContaining('quầy vẫn ở chế độ tập huấn') });
    expect(existsSync(realFile)).toBe(false);
    await stillTraining();
    renameSync(`${realFile}.away`, realFile);

    // Another program holds the file locked: the real core fails to open, and the counter is back on its practice file.
    const holder = new Database(realFile);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    const locked = await failure(h.client.training.leave());
    expect(locked).toMatchObject({ code: 'TRAINING_REAL_DATA_UNOPENED', vi: expect.stringContaining('Quầy vẫn ở chế độ tập huấn, dữ liệu tập huấn còn nguyên') });
    await stillTraining();
    expect((await takeIn(h.client)).item).toMatch(/ZZ$/);
    holder.exec('COMMIT');
    holder.close();

    expect((await h.client.training.leave()).on).toBe(false);
    expect(await h.client.dossiers.findByCode({ code: real.item })).toEqual({ id: real.id });
    expect((await h.client.dossiers.get({ id: (await takeIn(h.client)).id })).registerNo).toBe('000002/2026');
  }, 60_000);
});

// The real data on a fresh database of the run's office server: the run on PostgreSQL.
describe.skipIf(!onOfficeServer())('training mode on a counter whose data are on the office server', () => {

  it('practises on a training file made from the server’s catalogue and clerks, writes nothing there, and comes back to the server', async () => {
    const login = await freshOfficeDatabase();
    const dataDir = officeDataDir(login, 'Q01');
    h = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: { probeMs: 500, probeTimeoutMs: 1000, retryMs: [100, 200, 400] } });
    const real = await takeIn(h.client);
    const onServer = async (sql: string) => {
      const c = new pg.Client(login);
      await c.connect();
      try {
        return (await c.query(sql)).rows;
      } finally {
        await c.end();
      }
    };
    const count = async () => (await onServer('SELECT (SELECT count(*) FROM dossiers)::int AS d, (SELECT count(*) FROM print_jobs)::int AS p, (SELECT count(*) FROM audit_log)::int AS a'))[0];

    await h.client.training.enter();
    const before = await count();
    expect(existsSync(join(dataDir, 'training', 'training.sqlite'))).toBe(true);
    expect((await h.client.catalog.status()).procedures).toBeGreaterThan(0);
    const practice = await takeIn(h.client);
    expect((await h.client.dossiers.get({ id: practice.id })).registerNo).toBe('000001/2026');
    // Nothing reached the server: no dossier, no print job, not even an audit line.
    expect(await count()).toEqual(before);

    await h.client.training.leave();
    expect(await linkUntil(h.client, (l) => l.state === 'up')).toMatchObject({ state: 'up' });
    expect(await h.client.dossiers.findByCode({ code: real.item })).toEqual({ id: real.id });
    const next = await takeIn(h.client);
    expect((await h.client.dossiers.get({ id: next.id })).registerNo).toBe('000002/2026');
  }, 60_000);

  it('a switch waits for an intake half-way, which ends whole on the real data; a call arriving meanwhile is refused in words', async () => {
    const login = await freshOfficeDatabase();
    h = await startCore({ dataDir: officeDataDir(login, 'Q01'), env: { BCCI_OFFICE_PASSWORD: login.password }, trainingSettleMs: 3000 });
    const c = h.client;
    const first = await takeIn(c);
    const version = (await c.catalog.status()).version!;
    const documents = (await c.catalog.get({ code: '1.002804' })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));

    // Another session holds a table the intake reads first (as a long report or a vacuum would): the intake waits, half-way.
    const other = new pg.Client(login);
    await other.connect();
    await other.query('BEGIN');
    await other.query('LOCK TABLE intake_requests IN ACCESS EXCLUSIVE MODE');
    const intake = c.dossiers.intake(sampleIntake(version, { documents, feeReason: 'Theo biểu phí của thủ tục' }));
    const waiting = async () => (await other.query('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted')).rows[0].n as number;
    for (let i = 0; (await waiting()) === 0; i++) {
      if (i > 100) throw new Error('the intake never waited on the lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    // A call that does not end in time: the switch gives up in words and the counter stays as it was.
    expect(await failure(c.training.enter())).toMatchObject({ code: 'TRAINING_CALLS_RUNNING', vi: expect.stringContaining('quầy vẫn ở chế độ cũ') });
    expect((await c.training.state()).on).toBe(false);

    let entered = false;
    const entering = c.training.enter().then((state) => {
      entered = true;
      return state;
    });
    // While the switch waits, a new call is refused in words; the switch does not go on under the intake.
    let refused = await failure(c.catalog.status()).catch(() => null);
    for (let i = 0; refused?.code !== 'TRAINING_SWITCHING' && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      refused = await failure(c.catalog.status()).catch(() => null);
    }
    expect(refused).toMatchObject({ code: 'TRAINING_SWITCHING', vi: expect.stringContaining('đang chuyển chế độ tập huấn') });
    await new Promise((r) => setTimeout(r, 200));
    expect(entered).toBe(false);

    await other.query('COMMIT');
    await other.end();
    // The intake ends whole on the store it started on: numbered in the real register, its papers queued.
    const done = await intake;
    expect(done.registerNo).toBe('000002/2026');
    expect(done.printProblem).toBeNull();
    expect(done.printJobs.length).toBeGreaterThan(0);
    expect((await entering).on).toBe(true);
    // Training starts after it: the dossier is not in practice, and practice starts its own register.
    expect(await failure(c.dossiers.findByCode({ code: done.itemNumber! }))).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
    await c.training.leave();
    expect(await linkUntil(c, (l) => l.state === 'up')).toMatchObject({ state: 'up' });
    expect(await c.dossiers.findByCode({ code: done.itemNumber! })).toEqual({ id: done.dossierId });
    expect((await c.printing.jobs({ dossierId: done.dossierId })).map((j) => j.document)).toEqual(done.printJobs.map((j) => j.document));
    expect(await c.dossiers.findByCode({ code: first.item })).toEqual({ id: first.id });
  }, 60_000);
});
