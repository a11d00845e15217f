import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueWorkbook } from '../support/catalogue-workbook.js';
import { expect, openApp as open, settingsSection, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

test('once the real catalogue is in, the app asks for the post office until it is set', async ({ page, app }) => {
  await open(page, app.url);
  const prompt = page.getByRole('alert').filter({ hasText: 'thông tin bưu cục vẫn là mẫu (demo)' });
  // While everything is the try-out set, the demo notice says so and nothing is asked.
  await expect(page.getByText('Đang dùng danh mục thủ tục và bưu cục mẫu (demo)')).toBeVisible();
  await expect(prompt).toHaveCount(0);

  await page.keyboard.press('F9');
  const file = join(app.dataDir, 'danh-muc.xlsx');
  writeFileSync(file, await catalogueWorkbook());
  await page.getByLabel('Tệp danh mục (.xlsx, .csv, .json)').setInputFiles(file);
  await page.getByRole('button', { name: 'Xác nhận nhập danh mục' }).click();
  await expect(page.getByText('Đã nhập danh mục: Phiên bản 2, 3 thủ tục.')).toBeVisible();

  // Asked on every screen, with the way to answer.
  await expect(prompt).toBeVisible();
  await page.keyboard.press('F2');
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Nhập thông tin bưu cục' }).click();
  await expect(page.getByLabel('Mã bưu cục')).toBeFocused();
  await page.getByLabel('Mã bưu cục').fill('70000');
  await page.getByLabel('Tên bưu cục').fill('Bưu cục Bến Thành');
  const section = settingsSection(page, 'Bưu cục');
  await expect(section).toContainText('Áp dụng cho mọi quầy của bưu cục.');
  await section.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(section.getByRole('status')).toHaveText('Đã lưu mục “Bưu cục”.');
  await expect(prompt).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toContainText('Bưu cục: 70000');
  const settings = await app.client.settings.get();
  expect(settings.office).toEqual({ code: '70000', name: 'Bưu cục Bến Thành' });
});
