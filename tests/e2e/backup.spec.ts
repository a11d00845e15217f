import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp, shot, skipWithoutBrowser, startBrowserMode, test } from '../support/browser-mode.js';
import { ADMIN, sampleIntake } from '../support/core-harness.js';
import { exitOf } from '../support/serve-process.js';
import { signInAs } from '../support/sign-in.js';

skipWithoutBrowser();
const PASSPHRASE = 'sao lưu quầy số 1';

test('the administrator backs up on one machine and restores it on another, with a preview and a confirmation', async ({ page, app }) => {
  const version = (await app.client.catalog.status()).version!;
  for (const fullName of ['Lê Thị Sao Lưu', 'Phạm Văn Khôi Phục']) {
    await app.client.dossiers.intake(sampleIntake(version, { sender: { ...sampleIntake(version).sender, fullName } }));
  }
  await openApp(page, app.url);
  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: 'Sao lưu và khôi phục' })).toBeVisible();
  await page.getByLabel('Mật khẩu sao lưu', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Nhập lại mật khẩu sao lưu').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  const made = page.getByRole('status').filter({ hasText: 'Đã sao lưu:' });
  await expect(made).toBeVisible();
  const path = /Đã sao lưu: (\S+\.bccibak)/.exec((await made.textContent())!)![1]!;
  await expect(page.locator('.backup-list tbody tr')).toHaveCount(1);
  await page.locator('.backup').scrollIntoViewIfNeeded();
  await shot(page, 'backup-made');

  // Another machine: a new counter with its own administrator.
  const other = await startBrowserMode();
  try {
    await openApp(page, other.url);
    await page.keyboard.press('F9');
    await page.getByLabel('Tệp sao lưu', { exact: true }).setInputFiles({ name: 'quay1.bccibak', mimeType: 'application/octet-stream', buffer: readFileSync(path) });
    await page.getByLabel('Mật khẩu của bản sao lưu').fill('không đúng mật khẩu');
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Mật khẩu sao lưu không đúng' })).toBeVisible();
    await page.getByLabel('Mật khẩu của bản sao lưu').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const preview = page.getByLabel('Nội dung bản sao lưu');
    await expect(preview).toContainText('Bưu cục Trung tâm (demo) (100000)');
    await expect(preview).toContainText('Số hồ sơ2');
    const last = (await app.client.dossiers.search({ query: '', limit: 1 })).rows[0]!.registerNo!;
    await expect(preview).toContainText(`Số sổ theo dõi cuối${last}`);
    await preview.scrollIntoViewIfNeeded();
    await shot(page, 'restore-preview');
    await page.getByRole('button', { name: 'Xác nhận khôi phục' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã xác nhận khôi phục' })).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('button', { name: 'Sao lưu: cần xem' })).toHaveAttribute('title', /mở lại ứng dụng/);
    await shot(page, 'restore-confirmed');

    other.process.kill('SIGTERM');
    await exitOf(other.process);
    const reopened = await startBrowserMode(other.dataDir);
    try {
      const rows = (await reopened.client.dossiers.search({ query: '', limit: 50 })).rows;
      expect(rows.map((r) => [r.senderName, r.registerNo]).sort()).toEqual(
        (await app.client.dossiers.search({ query: '', limit: 50 })).rows.map((r) => [r.senderName, r.registerNo]).sort(),
      );
      await openApp(page, reopened.url);
      await page.keyboard.press('F5');
      await expect(page.getByText('Phạm Văn Khôi Phục')).toBeVisible();
    } finally {
      reopened.process.kill('SIGTERM');
    }
  } finally {
    other.process.kill('SIGTERM');
  }
});

test('in English, turning the automatic backup on says what is missing: a passphrase, then a folder that exists', async ({ page, app }) => {
  await app.client.settings.update({ lang: 'en' });
  await page.goto(app.url);
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: 'Backup and restore' })).toBeVisible();
  await page.getByLabel('Back up automatically').check();
  await page.getByLabel('Folder for automatic backups').fill(join(app.dataDir, 'no-such-usb-drive'));
  await page.getByRole('button', { name: 'Save automatic backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enter a backup passphrase to turn the automatic backup on' })).toBeVisible();
  await page.getByLabel('Passphrase for automatic backups').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Save automatic backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is not there. Plug the drive back in' })).toBeVisible();
  await page.locator('.backup-automatic').scrollIntoViewIfNeeded();
  await shot(page, 'backup-automatic-en');
});
