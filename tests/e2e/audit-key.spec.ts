import { readFileSync } from 'node:fs';
import { expect, openApp, shot, skipWithoutBrowser, startBrowserMode, test } from '../support/browser-mode.js';
import { startCore } from '../support/core-harness.js';

skipWithoutBrowser();

test('the administrator exports the audit key sealed with a passphrase, and taking the same key in changes nothing', async ({ page }) => {
  const h = await startCore();
  await h.stop();
  const app = await startBrowserMode(h.dataDir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, app.url);
    await page.keyboard.press('F9');
    const section = page.locator('.audit-key');
    await expect(section.getByRole('heading', { name: 'Khoá nhật ký kiểm tra' })).toBeVisible();
    const passphrase = 'khoá của bưu cục 2026';
    await section.getByLabel('Mật khẩu của tệp khoá', { exact: true }).first().fill(passphrase);
    await section.getByLabel('Nhập lại mật khẩu').fill(passphrase);
    const saved = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Xuất khoá' }).click();
    const download = await saved;
    expect(download.suggestedFilename()).toMatch(/^khoa-nhat-ky-.*\.bcciauditkey$/);
    await expect(section.getByRole('status').filter({ hasText: 'Đã xuất tệp khoá' })).toBeVisible();
    const file = readFileSync((await download.path())!);
    expect(JSON.parse(file.toString('utf8'))).toMatchObject({ format: 'bcci-audit-key-1' });

    await section.locator('input[type=file]').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
    await section.getByLabel('Mật khẩu của tệp khoá', { exact: true }).last().fill(passphrase);
    await section.getByRole('button', { name: 'Nhận khoá của bưu cục' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Quầy này đã dùng đúng khoá này' })).toBeVisible();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'audit-key-vi');
  } finally {
    app.process.kill('SIGTERM');
  }
});
