import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/core-harness.js';
import { rowOf, rowsOf } from '../support/raw-sql.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { BatchRepository } from '../../electron/core/batches/batch-repository.js';
import { loadContract } from '../../tools/agency-sim/openapi-check.js';
import { refuseBatch } from '../../tools/agency-sim/validate.js';
import { failure, sampleIntake, SECRET, startCore, tempDir } from '../support/core-harness.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { pdfText, previewFile, readBarcodes } from '../support/read-back.js';

const JUSTICE = { agency: '000.00.16.H26', procedure: '2.000488' }; // Sở Tư pháp

describe('batches to the agencies, through the contract', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('lists accepted dossiers by agency, builds a batch by scan and by pick, refuses in words, closes it with its upload queued, and records the handover', async () => {
    h = await startCore();
    const boss = await h.clientAs('supervisor', 'ks01', 'Lê Văn Kiểm');
    const a = await takeIn(h.client);
    const b = await takeIn(h.client);
    const c = await takeIn(h.client);
    const other = await takeIn(h.client, JUSTICE.procedure);

    const waiting = await boss.batches.waiting();
    expect(waiting.map((g) => [g.agencyCode, g.count])).toEqual(expect.arrayContaining([[BUILDING, 3], [JUSTICE.agency, 1]]));
    expect(waiting.find((g) => g.agencyCode === BUILDING)!.dossiers.map((d) => d.itemNumber)).toEqual([a.item, b.item, c.item]);

    const created = await boss.batches.create({ agencyCode: BUILDING });
    expect(created).toMatchObject({ number: '100000-Q01-261127-01', state: 'open', agencyName: 'Sở Xây dựng', items: [] });
    const id = created.id;

    await boss.batches.addByCode({ batchId: id, code: a.item.toLowerCase() });
    await boss.batches.addByPick({ batchId: id, dossierIds: [b.id, c.id] });

    // The refusals a scan gets, with what to do, in both languages.
    const again = await failure(boss.batches.addByCode({ batchId: id, code: a.item }));
    expect(again).toMatchObject({ code: 'BATCH_ALREADY_HERE' });
    const wrongAgency = await failure(boss.batches.addByCode({ batchId: id, code: other.item }));
    expect(wrongAgency).toMatchObject({ code: 'BATCH_OTHER_AGENCY' });
    expect(wrongAgency.vi).toContain('Sở Tư pháp');
    expect(wrongAgency.en).toContain('Sở Tư pháp');
    const unknown = await failure(boss.batches.addByCode({ batchId: id, code: 'EE000000000VN' }));
    expect(unknown).toMatchObject({ code: 'BATCH_UNKNOWN_ITEM' });
    const second = await boss.batches.create({ agencyCode: BUILDING });
    expect(second.number).toBe('100000-Q01-261127-02');
    const elsewhere = await failure(boss.batches.addByCode({ batchId: second.id, code: b.item }));
    expect(elsewhere).toMatchObject({ code: 'BATCH_ALREADY_IN_ANOTHER' });
    expect(elsewhere.vi).toContain('100000-Q01-261127-01');

    // Taken out, a dossier is accepted again and may go into the other batch.
    await boss.batches.remove({ batchId: id, dossierId: c.id, reason: 'Phong bì rách, niêm phong lại' });
    expect((await boss.dossiers.get({ id: c.id })).status).toBe('accepted-at-post');
    await boss.batches.addByPick({ batchId: second.id, dossierIds: [c.id] });

    expect(await failure(boss.batches.printLabel({ batchId: id }))).toMatchObject({ code: 'BATCH_LABEL_OPEN' });
    const closed = await boss.batches.close({ batchId: id });
    expect(closed.state).toBe('closed');
    expect(closed.items.map((i) => i.itemNumber)).toEqual([a.item, b.item]);
    expect(closed.totals).toEqual({ items: 2, fees: 270000 });
    expect((await failure(boss.batches.addByPick({ batchId: id, dossierIds: [other.id] })))).toMatchObject({ code: 'BATCH_NOT_OPEN' });

    // The bag's label is a print job like any other; its barcode is the batch number.
    const label = await h.client.batches.printLabel({ batchId: id });
    expect(label).toMatchObject({ document: 'batch-label', dossierId: null });
    expect(await readBarcodes(await previewFile(h, label.id, 'batch-label'))).toEqual(['CODE-128:100000-Q01-261127-01']);

    // The upload waits in the outbox with the exact body, written by the close.
    const outbox = await rowsOf<{ body: string }>(h, 'SELECT kind, idempotency_key, agency_code, state, body FROM outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'batch-upload', idempotency_key: '100000-Q01-261127-01', agency_code: BUILDING, state: 'queued' });
    // The reference server's own check of the contract takes the queued body as it is.
    expect(refuseBatch(loadContract(), '100000-Q01-261127-01', JSON.parse(outbox[0]!.body))).toBeUndefined();
    const body = JSON.parse(outbox[0]!.body);
    expect(Object.keys(body)).toEqual(['MaLo', 'MaBuuCuc', 'MaQuay', 'MaCoQuan', 'ThoiGianTao', 'SoLuong', 'HoSo']);
    expect(body).toMatchObject({ MaLo: '100000-Q01-261127-01', MaCoQuan: BUILDING, SoLuong: 2, ThoiGianTao: '20261127091500' });
    expect(body.HoSo.map((d: { SoHieuBuuGui: string }) => d.SoHieuBuuGui)).toEqual([a.item, b.item]);
    expect(body.HoSo[0]).toMatchObject({ ChuHoSo: 'Nguyễn Văn Đức', KenhThucHien: 3, DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '001090123456' }], CuocBuuChinh: 25000 });

    const record = await pdfText(Buffer.from((await h.client.batches.handoverRecord({ batchId: id })).contentBase64, 'base64'));
    expect(record).toContain('Số lô: 100000-Q01-261127-01');
    expect(record).toContain(a.item);
    expect(record).toContain('Tổng số hồ sơ: 2');

    // The signed time is the legal submission time of each dossier.
    const signedAt = '2026-11-27T14:30:00+07:00';
    expect(await failure(boss.batches.recordHandover({ batchId: id, signedAt, officerName: 'Phạm Thị Nhận' }))).toMatchObject({ code: 'HANDOVER_IN_FUTURE' });
    await h.setClock(new Date('2026-11-27T09:00:00Z')); // 16:00, back from the agency
    if ((await boss.session.state()).locked) await boss.session.unlock({ clerkCode: 'ks01', secret: SECRET });
    const done = await boss.batches.recordHandover({ batchId: id, signedAt, officerName: 'Phạm Thị Nhận' });
    expect(done).toMatchObject({ state: 'handed-over', handedOverAt: '2026-11-27T07:30:00.000Z', handoverOfficer: 'Phạm Thị Nhận' });
    const d = await boss.dossiers.get({ id: a.id });
    expect(d.status).toBe('handed-over');
    expect(d.events.map((e) => [e.type, e.data])).toEqual([
      ['accepted', expect.anything()],
      ['batched', { batchId: '100000-Q01-261127-01' }],
      ['handed-over', { batchId: '100000-Q01-261127-01', officer: 'Phạm Thị Nhận' }],
    ]);
    expect(d.events.at(-1)!.at).toBe('2026-11-27T07:30:00.000Z');
    expect((await boss.batches.unfinished()).map((s) => s.number)).toEqual(['100000-Q01-261127-02']);
  });

  it('refuses a dossier that is not accepted, and a close of an empty batch, and leaves nothing half-written', async () => {
    h = await startCore();
    const boss = await h.clientAs('supervisor', 'ks01');
    const version = (await h.client.catalog.status()).version!;
    const guided = await h.client.dossiers.intake(sampleIntake(version, { decision: 'guide' }));
    const ok = await takeIn(h.client);
    const batch = await boss.batches.create({ agencyCode: BUILDING });
    expect(await failure(boss.batches.close({ batchId: batch.id }))).toMatchObject({ code: 'BATCH_EMPTY' });
    // A pick is all or nothing: the accepted one is not left in the batch when the guided one is refused.
    const refused = await failure(boss.batches.addByPick({ batchId: batch.id, dossierIds: [ok.id, guided.dossierId] }));
    expect(refused).toMatchObject({ code: 'BATCH_NOT_ACCEPTED' });
    expect(refused.en).toContain('Accepted');
    expect((await boss.batches.get({ batchId: batch.id })).items).toEqual([]);
    expect((await boss.dossiers.get({ id: ok.id })).status).toBe('accepted-at-post');
    expect(await rowOf(h, 'SELECT count(*) AS n FROM outbox')).toEqual({ n: 0 });
  });

  it('leaves building and closing to a supervisor; a clerk sees the list and prints the record', async () => {
    h = await startCore();
    const clerk = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    await takeIn(h.client);
    expect((await clerk.batches.waiting())[0]!.count).toBe(1);
    const refused = await failure(clerk.batches.create({ agencyCode: BUILDING }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.vi).toContain('kiểm soát viên');
    const batch = await h.client.batches.create({ agencyCode: BUILDING });
    const file = await clerk.batches.handoverRecord({ batchId: batch.id });
    expect(await pdfText(Buffer.from(file.contentBase64, 'base64'))).toContain(`Số lô: ${batch.number}`);
  });
});

describe('closing a batch and queueing its upload are one write', () => {
  let serve: ServeProcess | undefined;
  afterEach(() => {
    serve?.process.kill('SIGKILL');
    serve = undefined;
  });

  it.each([
    ['throws', 'batch.closed-unqueued:throw'],
    ['dies', 'batch.closed-unqueued'],
  ])('%s between the close and the outbox row: the batch is still open and nothing is queued; closed again, it is queued once', async (_, failpoints) => {
    const dataDir = tempDir('bcci-half-close-');
    serve = await startServeProcess(dataDir, { BCCI_FAILPOINTS: failpoints });
    const { id } = await takeIn(serve.client);
    const batch = await serve.client.batches.create({ agencyCode: BUILDING });
    await serve.client.batches.addByPick({ batchId: batch.id, dossierIds: [id] });
    await expect(serve.client.batches.close({ batchId: batch.id })).rejects.toThrow();
    if (failpoints.endsWith(':throw')) serve.process.kill('SIGTERM');
    await exitOf(serve.process);

    const db = openDatabase(dataDir);
    expect(db.prepare('SELECT state, closed_at FROM batches').all()).toEqual([{ state: 'open', closed_at: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    db.close();

    serve = await startServeProcess(dataDir);
    expect((await serve.client.batches.close({ batchId: batch.id })).state).toBe('closed');
    serve.process.kill('SIGTERM');
    await exitOf(serve.process);
    const after = openDatabase(dataDir);
    expect(after.prepare('SELECT idempotency_key FROM outbox').all()).toEqual([{ idempotency_key: batch.number }]);
    after.close();
  });
});

describe('the list of unfinished batches', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.stop());

  it('is read in a fixed number of queries whatever the number of batches, with each batch’s own totals and upload', async () => {
    h = await startCore();
    for (let b = 0; b < 5; b++) {
      const ids = [];
      for (let i = 0; i <= b; i++) ids.push((await takeIn(h.client)).id);
      const batch = await h.client.batches.create({ agencyCode: BUILDING });
      await h.client.batches.addByPick({ batchId: batch.id, dossierIds: ids });
      if (b % 2 === 0) await h.client.batches.close({ batchId: batch.id });
    }
    let queries = 0;
    const counting: KyselyPlugin = { transformQuery: (a) => (queries++, a.node), transformResult: async (a) => a.result };
    const list = await new BatchRepository(h.core.data.withPlugin(counting)).unfinished();
    expect(queries).toBeLessThanOrEqual(4);
    expect(list).toHaveLength(5);
    for (const summary of list) {
      const { items: _items, ...whole } = await h.client.batches.get({ batchId: summary.id });
      expect(summary).toEqual(whole);
    }
  });
});
