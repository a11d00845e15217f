import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vnIsoDate } from '../../shared/format/vn-time.js';
import { sampleIntake, tempDir } from '../support/core-harness.js';
import { expect, openApp, scanByKeyboard, shot, skipWithoutBrowser, startBrowserMode, test as base, type App } from '../support/browser-mode.js';

skipWithoutBrowser();

/**
 * A data folder whose holiday file holds only 2020: every year the test runs in has no notice,
 * so whatever the date, the counter computes its days off and says so.
 */
const test = base.extend<{ app: App }>({
  app: async ({}, use) => {
    const dir = tempDir('bcci-e2e-cal-');
    mkdirSync(join(dir, 'calendar'));
    writeFileSync(join(dir, 'calendar', 'vn-holidays.json'), JSON.stringify({ holidays: [{ date: '2020-01-01', name: 'Tết Dương lịch' }] }));
    const app = await startBrowserMode(dir);
    await use(app);
    app.process.kill('SIGTERM');
  },
});

test('a provisional handover date is shown as such, and the notice entered in Settings replaces the guess', async ({ page, app }) => {
  const [year, month] = vnIsoDate(new Date()).split('-').map(Number) as [number, number];
  const accepted = await app.client.dossiers.intake(sampleIntake(1, { itemNumber: 'EL471108151VN' }));
  expect(accepted.expectedHandoverProvisional).toBe(true);
  await openApp(page, app.url);

  // From 1 October the status bar asks for next year's notice.
  const reminder = page.getByRole('contentinfo').getByRole('button', { name: `Lịch nghỉ ${year + 1}: chưa có thông báo` });
  if (month >= 10) await expect(reminder).toBeVisible();
  else await expect(reminder).toHaveCount(0);

  // Intake (F2): the accepted dossier's handover date carries the note.
  await page.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText('001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021');
  await page.keyboard.press('Enter');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('cap doi gplx', { delay: 70 });
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  for (const name of ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy phép lái xe đang sử dụng', 'Giấy khám sức khỏe của người lái xe']) {
    await page.getByRole('checkbox', { name }).focus();
    await page.keyboard.press('Space');
  }
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  await expect(page.locator('.result').getByText('(dự kiến, theo lịch nghỉ chưa công bố)')).toBeVisible();
  await shot(page, 'intake-provisional-date');

  await page.keyboard.press('F5');
  await scanByKeyboard(page, 'EL471108151VN');
  await expect(page.getByRole('heading', { name: /Cấp đổi giấy phép lái xe/ })).toBeVisible();
  await expect(page.getByText('(dự kiến, theo lịch nghỉ chưa công bố)')).toBeVisible();
  await shot(page, 'lookup-provisional-date');

  // Settings (F9): the year shows its computed days, Tết and Giỗ Tổ included, marked provisional.
  await page.keyboard.press('F9');
  await page.getByLabel('Năm', { exact: true }).fill(String(year));
  const section = page.locator('.calendar-notice');
  await expect(section.getByText('Dự kiến — chưa có thông báo chính thức')).toBeVisible();
  await expect(section.getByRole('textbox', { name: /^Tên \d+$/ }).first()).toHaveValue('Tết Dương lịch');
  await expect(section.locator('input[value="Tết Nguyên đán"]')).toHaveCount(5);
  await expect(section.locator('input[value="Giỗ Tổ Hùng Vương"]')).toHaveCount(1);
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'settings-calendar-provisional');

  // The notice read from a file replaces the rows; a bad make-up day is refused in words.
  const csv = join(app.dataDir, 'thong-bao.csv');
  writeFileSync(csv, `Ngày,Loại,Tên\n01/01/${year},Nghỉ,Tết Dương lịch\n02/01/${year},Nghỉ,Nghỉ hoán đổi\n`);
  await section.getByLabel('Tệp thông báo (.xlsx, .csv: cột Ngày, Loại, Tên; hoặc .json)').setInputFiles(csv);
  await expect(section.getByText('Đã đọc tệp: kiểm tra các ngày rồi bấm "Lưu thông báo".')).toBeVisible();
  await expect(section.getByRole('textbox', { name: /^Ngày \d+$/ })).toHaveCount(2);
  await section.getByRole('button', { name: 'Thêm ngày' }).click();
  await section.getByRole('textbox', { name: 'Ngày 3' }).fill(`07/01/${year}`);
  await section.getByRole('combobox', { name: 'Loại 3' }).selectOption('working');
  await section.getByRole('textbox', { name: 'Tên 3' }).fill('Làm bù');
  await section.getByLabel('Số, ngày thông báo').fill(`Thông báo thử ${year}`);
  const seventh = new Date(Date.UTC(year, 0, 7)).getUTCDay();
  await section.getByRole('button', { name: 'Lưu thông báo' }).click();
  if (seventh !== 0 && seventh !== 6) {
    await expect(section.getByRole('status')).toContainText(`Ngày làm bù 07/01/${year} không phải thứ Bảy hay Chủ nhật.`);
    await section.getByRole('button', { name: 'Xoá' }).nth(2).click();
    await section.getByRole('button', { name: 'Lưu thông báo' }).click();
  }
  await expect(section.getByRole('status')).toContainText('Đã lưu thông báo');
  await expect(section.getByText(`Theo thông báo chính thức`)).toBeVisible();
  await expect(section.getByText(`Thông báo thử ${year}, nhập lúc`)).toBeVisible();
  await shot(page, 'settings-calendar-official');
  expect((await app.client.calendar.year({ year })).official).toBe(true);
});
