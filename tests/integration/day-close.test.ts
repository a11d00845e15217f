import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { rowsOf, runSql } from '../support/raw-sql.js';
import { skipWithout } from '../support/prerequisites.js';
import { ocrVietnamese, pdfText, previewFile } from '../support/read-back.js';
import { fakePrinter } from '../support/fake-printer.js';
import { encodeCp1258 } from '../../electron/core/devices/printer/cp1258.js';
import { PrinterSettingsSchema } from '../../shared/contract/index.js';

let h: Harness;
beforeEach(async () => {
  h = await startCore(); // Friday 27 November 2026, 09:15 in Hà Nội
});
afterEach(async () => {
  await h.stop();
});

/** A day at the counter: three accepted (one just before midnight), one guided, one reprint; one accepted after midnight. */
async function workTheDay() {
  const v = (await h.client.catalog.status()).version!;
  const first = await h.client.dossiers.intake(sampleIntake(v));
  await h.client.dossiers.intake(sampleIntake(v, { fees: [{ name: 'Phí, lệ phí', amount: 100000 }, { name: 'Phí dịch vụ', amount: 35000 }], postage: 30000 }));
  const guide = sampleIntake(v, { decision: 'guide' });
  await h.client.dossiers.intake({ ...guide, documents: guide.documents.map((d) => (d.seq === 1 ? { ...d, present: false } : d)) });
  await h.client.printing.reprint({ dossierId: first.dossierId, document: 'receipt' });
  await h.setClock(new Date('2026-11-27T16:50:00Z')); // 23:50
  await h.client.dossiers.intake(sampleIntake(v, { postage: 0 }));
  await h.setClock(new Date('2026-11-27T17:05:00Z')); // 00:05 on Saturday 28
  await h.client.dossiers.intake(sampleIntake(v));
}

/** The cash of a day rebuilt from the "accepted" events alone (each carries the total taken). */
async function cashFromEvents(day: string): Promise<number> {
  const events = await rowsOf<{ at: string; data: string }>(h, "SELECT at, data FROM dossier_events WHERE type = 'accepted' AND clerk_code = 'gdv01'");
  const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
  return events.filter((e) => vnDay(e.at) === day).reduce((s, e) => s + (JSON.parse(e.data) as { total: number }).total, 0);
}

describe('the clerk’s day (Kết ca)', () => {
  it('counts the day from its events: accepted, guided, fees by kind, postage, reprints', async () => {
    await workTheDay();
    const day = await h.client.reports.day({ day: '2026-11-27' });
    expect(day).toMatchObject({
      day: '2026-11-27',
      counterCode: 'Q01',
      clerkCode: 'gdv01',
      accepted: 3,
      guided: 1,
      fees: [
        { name: 'Phí dịch vụ', count: 1, amount: 35000 },
        { name: 'Phí, lệ phí', count: 3, amount: 370000 },
      ],
      feesTotal: 405000,
      postage: { count: 2, amount: 55000 },
      expectedCash: 460000,
      reprints: 1,
      close: null,
    });
    expect(day.expectedCash).toBe(await cashFromEvents('2026-11-27'));
    // The day is the signed-in clerk's own: another clerk at the counter starts from nothing.
    const other = await h.clientAs('clerk', 'gdv02', 'Lê Thị Hoa');
    expect(await other.reports.day({ day: '2026-11-27' })).toMatchObject({ clerkCode: 'gdv02', clerkName: 'Lê Thị Hoa', accepted: 0, expectedCash: 0 });
    // Saturday holds only the dossier taken after midnight; "today" is the clock's day.
    const saturday = await h.client.reports.day({});
    expect(saturday).toMatchObject({ day: '2026-11-28', accepted: 1, guided: 0, expectedCash: 160000, reprints: 0 });
    expect(saturday.expectedCash).toBe(await cashFromEvents('2026-11-28'));
  });

  it('closes the day with the cash counted, shows the difference, and refuses a second close', async () => {
    await workTheDay();
    const closed = await h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 450000 });
    expect(closed.close).toMatchObject({ closedAt: '2026-11-27T17:05:00.000Z', expectedCash: 460000, cashCounted: 450000, difference: -10000 });
    // The close is kept: read again, it says the same.
    expect((await h.client.reports.day({ day: '2026-11-27' })).close).toEqual(closed.close);

    const again = await failure(h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 460000 }));
    expect(again.code).toBe('DAY_ALREADY_CLOSED');
    expect(again.vi).toBe(
      // Friday's later changes count on Saturday (the next calendar day), as the day close reads them.
      'Ngày 27/11/2026 đã được chốt lúc 28/11/2026 00:05 với tiền mặt 450.000 ₫; không chốt lại. Ngày đã khoá: việc huỷ, sửa hồ sơ sau khi chốt được tính vào ngày 28/11/2026.',
    );
    expect(again.en).toContain('already closed');
    expect((await h.client.reports.day({ day: '2026-11-27' })).close?.cashCounted).toBe(450000);
    // The row cannot be edited behind the app's back either.
    await expect(runSql(h, 'UPDATE day_closes SET cash_counted = 460000')).rejects.toThrow(/append-only/);
  });

  it('refuses a day not yet begun and cash that is not a whole amount, in words', async () => {
    const ahead = await failure(h.client.reports.closeDay({ day: '2026-11-28', cashCounted: 0 }));
    expect(ahead).toMatchObject({ code: 'DAY_NOT_YET', field: 'day', vi: 'Chưa thể chốt ngày 28/11/2026: hôm nay mới là 27/11/2026.' });
    const negative = await failure(h.client.reports.closeDay({ day: '2026-11-27', cashCounted: -5 }));
    expect(negative.code).toBe('INVALID_INPUT');
    expect(negative.field).toBe('cashCounted');
    const fraction = await failure(h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 10.5 }));
    expect(fraction.code).toBe('INVALID_INPUT');
    // Nothing was closed by the refused calls.
    expect((await h.client.reports.day({})).close).toBeNull();
  });

  it.skipIf(skipWithout('pdftotext'))('prints the day as an A4 PDF: open, then closed with the cash and the difference', async () => {
    await workTheDay();
    const open = await pdfText(Buffer.from((await h.client.reports.dayFile({ day: '2026-11-27' })).contentBase64, 'base64'));
    expect(open).toContain('BÁO CÁO KẾT CA');
    expect(open).toContain('Ngày 27/11/2026 · Quầy Q01 · Giao dịch viên demo (gdv01)');
    expect(open).toMatch(/Phí dịch vụ\s+1\s+35\.000 ₫/);
    expect(open).toMatch(/Tổng tiền phải thu\s+460\.000 ₫/);
    expect(open).toContain('Ngày chưa chốt: số liệu có thể còn thay đổi.');
    await h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 465000 });
    const file = await h.client.reports.dayFile({ day: '2026-11-27' });
    expect(file.fileName).toBe('ket-ca_2026-11-27_Q01.pdf');
    const closed = await pdfText(Buffer.from(file.contentBase64, 'base64'));
    expect(closed).toContain('Tiền mặt đã đếm: 465.000 ₫ · Chênh lệch: +5.000 ₫');
    expect(closed.replace(/\s+/g, ' ')).toContain('sau khi chốt được tính vào ngày 28/11/2026.');
    expect(closed).toContain('Trang 1/1');
  });

  it.skipIf(skipWithout('tesseract'))('prints the day report on the counter printer through the queue; a later look at the job shows the day as printed', async () => {
    await workTheDay();
    await h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 450000 });
    const job = await h.client.reports.printDay({ day: '2026-11-27' });
    expect(job).toMatchObject({ document: 'day-report', dossierId: null, reprint: false });
    const png = await previewFile(h, job.id, 'day-report');
    const text = (await ocrVietnamese(png, 6)).replace(/\s+/g, ' ');
    // OCR of 1-bit print drops a mark here and there, most on the big bold capitals.
    expect(text).toMatch(/B[AÁ]O C[AÁ]O K[EẾ]T CA Ngày 27\/11\/2026/);
    expect(text).toMatch(/PH[AẢÁ]I TH[UỦ] 460\.000/);
    expect(text).toMatch(/đã đếm 450\.000/);
    expect(text).toMatch(/lệch -10\.000/);

    // Today's open day is printed as it stands; taking one more dossier does not change that paper.
    const open = await h.client.reports.printDay({});
    const before = (await h.client.printing.preview({ jobId: open.id })).pngBase64;
    expect(await ocrVietnamese(await previewFile(h, open.id, 'day-open'), 6)).toMatch(/CH[UƯ]A CH[OỐ]T/);
    await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!));
    expect((await h.client.printing.preview({ jobId: open.id })).pngBase64).toBe(before);
    const later = await h.client.reports.printDay({});
    expect((await h.client.printing.preview({ jobId: later.id })).pngBase64).not.toBe(before);
  });

  it('the closed day’s paper names the day that later voids and corrections count in: the next calendar day, a Saturday', async () => {
    const fake = await fakePrinter();
    try {
      await h.client.settings.update({ printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port: fake.port, mode: 'text-cp1258', codePage: 52 }) });
      await h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 0 });
      await h.client.reports.printDay({ day: '2026-11-27' });
      const paper = (await fake.received(1))[0]!;
      // The text as the roll shows it: commands (ESC a, ESC E, GS !) out, wrapped lines joined.
      const text = Buffer.from(paper.toString('latin1').replace(/[\x1b\x1d][\x61\x45\x21][\s\S]/g, '').split('\n').join(' '), 'latin1');
      expect(text.includes(encodeCp1258('việc huỷ, sửa hồ sơ sau khi chốt được tính vào ngày 28/11/2026.'))).toBe(true);
      expect(text.includes(encodeCp1258('ngày làm việc'))).toBe(false);
    } finally {
      await fake.close();
    }
  });
});

