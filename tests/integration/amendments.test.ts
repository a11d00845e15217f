import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, sampleIntake, SECRET, startCore, type Client, type Harness } from '../support/core-harness.js';
import { rowsOf } from '../support/raw-sql.js';
import { BUILDING } from '../support/batches.js';
import { skipWithout } from '../support/prerequisites.js';
import { ocrVietnamese, previewFile } from '../support/read-back.js';

let h: Harness;
let supervisor: Client;
beforeEach(async () => {
  h = await startCore(); // Friday 27 November 2026, 09:15 in Hà Nội
  supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
});
afterEach(async () => {
  await h.stop();
});

/** Moves the clock; the supervisor's counter, idle that long, has locked, so they unlock it. */
async function setClock(iso: string) {
  await h.setClock(new Date(iso));
  if ((await supervisor.session.state()).locked) await supervisor.session.unlock({ clerkCode: 'ksv01', secret: SECRET });
}

async function accept(client: Client = h.client): Promise<number> {
  return (await client.dossiers.intake(sampleIntake((await client.catalog.status()).version!))).dossierId;
}

/** Rows as they are stored, read beside the app. */
const rows = <T>(text: string, ...params: unknown[]): Promise<T[]> => rowsOf<T>(h, text, ...params);

describe('Huỷ hồ sơ (void)', () => {
  it('a supervisor voids with a reason: a new event, the number stays used and the register book shows it voided', async () => {
    const first = await accept();
    const second = await accept();
    await setClock('2026-11-27T03:00:00Z'); // 10:00
    const voided = await supervisor.dossiers.void({ dossierId: first, reason: '  Nhận nhầm thủ tục  ' });
    expect(voided.status).toBe('voided');
    expect(voided.events.at(-1)).toMatchObject({
      type: 'voided',
      at: '2026-11-27T03:00:00.000Z',
      clerkCode: 'ksv01',
      clerkName: 'Phạm Văn Kiểm',
      data: { reason: 'Nhận nhầm thủ tục', refund: 160000 },
    });
    // The accepted event and the dossier's own facts are as they were: nothing was edited in place.
    expect(voided.events[0]).toMatchObject({ type: 'accepted', clerkCode: 'gdv01' });
    expect(voided.registerNo).toBe('000001/2026');

    const book = await h.client.reports.register({ from: '2026-11-27', to: '2026-11-27' });
    expect(book.rows.map((r) => r.registerNo)).toEqual(['000001/2026', '000002/2026']);
    expect(book.rows[0]!.voidedAt).toBe('2026-11-27T03:00:00.000Z');
    expect(book.rows[1]!.voidedAt).toBeNull();
    expect(book.numbering[0]).toMatchObject({ issued: 2, present: 2, gaps: [] });
    // The next intake takes the next number: the voided one is not given again.
    const third = await h.client.dossiers.get({ id: await accept() });
    expect(third.registerNo).toBe('000003/2026');
    expect((await h.client.dossiers.get({ id: second })).status).toBe('accepted-at-post');

    const audit = await rows<{ action: string; clerk_code: string; detail: string }>("SELECT action, clerk_code, detail FROM audit_log WHERE action = 'dossier.voided'");
    expect(audit).toEqual([{ action: 'dossier.voided', clerk_code: 'ksv01', detail: JSON.stringify({ dossierId: first, reason: 'Nhận nhầm thủ tục', refund: 160000 }) }]);
  });

  it('refuses a clerk in words and records the refusal; the dossier is unchanged', async () => {
    const clerk = await h.clientAs('clerk', 'gdv02', 'Lê Thị Hoa');
    const id = await accept(clerk);
    const refused = await failure(clerk.dossiers.void({ dossierId: id, reason: 'Nhầm' }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', vi: expect.stringContaining('kiểm soát viên'), en: expect.stringContaining('supervisor') });
    const correction = await failure(clerk.dossiers.correct({ dossierId: id, reason: 'Sai tên', changes: { fullName: 'Nguyễn Văn Đực' } }));
    expect(correction.code).toBe('FORBIDDEN');
    expect((await clerk.dossiers.get({ id })).status).toBe('accepted-at-post');
    expect((await clerk.dossiers.get({ id })).events.map((e) => e.type)).toEqual(['accepted']);
    const denied = await rows<{ clerk_code: string; detail: string }>("SELECT clerk_code, detail FROM audit_log WHERE action = 'access.denied' ORDER BY id");
    expect(denied.map((d) => [d.clerk_code, JSON.parse(d.detail).procedure])).toEqual([
      ['gdv02', 'dossiers.void'],
      ['gdv02', 'dossiers.correct'],
    ]);
  });

  it('needs a reason, and only before the dossier leaves the office (in a batch it must come out first)', async () => {
    const id = await accept();
    const empty = await failure(supervisor.dossiers.void({ dossierId: id, reason: ' \u200b ' }));
    expect(empty).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
    const batch = await supervisor.batches.create({ agencyCode: BUILDING });
    await supervisor.batches.addByPick({ batchId: batch.id, dossierIds: [id] });
    const inBatch = await failure(supervisor.dossiers.void({ dossierId: id, reason: 'Nhầm' }));
    expect(inBatch.code).toBe('TRANSITION_REFUSED');
    expect(inBatch.vi).toContain('không thể ghi "Huỷ hồ sơ"');
    expect((await h.client.dossiers.get({ id })).status).toBe('in-batch');
    expect(await rows("SELECT 1 FROM audit_log WHERE action = 'dossier.voided'")).toEqual([]);
    const gone = await failure(supervisor.dossiers.void({ dossierId: 9999, reason: 'Nhầm' }));
    expect(gone.code).toBe('DOSSIER_NOT_FOUND');
  });
});

describe('Sửa thông tin (correction)', () => {
  it('keeps the old and new values in the history; the dossier, lookup and register show the new ones', async () => {
    const id = await accept();
    await setClock('2026-11-27T04:30:00Z'); // 11:30
    const fixed = await supervisor.dossiers.correct({
      dossierId: id,
      reason: 'Người gửi báo sai chính tả tên',
      changes: { fullName: 'Nguyễn Văn Được', phone: '0987654321', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
    });
    expect(fixed.status).toBe('accepted-at-post');
    expect(fixed.sender).toMatchObject({ fullName: 'Nguyễn Văn Được', phone: '0987654321', personalId: '001090123456' });
    expect(fixed.senderName).toBe('Nguyễn Văn Được');
    // Only what differed is recorded: the address was the same.
    expect(fixed.events.at(-1)).toMatchObject({
      type: 'corrected',
      clerkCode: 'ksv01',
      at: '2026-11-27T04:30:00.000Z',
      data: {
        reason: 'Người gửi báo sai chính tả tên',
        changes: [
          { field: 'fullName', from: 'Nguyễn Văn Đức', to: 'Nguyễn Văn Được' },
          { field: 'phone', from: '0912345678', to: '0987654321' },
        ],
      },
    });
    const found = await h.client.dossiers.search({ query: 'nguyen van duoc' });
    expect(found.rows.map((r) => r.id)).toEqual([id]);
    expect((await h.client.dossiers.search({ query: 'Nguyễn Văn Đức' })).rows).toEqual([]);
    expect((await h.client.reports.register({ from: '2026-11-27', to: '2026-11-27' })).rows[0]).toMatchObject({ senderName: 'Nguyễn Văn Được', senderPhone: '0987654321' });
    const audit = await rows<{ clerk_code: string; detail: string }>("SELECT clerk_code, detail FROM audit_log WHERE action = 'dossier.corrected'");
    expect(audit.map((a) => [a.clerk_code, JSON.parse(a.detail)])).toEqual([['ksv01', { dossierId: id, reason: 'Người gửi báo sai chính tả tên', fields: ['fullName', 'phone'] }]]);
  });

  it('refuses what may not be corrected, a bad value and a change that changes nothing, in words; nothing is written', async () => {
    const id = await accept();
    const bad = await failure(supervisor.dossiers.correct({ dossierId: id, reason: 'Sai số', changes: { phone: '12345' } }));
    expect(bad).toMatchObject({ code: 'CORRECTION_INVALID', field: 'phone', vi: expect.stringContaining('Số điện thoại') });
    // The ID number and the money are not in the correctable fields: the contract drops them.
    const id12 = await failure(supervisor.dossiers.correct({ dossierId: id, reason: 'Sai số', changes: { personalId: '001090999999', postage: 0 } as never }));
    expect(id12.code).toBe('NOTHING_CHANGED');
    const same = await failure(supervisor.dossiers.correct({ dossierId: id, reason: 'Không đổi', changes: { fullName: 'Nguyễn Văn Đức' } }));
    expect(same.code).toBe('NOTHING_CHANGED');
    const birth = await failure(supervisor.dossiers.correct({ dossierId: id, reason: 'Sai ngày sinh', changes: { birthDate: '1985-03-15' } }));
    expect(birth).toMatchObject({ code: 'CORRECTION_INVALID', field: 'personalId' });
    expect((await h.client.dossiers.get({ id })).events.map((e) => e.type)).toEqual(['accepted']);
    expect(await rows("SELECT 1 FROM audit_log WHERE action = 'dossier.corrected'")).toEqual([]);
  });

  it.skipIf(skipWithout('tesseract'))('a reprint says ĐÃ SỬA or ĐÃ HỦY with the time; the receipt printed before is still drawn as it was printed', async () => {
    const id = await accept();
    await h.core.printing.idle();
    const original = (await h.client.printing.jobs({ dossierId: id })).find((j) => j.document === 'receipt')!;
    const before = (await h.client.printing.preview({ jobId: original.id })).pngBase64;

    await setClock('2026-11-27T04:30:00Z'); // 11:30
    await supervisor.dossiers.correct({ dossierId: id, reason: 'Sai tên', changes: { fullName: 'Nguyễn Văn Được' } });
    expect((await h.client.printing.preview({ jobId: original.id })).pngBase64).toBe(before);
    await setClock('2026-11-27T04:40:00Z');
    const corrected = await h.client.printing.reprint({ dossierId: id, document: 'receipt' });
    const text = (await ocrVietnamese(await previewFile(h, corrected.id, 'reprint-corrected'), 6)).replace(/\s+/g, ' ');
    expect(text).toMatch(/B[AẢ]N IN L[AẠ]I — Đ[AÃ] S[UỬ]A/);
    expect(text).toContain('Sửa lúc: 27/11/2026 11:30');
    expect(text).toMatch(/NGUY.N V.N Đ[UƯ][OỢƠ]C/);

    await setClock('2026-11-27T05:00:00Z'); // 12:00
    await supervisor.dossiers.void({ dossierId: id, reason: 'Người gửi rút lại' });
    const voided = await h.client.printing.reprint({ dossierId: id, document: 'receipt' });
    const words = (await ocrVietnamese(await previewFile(h, voided.id, 'reprint-voided'), 6)).replace(/\s+/g, ' ');
    expect(words).toMatch(/B[AẢ]N IN L[AẠ]I — Đ[AÃ] H[UỦ]Y/);
    expect(words).toContain('Hủy lúc: 27/11/2026 12:00');
  });
});
