import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vnIsoDate } from '../../shared/format/vn-time.js';
import { ADMIN, sampleIntake } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';
import { skipWithout } from '../support/prerequisites.js';
import { pdfText } from '../support/read-back.js';
import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

test('F6 shows this month’s register book in pages, names a missing number, and saves XLSX and PDF', async ({ page, app }) => {
  const year = vnIsoDate(new Date()).slice(0, 4);
  for (let i = 0; i < 52; i++) await app.client.dossiers.intake(sampleIntake(1, i === 0 ? { sender: { ...sampleIntake(1).sender, fullName: 'Trần Thị Ánh Tuyết' } } : {}));
  // A register entry removed behind the app's back: the book must say so.
  const db = new Database(join(app.dataDir, 'counter.sqlite'));
  db.pragma('foreign_keys = OFF');
  const id = (db.prepare('SELECT id FROM dossiers WHERE register_seq = 2').get() as { id: number }).id;
  for (const table of ['dossier_documents', 'dossier_fees', 'intake_requests', 'dossiers']) {
    db.prepare(`DELETE FROM ${table} WHERE ${table === 'dossiers' ? 'id' : 'dossier_id'} = ?`).run(id);
  }
  db.close();

  await openApp(page, app.url);
  await page.keyboard.press('F6');
  await expect(page.getByRole('heading', { name: 'Báo cáo', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).click();
  const book = page.getByRole('table', { name: 'Sổ theo dõi hồ sơ' });
  const bookForm = page.getByRole('form', { name: 'Sổ theo dõi hồ sơ' });
  await expect(book.getByRole('columnheader')).toHaveText([
    'STT', 'Mã hồ sơ', 'Tên TTHC', 'Số lượng hồ sơ', 'Người nộp', 'Địa chỉ / Số điện thoại', 'Cơ quan giải quyết',
    'Ngày nhận', 'Ngày hẹn trả', 'Ngày chuyển hồ sơ', 'Ngày nhận kết quả', 'Ngày trả kết quả', 'Ghi chú',
  ]);
  // Fifty rows a page, not the whole book.
  await expect(book.getByRole('row')).toHaveCount(51);
  await expect(book.getByRole('row').nth(1)).toContainText(`000001/${year}`);
  await expect(book.getByRole('row').nth(1)).toContainText('Trần Thị Ánh Tuyết');
  await expect(book.getByRole('row').nth(2)).toContainText(`000003/${year}`);
  await expect(page.getByText('Hồ sơ 1–50 / 51')).toBeVisible();
  const check = page.getByRole('alert', { name: 'Kiểm tra số sổ (liên tục trong năm)' });
  await expect(check).toContainText(`Thiếu số 000002/${year}`);
  await shot(page, 'reports-register');

  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(page.getByText('Hồ sơ 51–51 / 51')).toBeVisible();
  await expect(book.getByRole('row')).toHaveCount(2);
  await expect(book.getByRole('row').nth(1)).toContainText(`000052/${year}`);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), bookForm.getByRole('button', { name: 'Lưu Excel (XLSX)' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^so-theo-doi-ho-so_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsx.path())!);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
  expect(cells).toContain('Trần Thị Ánh Tuyết');
  expect(cells).toContain(`Thiếu số 000002/${year}`);
  await expect(page.getByRole('status').filter({ hasText: 'Đã tạo tệp' })).toContainText(xlsx.suggestedFilename());

  if (!skipWithout('pdftotext')) {
    const [pdf] = await Promise.all([page.waitForEvent('download'), bookForm.getByRole('button', { name: 'Lưu PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const text = await pdfText(readFileSync((await pdf.path())!));
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain(`Thiếu số 000002/${year}`);
  }

  // A range that ends before it starts is refused beside the field, in words.
  await bookForm.getByLabel('Từ ngày').fill('31/12/2099');
  await bookForm.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(page.getByText(/sau ngày kết thúc/)).toBeVisible();
  await bookForm.getByLabel('Từ ngày').fill('31/02/2026');
  await bookForm.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(page.getByText('Ngày không hợp lệ, nhập dạng dd/mm/yyyy')).toBeVisible();
});

test('Kết ca: the day’s figures, the cash counted against them, closed once', async ({ page, app }) => {
  await app.client.dossiers.intake(sampleIntake(1));
  await app.client.dossiers.intake(sampleIntake(1, { fees: [{ name: 'Phí, lệ phí', amount: 100000 }, { name: 'Phí dịch vụ', amount: 35000 }] }));
  await openApp(page, app.url);
  await page.keyboard.press('F6');
  const figures = page.getByRole('table', { name: 'Số liệu trong ngày' });
  await expect(figures.getByRole('row', { name: /Hồ sơ đã tiếp nhận/ })).toContainText('2');
  await expect(figures.getByRole('row', { name: /Phí dịch vụ \(1 hồ sơ\)/ })).toContainText('35.000 ₫');
  await expect(figures.getByRole('row', { name: /Cước bưu chính \(2 hồ sơ\)/ })).toContainText('50.000 ₫');
  await expect(figures.getByRole('row', { name: /Tổng tiền phải thu/ })).toContainText('320.000 ₫');

  await page.getByLabel('Tiền mặt đã đếm').fill('300.000');
  await expect(page.getByText('Chênh lệch: -20.000 ₫')).toBeVisible();
  await shot(page, 'reports-day-close');
  await page.getByRole('button', { name: 'Chốt ngày' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã chốt ngày lúc' })).toContainText('Tiền mặt đã đếm: 300.000 ₫ · Chênh lệch: -20.000 ₫');
  await expect(page.getByRole('button', { name: 'Chốt ngày' })).toHaveCount(0);
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu báo cáo kết ca (PDF)' }).click()]);
  expect(report.suggestedFilename()).toMatch(/^ket-ca_\d{4}-\d{2}-\d{2}_Q01\.pdf$/);
  if (!skipWithout('pdftotext')) expect(await pdfText(readFileSync((await report.path())!))).toContain('Chênh lệch: -20.000 ₫');
  // The same report on the counter's roll, through the print queue.
  await page.getByRole('button', { name: 'In phiếu kết ca' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã gửi phiếu kết ca tới máy in.' })).toBeVisible();
  await shot(page, 'reports-day-printed');

  // Closed is closed: a second close through the contract is refused, and the screen keeps saying so.
  await expect(app.client.reports.closeDay({ day: vnIsoDate(new Date()), cashCounted: 320000 })).rejects.toMatchObject({ data: { code: 'DAY_ALREADY_CLOSED' } });
  await page.keyboard.press('F2');
  await page.keyboard.press('F6');
  await expect(page.getByRole('status').filter({ hasText: 'Đã chốt ngày lúc' })).toContainText('300.000 ₫');

  // In English, every word on the screen is English.
  await app.client.settings.update({ lang: 'en' });
  await page.reload();
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await page.keyboard.press('F6');
  await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Day closed at' })).toContainText('Cash counted: 300.000 ₫ · Difference: -20.000 ₫');
  await page.getByRole('tab', { name: 'Register' }).click();
  await expect(page.getByRole('table', { name: 'Register book' }).getByRole('columnheader').nth(1)).toHaveText('Dossier code');
  await expect(page.getByRole('status', { name: 'Register number check (continuous within each year)' })).toContainText('are continuous, all 2 present, none missing');
  await shot(page, 'reports-en');
});

test('F6 Báo cáo định kỳ for a supervisor: charts each beside its table, quick ranges, saved as XLSX', async ({ page, app }) => {
  for (let i = 0; i < 3; i++) await app.client.dossiers.intake(sampleIntake(1));
  await app.client.dossiers.intake(sampleIntake(1, { decision: 'guide', documents: [] }));
  await openApp(page, app.url);
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Báo cáo định kỳ' }).click();
  const report = page.getByRole('form', { name: 'Báo cáo định kỳ' });
  await expect(report).toBeVisible();
  const byAgency = page.getByRole('table', { name: 'Hồ sơ theo cơ quan giải quyết' });
  await expect(byAgency.getByRole('columnheader')).toHaveText(['Cơ quan', 'Tiếp nhận', 'Đã chuyển cơ quan', 'Đã trả kết quả']);
  await expect(byAgency.getByRole('row').nth(1)).toHaveText(/Sở Xây dựng\s*3\s*0\s*0/);
  for (const chart of ['Hồ sơ theo cơ quan giải quyết', 'Tiếp nhận và trả kết quả theo thời gian', 'Đúng hạn và trễ hạn']) {
    await expect(page.getByRole('img', { name: chart })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Thu tiền theo khoản' }).getByRole('row', { name: /Thực thu/ })).toContainText('480.000 ₫');
  await page.getByRole('heading', { name: 'Báo cáo định kỳ' }).scrollIntoViewIfNeeded();
  await shot(page, 'reports-periodic');
  await page.getByRole('img', { name: 'Đúng hạn và trễ hạn' }).scrollIntoViewIfNeeded();
  await shot(page, 'reports-periodic-charts');

  await report.getByRole('button', { name: 'Năm nay' }).click();
  const year = vnIsoDate(new Date()).slice(0, 4);
  await expect(report.getByLabel('Từ ngày')).toHaveValue(`01/01/${year}`);
  await expect(report.getByLabel('Đến ngày')).toHaveValue(`31/12/${year}`);
  const byTime = page.getByRole('table', { name: 'Tiếp nhận và trả kết quả theo thời gian' });
  await expect(byTime.getByRole('row')).toHaveCount(2);
  await expect(byTime.getByRole('row').nth(1)).toContainText(`/${year}`);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Lưu Excel (XLSX)' }).click()]);
  expect(xlsx.suggestedFilename()).toBe(`bao-cao_${year}-01-01_${year}-12-31.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsx.path())!);
  expect(wb.getWorksheet('Theo thời gian')!.rowCount).toBeGreaterThan(12);

  // A clerk has the day close and the book, not the office's report.
  await app.client.accounts.create({ clerkCode: 'gdv07', clerkName: 'Lê Văn Bảy', role: 'clerk', secret: 'mat-khau-777' });
  await page.reload();
  await signInAs(page, 'gdv07', 'mat-khau-777');
  await page.keyboard.press('F6');
  await expect(page.getByRole('tab')).toHaveText(['Kết ca', 'Sổ theo dõi']);
  await page.getByRole('tab', { name: 'Sổ theo dõi' }).click();
  await expect(page.getByRole('form', { name: 'Sổ theo dõi hồ sơ' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Báo cáo định kỳ' })).toHaveCount(0);
});

test('F6 Tổng quan for a supervisor: large figures, each opening the dossiers behind it, past due in red', async ({ page, app }) => {
  const taken = await app.client.dossiers.intake(sampleIntake(1, { sender: { ...sampleIntake(1).sender, fullName: 'Phạm Thị Hồng Nhung' } }));
  await openApp(page, app.url);
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Tổng quan' }).click();
  const waiting = page.getByRole('button', { name: 'Chờ bàn giao 1', exact: true });
  await expect(waiting).toBeVisible();
  await expect(page.getByRole('button', { name: 'Quá hạn bàn giao 0', exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Luồng hồ sơ' }).getByRole('row', { name: /Đã tiếp nhận/ })).toHaveText(/Đã tiếp nhận\s*1\s*1$/);
  await waiting.click();
  const list = page.getByRole('table', { name: 'Chờ bàn giao' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row').nth(1)).toContainText(taken.registerNo!);
  await expect(list.getByRole('row').nth(1)).toContainText('Phạm Thị Hồng Nhung');
  await shot(page, 'reports-overview');

  // The counters keep working while the tab is away: chosen again, it reads the office again.
  // The first dossier's expected handover day is moved behind the app's back to make it past due.
  await page.getByRole('tab', { name: 'Kết ca' }).click();
  await app.client.dossiers.intake(sampleIntake(1));
  const db = new Database(join(app.dataDir, 'counter.sqlite'));
  db.prepare("UPDATE dossiers SET expected_handover_date = '2020-01-02' WHERE id = ?").run(taken.dossierId);
  db.close();
  await page.getByRole('tab', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('button', { name: 'Chờ bàn giao 2', exact: true })).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(3);
  const late = page.getByRole('button', { name: 'Quá hạn bàn giao 1', exact: true });
  await expect(late.locator('.figure-value')).toHaveCSS('color', 'rgb(179, 38, 30)');
  await late.click();
  const lateList = page.getByRole('table', { name: 'Quá hạn bàn giao' });
  await expect(lateList.getByRole('row')).toHaveCount(2);
  await expect(lateList.getByRole('row').nth(1)).toContainText('02/01/2020 (quá hạn)');
  await expect(lateList.getByRole('row').nth(1).locator('td.late')).toHaveCSS('color', 'rgb(179, 38, 30)');
  await shot(page, 'reports-overview-past-due');
});

test('F6 Tổng quan lists every dossier behind a number, past 200, and a row opens the dossier by keyboard or mouse', async ({ page, app }) => {
  const taken: { dossierId: number; registerNo: string | null }[] = [];
  for (let i = 0; i < 230; i++) {
    taken.push(await app.client.dossiers.intake(sampleIntake(1, i === 229 ? { sender: { ...sampleIntake(1).sender, fullName: 'Lê Thị Cuối Danh Sách' } } : {})));
  }
  await openApp(page, app.url);
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Tổng quan' }).click();
  await page.getByRole('button', { name: 'Chờ bàn giao 230', exact: true }).click();
  const list = page.getByRole('table', { name: 'Chờ bàn giao' });
  await expect(page.getByText('Chờ bàn giao: Đang hiện 200 / 230 — cuộn xuống cuối danh sách để xem tiếp')).toBeVisible();
  await shot(page, 'reports-overview-long-list');

  // Down the list by keyboard to its end: the rest is fetched, the last dossier is there.
  await list.getByRole('row').nth(1).focus();
  await page.keyboard.press('End');
  await expect(page.getByText(/Đang hiện/)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Xem thêm hồ sơ' })).toHaveCount(0);
  await page.keyboard.press('End');
  const last = list.getByRole('row', { name: /Lê Thị Cuối Danh Sách/ });
  await expect(last).toBeFocused();
  await expect(last).toContainText(taken[229]!.registerNo!);

  // Enter opens it as Lookup does; Esc comes back to the same row of the same list.
  await page.keyboard.press('Enter');
  const back = page.getByRole('button', { name: /Quay lại/ });
  await expect(back).toBeVisible();
  await expect(page.locator('.dossier .facts')).toContainText(taken[229]!.registerNo!);
  await expect(page.locator('.dossier .facts')).toContainText('Lê Thị Cuối Danh Sách');
  await expect(page.getByRole('table', { name: 'Chờ bàn giao' })).toBeHidden();
  await shot(page, 'reports-overview-dossier');
  await page.keyboard.press('Escape');
  await expect(last).toBeFocused();

  // A click on a row opens its dossier too; Back returns.
  await list.getByRole('row', { name: new RegExp(taken[228]!.registerNo!) }).click();
  await expect(page.locator('.dossier .facts')).toContainText(taken[228]!.registerNo!);
  await back.click();
  await expect(list).toBeVisible();
});

test('F6 Tổng quan: a result back from a failed delivery attempt waits with the others, and its row says so', async ({ page, app }) => {
  const atOffice = await app.client.dossiers.intake(sampleIntake(1));
  const failed = await app.client.dossiers.intake(sampleIntake(1, { sender: { ...sampleIntake(1).sender, fullName: 'Võ Thị Vắng Nhà' } }));
  // The states and the events that put them there, written behind the app's back.
  const db = new Database(join(app.dataDir, 'counter.sqlite'));
  const event = db.prepare("INSERT INTO dossier_events (dossier_id, at, type, clerk_code, clerk_name, counter_code, data) VALUES (?, ?, ?, 'gdv01', 'Trần Thị Lan', 'Q01', ?)");
  event.run(atOffice.dossierId, '2026-11-20T03:00:00.000Z', 'result-at-post', JSON.stringify({ returnItemNumber: 'RR1' }));
  event.run(failed.dossierId, '2026-11-18T03:00:00.000Z', 'result-at-post', JSON.stringify({ returnItemNumber: 'RR2' }));
  event.run(failed.dossierId, '2026-11-19T03:00:00.000Z', 'delivery-failed', JSON.stringify({ attempt: 1, reason: 'Vắng nhà' }));
  db.prepare("UPDATE dossiers SET status = 'result-at-post' WHERE id = ?").run(atOffice.dossierId);
  db.prepare("UPDATE dossiers SET status = 'delivery-failed' WHERE id = ?").run(failed.dossierId);
  db.close();

  await openApp(page, app.url);
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Tổng quan' }).click();
  await expect(page.getByText('lâu nhất từ 19/11/2026 10:00')).toBeVisible();
  await page.getByRole('button', { name: 'Kết quả chờ trả 2', exact: true }).click();
  const rows = page.getByRole('table', { name: 'Kết quả chờ trả' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Võ Thị Vắng Nhà');
  await expect(rows.nth(1)).toContainText('19/11/2026 10:00');
  await expect(rows.nth(1)).toContainText('Phát không thành công');
  await expect(rows.nth(2)).toContainText('Kết quả tại bưu cục');
  await shot(page, 'reports-overview-results-waiting');
});
