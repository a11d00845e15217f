import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../support/core-harness.js';
import { pdfText } from '../support/read-back.js';
import { OWNER_QR, resultReady, returnItem } from '../support/returns.js';

const open: Harness[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.stop();
});

const HANG_BAI = 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội';
const LE_LOI = 'Số 12 Lê Lợi, Phường Bến Nghé, TP. Hồ Chí Minh';

// On the counter's own file, and in the suite's run on the office server on a fresh database of its one server.
describe("the postman's day", () => {
  it('lists the results out for delivery with address and attempt, prints them on A4 as text, and each outcome scanned back leaves the list', async () => {
    const h = await startCore(); // Friday 27/11/2026
    open.push(h);
    const a = await resultReady(h, returnItem(51), { returnMethod: 'to-address', deliveryAddress: HANG_BAI });
    const b = await resultReady(h, returnItem(52), { returnMethod: 'to-address', deliveryAddress: LE_LOI });
    await resultReady(h, returnItem(53)); // collected at the counter: never on the round
    for (const n of [51, 52, 53]) await h.client.returns.receive({ code: returnItem(n) });

    expect(await h.client.returns.round()).toEqual([
      expect.objectContaining({ dossierId: a.id, returnItemNumber: returnItem(51), recipientName: 'Nguyễn Văn Đức', phone: '0912345678', deliveryAddress: HANG_BAI, attempt: 1 }),
      expect.objectContaining({ dossierId: b.id, returnItemNumber: returnItem(52), deliveryAddress: LE_LOI, attempt: 1 }),
    ]);

    const file = await h.client.returns.roundPdf();
    expect(file).toMatchObject({ fileName: 'danh-sach-phat-2026-11-27.pdf', mimeType: 'application/pdf' });
    const text = await pdfText(Buffer.from(file.contentBase64, 'base64'));
    expect(text).toContain('DANH SÁCH PHÁT KẾT QUẢ TẠI ĐỊA CHỈ');
    expect(text).toContain('Ngày 27/11/2026');
    expect(text).toContain(returnItem(51));
    expect(text).toContain('Hàng Bài');
    expect(text).toContain('Tổng số bưu gửi: 2');
    expect(text).not.toContain(returnItem(53));

    // Back from the round: one handed over at the door, one not found there.
    const found = await h.client.returns.find({ code: returnItem(51) });
    await h.client.returns.deliver({ dossierId: found.line.dossierId, collectorId: OWNER_QR, documentsHanded: found.resultDocuments, fees: [] });
    const missed = await h.client.returns.find({ code: returnItem(52) });
    await h.client.returns.attemptFailed({ dossierId: missed.line.dossierId, reason: 'Không có người nhận tại địa chỉ' });
    expect(await h.client.returns.round()).toEqual([]);

    // Two working days on (Tuesday), the second attempt goes out and is on that day's list.
    await h.setClock(new Date('2026-12-01T01:00:00Z'));
    await h.client.returns.nextAttempt({ dossierId: b.id });
    expect((await h.client.returns.round()).map((l) => [l.returnItemNumber, l.attempt])).toEqual([[returnItem(52), 2]]);

    // Missed again: the result goes back to the agency, and every outcome waits to be reported.
    await h.client.returns.attemptFailed({ dossierId: b.id, reason: 'Người nhận đi vắng' });
    expect(await h.client.returns.round()).toEqual([]);
    const back = await h.client.returns.get({ dossierId: b.id });
    expect(back.dossier.status).toBe('returned-to-agency');
    expect(back.attempts.map((x) => [x.attempt, x.reason])).toEqual([[1, 'Không có người nhận tại địa chỉ'], [2, 'Người nhận đi vắng']]);
    expect(back.reports.map((r) => [r.status, r.attempt, r.state])).toEqual([['DELIVERY_FAILED', 1, 'queued'], ['DELIVERY_FAILED', 2, 'queued'], ['RETURNED_TO_AGENCY', 2, 'queued']]);
    const handed = await h.client.returns.get({ dossierId: a.id });
    expect(handed.dossier.status).toBe('delivered');
    expect(handed.reports.map((r) => [r.status, r.attempt])).toEqual([['DELIVERED', 1]]);
  });
});
