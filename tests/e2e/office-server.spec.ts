import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';
import { signInAs } from '../support/sign-in.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { expect, openApp, settingsSection, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();
const noPostgres = skipWithout('postgres');
test.skip(noPostgres !== false, noPostgres || undefined);

let server: TestPostgres;
test.beforeAll(async () => {
  server = await startTestPostgres();
});
test.afterAll(async () => {
  await server?.remove();
});

test('the administrator tests the office server from Settings and reads the answer in words', async ({ page, app }) => {
  await openApp(page, app.url);
  await page.keyboard.press('F9');
  const section = page.locator('.office-server-settings');
  await section.scrollIntoViewIfNeeded();
  await expect(settingsSection(page, 'Máy chủ dữ liệu bưu cục').getByRole('heading', { name: 'Máy chủ dữ liệu bưu cục' })).toBeVisible();
  await expect(settingsSection(page, 'Máy chủ dữ liệu bưu cục')).toContainText('Chỉ áp dụng cho quầy này.');
  await section.getByLabel('Tên hoặc địa chỉ IP máy chủ').fill('127.0.0.1');
  await section.getByLabel('Cổng').fill(String(server.app.port));
  await section.getByLabel('Cơ sở dữ liệu').fill(server.app.database);
  await section.getByLabel('Vai trò (role)').fill(server.app.user);
  await section.getByLabel('Mã hoá kết nối (TLS)').selectOption('disable');
  await expect(section.getByLabel('Tệp chứng chỉ CA')).toHaveCount(0);

  await section.getByLabel('Mật khẩu của vai trò').fill('sai-mat-khau');
  await section.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(section.getByRole('status')).toHaveText('Máy chủ từ chối đăng nhập của vai trò "bcci_app": sai mật khẩu hoặc vai trò không tồn tại.');

  await section.getByLabel('Mật khẩu của vai trò').fill(server.app.password);
  await section.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(section.getByRole('status')).toContainText(/^Kết nối được tới PostgreSQL \d+\.\d+.* với vai trò "bcci_app"; cơ sở dữ liệu còn trống/);
  await shot(page, 'office-server-settings');
  await page.getByLabel('Mã hoá kết nối (TLS)').selectOption('verify-full');
  await expect(section.getByLabel('Tệp chứng chỉ CA')).toBeVisible();
  await section.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Dữ liệu không hợp lệ — Máy chủ dữ liệu bưu cục: kiểm tra chứng chỉ (verify-full) cần tệp chứng chỉ CA của máy chủ. Kiểm tra lại các trường đã nhập.',
  );
  await shot(page, 'office-server-no-ca');
  await page.getByLabel('Mã hoá kết nối (TLS)').selectOption('disable');

  // "Lưu mật khẩu" keeps the password in the counter's own file, readable by its account only.
  await section.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await expect(section.getByRole('status')).toHaveText('Đã lưu mật khẩu cho quầy này (chỉ tài khoản chạy ứng dụng đọc được).');
  const secret = join(app.dataDir, 'office-server.secret');
  expect(readFileSync(secret, 'utf8').trim()).toBe(server.app.password);
  if (process.platform !== 'win32') expect(statSync(secret).mode & 0o077).toBe(0);

  // The address and the switch (for the next start) are saved with the other settings; the password is not.
  await section.getByLabel('Quầy này dùng dữ liệu trên máy chủ bưu cục').check();
  await settingsSection(page, 'Máy chủ dữ liệu bưu cục').getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(settingsSection(page, 'Máy chủ dữ liệu bưu cục').getByText('Đã lưu mục “Máy chủ dữ liệu bưu cục”.')).toBeVisible();
  await expect.poll(async () => (await app.client.settings.get()).officeServer.enabled).toBe(true);
  const saved = await app.client.settings.get();
  expect(saved.officeServer).toEqual({ enabled: true, host: '127.0.0.1', port: server.app.port, database: server.app.database, role: 'bcci_app', tls: 'disable', caFile: '' });
  expect(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')).not.toContain(server.app.password);

  // In English, every word of the section and of the answer is English.
  await app.client.settings.update({ lang: 'en' });
  await page.reload();
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await page.keyboard.press('F9');
  await section.scrollIntoViewIfNeeded();
  await expect(settingsSection(page, 'Office data server').getByRole('heading', { name: 'Office data server' })).toBeVisible();
  await section.getByLabel('Role password').fill(server.app.password);
  await section.getByRole('button', { name: 'Test the connection' }).click();
  await expect(section.getByRole('status')).toContainText(/^Connected to PostgreSQL \d+\.\d+.* as role "bcci_app"; the database is empty; its tables are made at the switch\.$/);
  await shot(page, 'office-server-settings-en');
});
