import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, startCore, type Harness } from '../support/core-harness.js';
import { takeIn } from '../support/batches.js';
import { sampleIntake } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';
import { pdfText } from '../support/read-back.js';

const BAND = 'TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Each sheet's rows as text (a merged title repeats in each of its cells), and where its frozen panes stop. */
async function workbook(contentBase64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const frozen = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0;
    return {
      rows: ws.getSheetValues().filter(Array.isArray).map((row) => (row as unknown[]).slice(1).map((c) => String(c ?? ''))),
      frozen,
      lastFrozenRow: frozen > 0 ? String(ws.getRow(frozen).getCell(1).value) : '',
    };
  });
}

describe('training papers can never pass for real ones', () => {
  it('a training label takes its item number outside every real range: it ends in ZZ, which no post issues', async () => {
    h = await startCore();
    const realNext = (await h.client.dossiers.nextItemNumber()).itemNumber;
    expect(realNext).toMatch(/^EL\d{9}VN$/);

    await h.client.training.enter();
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toMatch(/^EL\d{9}ZZ$/);
    const practice = await takeIn(h.client);
    expect(practice.item).toMatch(/^EL\d{9}ZZ$/);
    expect(practice.item).not.toBe(realNext);

    // Back at the real counter the practice label opens nothing, and "Lấy số" is the real range again.
    await h.client.training.leave();
    expect(await failure(h.client.dossiers.findByCode({ code: practice.item }))).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toBe(realNext);
  }, 60_000);

  it('a real label typed or scanned in training is refused in words; a training one (ZZ) is taken', async () => {
    h = await startCore();
    const version = (await h.client.catalog.status()).version!;
    const docs = (await h.client.catalog.get({ code: '1.002804' })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
    const typed = (itemNumber: string) => sampleIntake(version, { documents: docs, feeReason: 'Theo biểu phí của thủ tục', itemNumber });
    await h.client.training.enter();

    // A number from the real stock of labels (any country but ZZ), or another carrier's code, is a real label.
    const refused = await failure(h.client.dossiers.intake(typed('EL123456785VN')));
    expect(refused).toMatchObject({ code: 'INTAKE_INVALID', field: 'itemNumber' });
    expect(refused.vi).toContain('EL123456785VN là số hiệu bưu gửi thật, không dùng ở chế độ tập huấn');
    expect(refused.en).toContain('is a real item number and is not used in training mode');
    // A training label, typed as the clerk would from a practice sheet, is taken as typed.
    const practice = await h.client.dossiers.intake(typed('EL123456785ZZ'));
    expect(practice.itemNumber).toBe('EL123456785ZZ');

    // Back at the real counter the real number was never spent: it is taken for a real dossier.
    await h.client.training.leave();
    expect((await h.client.dossiers.intake(typed('EL123456785VN'))).itemNumber).toBe('EL123456785VN');
  }, 60_000);

  it('accounts are real data: creating, resetting or disabling one in training is refused in words, and done after leaving', async () => {
    h = await startCore();
    await h.client.accounts.create({ clerkCode: 'gdv02', clerkName: 'Trần Thị Bình', role: 'clerk', secret: 'mat-khau-123' });
    await h.client.training.enter();
    const c = h.client;
    for (const attempt of [
      () => c.accounts.create({ clerkCode: 'gdv03', clerkName: 'Lê Văn Cường', role: 'clerk', secret: 'mat-khau-123' }),
      () => c.accounts.resetSecret({ clerkCode: 'gdv02', secret: 'mat-khau-moi-456' }),
      () => c.accounts.setDisabled({ clerkCode: 'gdv02', disabled: true }),
    ]) {
      const refused = await failure(attempt());
      expect(refused).toMatchObject({ code: 'NOT_IN_TRAINING' });
      expect(refused.vi).toContain('không làm được ở chế độ tập huấn');
    }
    await h.client.training.leave();
    // The real accounts are as they were, and the same change goes through on the real data.
    const signIn = async (clerkCode: string, secret: string) => (await h!.anonymous().session.signIn({ clerkCode, secret })).clerk.code;
    expect(await signIn('gdv02', 'mat-khau-123')).toBe('gdv02');
    await h.client.accounts.resetSecret({ clerkCode: 'gdv02', secret: 'mat-khau-moi-456' });
    expect(await signIn('gdv02', 'mat-khau-moi-456')).toBe('gdv02');
  }, 60_000);

  it('the register and period workbooks open with the band and are named TAP-HUAN-; the postman’s round says it on A4', async () => {
    h = await startCore();
    await h.client.training.enter();
    await takeIn(h.client);
    const range = { from: '2026-11-01', to: '2026-11-30' };

    const register = await h.client.reports.registerFile({ ...range, format: 'xlsx' });
    expect(register.fileName).toBe('TAP-HUAN-so-theo-doi-ho-so_2026-11-01_2026-11-30.xlsx');
    const [book] = await workbook(register.contentBase64);
    expect(book!.rows.slice(0, 2).map((r) => r[0])).toEqual([BAND, 'SỔ THEO DÕI HỒ SƠ']);
    // The column headers stay in view under the band and the title when scrolling.
    expect(book!.lastFrozenRow).toBe('STT');

    const periodic = await h.client.reports.periodicFile({ ...range, format: 'xlsx' });
    expect(periodic.fileName).toBe('TAP-HUAN-bao-cao_2026-11-01_2026-11-30.xlsx');
    for (const sheet of await workbook(periodic.contentBase64)) expect(sheet.rows[0]![0]).toBe(BAND);

    const round = await h.client.returns.roundPdf();
    expect(round.fileName).toBe('TAP-HUAN-danh-sach-phat-2026-11-27.pdf');
    if (skipWithout('pdftotext')) return;
    expect(await pdfText(Buffer.from(round.contentBase64, 'base64'))).toContain(BAND);
  }, 60_000);

  it('the real files are as before: no band, no prefix', async () => {
    h = await startCore();
    await takeIn(h.client);
    const register = await h.client.reports.registerFile({ from: '2026-11-01', to: '2026-11-30', format: 'xlsx' });
    expect(register.fileName).toBe('so-theo-doi-ho-so_2026-11-01_2026-11-30.xlsx');
    const [book] = await workbook(register.contentBase64);
    expect(book!.rows[0]![0]).toBe('SỔ THEO DÕI HỒ SƠ');
    expect([book!.frozen, book!.lastFrozenRow]).toEqual([5, 'STT']);
    expect((await h.client.returns.roundPdf()).fileName).toBe('danh-sach-phat-2026-11-27.pdf');
  }, 60_000);
});
