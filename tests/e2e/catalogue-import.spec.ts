import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED, publishedListWorkbook } from '../support/published-list.js';
import { expect, openApp as open, shot, test } from '../support/browser-mode.js';
import { ADMIN } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';

const HUMAN = { delay: 70 };
const clean = PUBLISHED.filter((r) => typeof r === 'string' || (r.code !== '1.000008' && r.name !== 'Tên lặp lại'));

test('a province list with bad rows: the preview says why it cannot be confirmed, errors before warnings', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  const file = join(app.dataDir, 'phu-luc.xlsx');
  writeFileSync(file, await publishedListWorkbook());
  await page.getByLabel('Tệp danh mục (.xlsx, .csv, .json)').setInputFiles(file);
  await expect(page.getByRole('button', { name: 'Xác nhận nhập danh mục' })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Chưa nhập được: tệp có 2 dòng lỗi' })).toBeVisible();
  const tables = page.locator('.preview table');
  await expect(tables).toHaveCount(3);
  await expect(tables.nth(0)).toHaveAccessibleName('Lỗi: dòng bị từ chối');
  await expect(tables.nth(1)).toHaveAccessibleName('Cảnh báo: vẫn nhập, giá trị chưa rõ');
  await expect(tables.nth(2)).toHaveAccessibleName('Thay đổi so với danh mục đang dùng');
  await expect(tables.nth(0).locator('tbody tr')).toHaveCount(2);
  await expect(tables.nth(1).locator('tbody tr')).toHaveCount(3);
  await shot(page, 'catalogue-preview-blocked');
});

test('a clean list imports with warnings; the picker follows the service and shows notes and in-person', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  const file = join(app.dataDir, 'phu-luc.xlsx');
  writeFileSync(file, await publishedListWorkbook(clean));
  await page.getByLabel('Tệp danh mục (.xlsx, .csv, .json)').setInputFiles(file);
  await expect(page.getByRole('table', { name: 'Cảnh báo: vẫn nhập, giá trị chưa rõ' }).locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Xác nhận nhập danh mục' }).click();
  await expect(page.getByText('Đã nhập danh mục: Phiên bản 2, 7 thủ tục.')).toBeVisible();

  await page.keyboard.press('F2');
  // "Đăng ký khai sinh" is returned by post but not taken in by post.
  await page.getByRole('radio', { name: 'Gửi hồ sơ' }).check();
  await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).focus();
  await page.keyboard.type('khai sinh', HUMAN);
  await expect(page.getByText('Không tìm thấy thủ tục phù hợp')).toBeVisible();
  // Changing the service searches the same words again.
  await page.getByRole('radio', { name: 'Nhận kết quả' }).check();
  await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).focus();
  const option = page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first();
  await expect(option).toContainText('Đăng ký khai sinh');
  await expect(option).toContainText('100.000 ₫');
  await page.keyboard.press('Enter');
  const notes = page.getByLabel('Ghi chú');
  await expect(notes).toContainText('Người nộp phải có mặt trực tiếp');
  await expect(notes).toContainText('Ghi chú: Người yêu cầu phải có mặt khi nhận kết quả');
  await expect(page.getByText('Thời hạn giải quyết: trong ngày')).toBeVisible();
  await shot(page, 'intake-procedure-notes');
  // Changing the service after the pick: the clerk is told at once that it does not fit.
  const pickerAlert = page.locator('.combobox [role=alert]');
  await page.getByRole('radio', { name: 'Cả hai' }).check();
  await expect(pickerAlert).toHaveText('Thủ tục này không được tiếp nhận hồ sơ qua bưu chính công ích: không chọn được "Gửi hồ sơ" hay "Cả hai".');
  // Accepting is refused for the same reason; choosing a service that fits answers it.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('combobox', { name: 'Thủ tục hành chính' })).toHaveAttribute('aria-invalid', 'true');
  await expect(pickerAlert).toContainText('không được tiếp nhận hồ sơ qua bưu chính công ích');
  await page.getByRole('radio', { name: 'Nhận kết quả' }).check();
  await expect(pickerAlert).toHaveCount(0);

  // A fee the list gives only in words: the field is left for the clerk, with the words as a hint.
  await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('');
  await page.keyboard.type('giam ho', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Theo quy định');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Danh mục ghi: Theo quy định')).toBeVisible();
  await expect(page.getByText('Thời hạn giải quyết: 2 ngày', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Phí, lệ phí')).toHaveValue('');
  await shot(page, 'intake-unknown-fee');
});

test('in English the import preview speaks English', async ({ page, app }) => {
  await app.client.settings.update({ lang: 'en' });
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'sign-in-en');
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await expect(page.getByRole('contentinfo')).toContainText('Clerk');
  await page.keyboard.press('F9');
  const file = join(app.dataDir, 'phu-luc.xlsx');
  writeFileSync(file, await publishedListWorkbook());
  await page.getByLabel('Catalogue file (.xlsx, .csv, .json)').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Cannot import yet: the file has 2 rows with errors' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Warnings: imported, value unknown' })).toContainText('imported with the fee unknown');
  await shot(page, 'catalogue-preview-blocked-en');
});
