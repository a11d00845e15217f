import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, startCore, type Client, type Harness } from '../support/core-harness.js';
import { linkUntil, officeDataDir } from '../support/office-counter.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
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

describe('training mode', () => {
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
  });
});

const noPostgres = skipWithout('postgres');

describe.skipIf(noPostgres)('training mode on a counter whose data are on the office server', () => {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.remove();
  });

  it('practises on a training file made from the server’s catalogue and clerks, writes nothing there, and comes back to the server', async () => {
    const login = await server!.createDatabase('office_training');
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
});
