import { afterEach, describe, expect, it } from 'vitest';
import { failure, startCore, type Harness } from '../support/core-harness.js';
import { rowsOf } from '../support/raw-sql.js';
import { skipWithout } from '../support/prerequisites.js';
import { ocrVietnamese, previewFile, readBarcodes } from '../support/read-back.js';
import { OTHER_QR, OWNER_QR, resultReady, returnItem } from '../support/returns.js';

const open: Harness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.stop();
});

async function counter(): Promise<Harness> {
  const h = await startCore();
  open.push(h);
  return h;
}

const outbox = async (h: Harness) =>
  (await rowsOf<{
    kind: string;
    key: string;
    agency: string;
    body: string;
  }>(h, "SELECT kind, idempotency_key AS key, agency_code AS agency, body FROM outbox WHERE kind = 'delivery-report' ORDER BY id"));
const audited = async (h: Harness, action: string) => ((await rowsOf<{ detail: string }>(h, 'SELECT detail FROM audit_log WHERE action = ?', action))).map((r) => JSON.parse(r.detail));

describe('receiving results from the agency', () => {
  it('a scanned return item that a result expects puts the result at this post office; a second scan is refused', async () => {
    const h = await counter();
    const clerk = await h.clientAs('clerk', 'gdv07');
    const { id } = await resultReady(h, returnItem(1));

    const line = await clerk.returns.receive({ code: returnItem(1).toLowerCase() });
    expect(line).toMatchObject({ dossierId: id, status: 'result-at-post', returnItemNumber: returnItem(1), phone: '0912345678', senderName: 'Nguyễn Văn Đức', notifiedAt: null });
    const d = await h.client.dossiers.get({ id });
    expect(d.events.at(-1)).toMatchObject({ type: 'result-at-post', clerkCode: 'gdv07', data: { returnItemNumber: returnItem(1) } });
    expect(await audited(h, 'returns.receive')).toEqual([{ dossierId: id, returnItemNumber: returnItem(1) }]);

    const again = await failure(clerk.returns.receive({ code: returnItem(1) }));
    expect(again).toMatchObject({ code: 'RETURN_ALREADY_RECEIVED', field: 'code' });
    expect(again.vi).toContain('đã nhận');
    expect(await clerk.returns.unmatched()).toEqual([]);
  });

  it('a scan that matches no expected result is refused with the reason and kept until it matches', async () => {
    const h = await counter();
    const refusal = await failure(h.client.returns.receive({ code: returnItem(2) }));
    expect(refusal).toMatchObject({ code: 'RETURN_NOT_EXPECTED', field: 'code' });
    expect(refusal.vi).toContain('Chưa khớp');
    expect(refusal.en).toContain('Unmatched');
    expect(await h.client.returns.unmatched()).toEqual([expect.objectContaining({ code: returnItem(2), clerkCode: 'gdv01', counterCode: 'Q01', reason: { vi: refusal.vi, en: refusal.en } })]);
    expect(await audited(h, 'returns.unmatched')).toEqual([{ code: returnItem(2) }]);

    // The agency's update arrives later: the same item now matches and leaves the list.
    const { id } = await resultReady(h, returnItem(2));
    expect(await h.client.returns.receive({ code: returnItem(2) })).toMatchObject({ dossierId: id, status: 'result-at-post' });
    expect(await h.client.returns.unmatched()).toEqual([]);
  });

  it('a result to be delivered at an address goes out for delivery, first attempt', async () => {
    const h = await counter();
    const { id } = await resultReady(h, returnItem(3), { returnMethod: 'to-address', deliveryAddress: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội' });
    expect(await h.client.returns.receive({ code: returnItem(3) })).toMatchObject({ status: 'out-for-delivery', returnMethod: 'to-address' });
    const detail = await h.client.returns.get({ dossierId: id });
    expect(detail.attempts).toEqual([{ attempt: 1, startedAt: h.clock.now.toISOString(), failedAt: null, reason: null }]);
    expect((await h.client.returns.waiting()).map((l) => l.dossierId)).toEqual([]);
  });
});

describe('delivering at the counter', () => {
  it('refuses a card that is not the owner’s, with the reason, and writes nothing', async () => {
    const h = await counter();
    const { id } = await resultReady(h, returnItem(10));
    await h.client.returns.receive({ code: returnItem(10) });

    const refusal = await failure(h.client.returns.deliver({ dossierId: id, collectorId: OTHER_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] }));
    expect(refusal).toMatchObject({ code: 'RETURN_ID_MISMATCH', field: 'collectorId' });
    expect(refusal.vi).toContain('…0123');
    expect(refusal.vi).toContain('…3456');
    expect(refusal.en).toContain('authorised person');
    expect((await h.client.dossiers.get({ id })).status).toBe('result-at-post');
    expect((await outbox(h))).toEqual([]);

    const unreadable = await failure(h.client.returns.deliver({ dossierId: id, collectorId: '12345', documentsHanded: ['Giấy phép xây dựng'], fees: [] }));
    expect(unreadable).toMatchObject({ code: 'RETURN_ID_UNREADABLE', field: 'collectorId' });
  });

  it('hands over to the owner: the event, the record, the report to the agency and the note, found by scanning the return item', async () => {
    const h = await counter();
    const { id } = await resultReady(h, returnItem(11));
    await h.client.returns.receive({ code: returnItem(11) });
    await h.setClock(new Date('2026-11-27T03:40:00Z'));

    const found = await h.client.returns.find({ code: returnItem(11) });
    expect(found.dossier.id).toBe(id);
    expect(found.resultDocuments).toEqual(['Giấy phép xây dựng', 'Bản vẽ có đóng dấu']);
    expect(await audited(h, 'lookup')).toContainEqual({ kind: 'return-item', query: returnItem(11) });

    const out = await h.client.returns.deliver({
      dossierId: id,
      collectorId: OWNER_QR,
      documentsHanded: ['Giấy phép xây dựng', 'Bản vẽ có đóng dấu'],
      fees: [{ name: 'Lệ phí cấp giấy phép', amount: 75000 }],
    });
    expect(out.printProblem).toBeNull();
    expect(out.printJob).toMatchObject({ document: 'delivery-note', dossierId: id });
    expect(out.detail.line.status).toBe('delivered');
    expect(out.detail.delivery).toEqual({
      deliveredAt: '2026-11-27T03:40:00.000Z',
      recipientName: 'Nguyễn Văn Đức',
      recipientIdNumber: '001090123456',
      authorised: false,
      authorisationDocument: '',
      documentsHanded: ['Giấy phép xây dựng', 'Bản vẽ có đóng dấu'],
      fees: [{ name: 'Lệ phí cấp giấy phép', amount: 75000 }],
      feesTotal: 75000,
    });
    const event = out.detail.dossier.events.at(-1)!;
    expect(event).toMatchObject({ type: 'delivered', data: { recipientName: 'Nguyễn Văn Đức', recipientIdNumber: '001090123456', authorised: false } });

    const [row] = (await outbox(h));
    expect(row!.key).toBe(`100000-Q01-EV${event.id}`);
    expect(row!.agency).toBe('000.00.15.H26');
    expect(JSON.parse(row!.body)).toEqual({
      SoHieuBuuGuiKetQua: returnItem(11),
      MaHoSo: `000.00.15.H26-261127-${String(id).padStart(4, '0')}`,
      TrangThai: 'DELIVERED',
      ThoiGian: '20261127104000',
      LanPhat: 1,
      NguoiNhan: { HoTen: 'Nguyễn Văn Đức', SoDinhDanh: '001090123456', UyQuyen: false },
    });
    expect(await audited(h, 'returns.deliver')).toEqual([{ dossierId: id, returnItemNumber: returnItem(11), authorised: false, feesTotal: 75000 }]);

    // Delivered once: a second handover is refused in words.
    const twice = await failure(h.client.returns.deliver({ dossierId: id, collectorId: OWNER_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] }));
    expect(twice).toMatchObject({ code: 'RETURN_WRONG_STATE' });
    expect(twice.vi).toContain('Đã trả kết quả');
  });

  it('accepts the old 9-digit number carried on the card when the dossier has only that one', async () => {
    const h = await counter();
    const sender = { kind: 'individual' as const, fullName: 'Trần Văn Bình', personalId: '', oldId: '012345678', businessCode: '', birthDate: '1960-01-01', gender: 'male' as const, address: 'Số 3 Phố Huế, Hà Nội', phone: '0987654321', email: '' };
    const { id } = await resultReady(h, returnItem(12), { sender });
    await h.client.returns.receive({ code: returnItem(12) });
    const card = '001060009999|012345678|Trần Văn Bình|01011960|Nam|Số 3 Phố Huế, Hà Nội|01012021';
    const out = await h.client.returns.deliver({ dossierId: id, collectorId: card, documentsHanded: ['Giấy phép'], fees: [] });
    expect(out.detail.delivery).toMatchObject({ recipientName: 'Trần Văn Bình', recipientIdNumber: '001060009999', authorised: false });
  });

  it('hands over to an authorised person once the authorisation is recorded, and says so to the agency', async () => {
    const h = await counter();
    const { id } = await resultReady(h, returnItem(13));
    await h.client.returns.receive({ code: returnItem(13) });
    const out = await h.client.returns.deliver({
      dossierId: id,
      collectorId: OTHER_QR,
      authorisation: { name: 'Lê Thị Hoa', document: 'Giấy uỷ quyền số 12/UQ ngày 20/11/2026, UBND phường Tràng Tiền chứng thực' },
      documentsHanded: ['Giấy phép xây dựng'],
      fees: [],
    });
    expect(out.detail.delivery).toMatchObject({ recipientName: 'Lê Thị Hoa', recipientIdNumber: '079185000123', authorised: true, authorisationDocument: expect.stringContaining('12/UQ') });
    expect(JSON.parse((await outbox(h))[0]!.body).NguoiNhan).toEqual({ HoTen: 'Lê Thị Hoa', SoDinhDanh: '079185000123', UyQuyen: true });
  });
});

describe('the delivery note', () => {
  it.skipIf(skipWithout('zbarimg') || skipWithout('tesseract'))('carries the return item as Code 128 and reads back who took what, and the fees', async () => {
    const h = await counter();
    const { id } = await resultReady(h, returnItem(14));
    await h.client.returns.receive({ code: returnItem(14) });
    const out = await h.client.returns.deliver({
      dossierId: id,
      collectorId: OTHER_QR,
      authorisation: { name: 'Lê Thị Hoa', document: 'Giấy uỷ quyền số 12/UQ ngày 20/11/2026' },
      documentsHanded: ['Giấy phép xây dựng', 'Bản vẽ có đóng dấu'],
      fees: [{ name: 'Lệ phí cấp giấy phép', amount: 75000 }],
    });
    await h.core.printing.idle();
    const png = await previewFile(h, out.printJob!.id, 'delivery-note');
    expect(await readBarcodes(png)).toContain(`CODE-128:${returnItem(14)}`);
    const text = await ocrVietnamese(png);
    for (const words of ['PHIẾU GIAO KẾT', 'ĐƯỢC UỶ QUYỀN', '079185000123', '12/UQ', 'Giấy phép xây dựng', 'Bản vẽ có đóng dấu', '75.000']) expect(text).toContain(words);
  });
});

describe('telling the citizen', () => {
  it('lists results waiting here with the phone and how long, and records "đã báo" with the time', async () => {
    const h = await counter();
    const first = await resultReady(h, returnItem(20));
    const second = await resultReady(h, returnItem(21));
    await h.client.returns.receive({ code: returnItem(20) });
    await h.setClock(new Date('2026-11-27T04:15:00Z'));
    await h.client.returns.receive({ code: returnItem(21) });
    await h.setClock(new Date('2026-11-28T04:15:00Z'));

    const waiting = await h.client.returns.waiting();
    expect(waiting.map((l) => [l.dossierId, l.phone, l.waitedMinutes, l.notifiedAt])).toEqual([
      [first.id, '0912345678', 26 * 60, null],
      [second.id, '0912345678', 24 * 60, null],
    ]);
    const told = await h.client.returns.notified({ dossierId: second.id });
    expect(told).toMatchObject({ notifiedAt: '2026-11-28T04:15:00.000Z', notifiedBy: 'gdv01' });
    expect(await audited(h, 'returns.notified')).toEqual([{ dossierId: second.id, channel: 'clerk-phoned' }]);
  });
});

describe('delivering at an address', () => {
  it('a failed attempt states its reason; the next waits two working days; the second failure sends the result back, reported', async () => {
    const h = await counter(); // Friday 27/11/2026
    const { id } = await resultReady(h, returnItem(30), { returnMethod: 'to-address', deliveryAddress: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội' });
    await h.client.returns.receive({ code: returnItem(30) });

    const failed = await h.client.returns.attemptFailed({ dossierId: id, reason: 'Không có người nhận tại địa chỉ' });
    expect(failed.line.status).toBe('delivery-failed');
    expect(failed.attempts).toEqual([{ attempt: 1, startedAt: expect.any(String), failedAt: h.clock.now.toISOString(), reason: 'Không có người nhận tại địa chỉ' }]);
    expect(failed.nextAttemptFrom).toBe('2026-12-01');

    // Saturday is no working day, and Monday is only one working day on: the next attempt waits for Tuesday.
    for (const day of ['2026-11-28T02:00:00Z', '2026-11-30T02:00:00Z']) {
      await h.setClock(new Date(day));
      const soon = await failure(h.client.returns.nextAttempt({ dossierId: id }));
      expect(soon).toMatchObject({ code: 'RETURN_ATTEMPT_TOO_SOON' });
      expect(soon.vi).toContain('01/12/2026');
    }
    await h.setClock(new Date('2026-12-01T02:00:00Z'));
    expect((await h.client.returns.nextAttempt({ dossierId: id })).attempts.map((a) => a.attempt)).toEqual([1, 2]);

    const back = await h.client.returns.attemptFailed({ dossierId: id, reason: 'Người nhận đi vắng dài ngày' });
    expect(back.line.status).toBe('returned-to-agency');
    expect(back.dossier.events.slice(-2).map((e) => e.type)).toEqual(['delivery-failed', 'returned-to-agency']);
    expect((await outbox(h)).map((r) => JSON.parse(r.body) as { TrangThai: string; LanPhat: number }).map((b) => [b.TrangThai, b.LanPhat])).toEqual([
      ['DELIVERY_FAILED', 1],
      ['DELIVERY_FAILED', 2],
      ['RETURNED_TO_AGENCY', 2],
    ]);
    expect(await failure(h.client.returns.nextAttempt({ dossierId: id }))).toMatchObject({ code: 'RETURN_WRONG_STATE' });
  });
});
