import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyTokens } from '../../electron/core/agencies/token-file.js';
import { ADMIN, sampleIntake } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';
import { useTestPostgres } from '../support/browser-postgres.js';
import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();
const postgres = useTestPostgres();

test('the administrator previews the move in Settings, moves, and a second move is refused in words', async ({ page, app }) => {
  const server = postgres();
  const version = (await app.client.catalog.status()).version!;
  const taken = await app.client.dossiers.intake(sampleIntake(version));
  // A token kept for a server no agency of the counter sends to: the office server will not take it.
  new AgencyTokens(app.dataDir).replace(['https://motcua.cu.example.vn'], new Map([['https://motcua.cu.example.vn', 'token-cu']]));
  await openApp(page, app.url);
  await page.keyboard.press('F9');
  const section = page.locator('.office-server-settings');
  await section.getByLabel('Tên hoặc địa chỉ IP máy chủ').fill('127.0.0.1');
  await section.getByLabel('Cổng').fill(String(server.app.port));
  await section.getByLabel('Cơ sở dữ liệu').fill(server.app.database);
  await section.getByLabel('Vai trò (role)').fill(server.app.user);
  await section.getByLabel('Mã hoá kết nối (TLS)').selectOption('disable');
  await section.getByLabel('Mật khẩu của vai trò').fill(server.app.password);

  const move = page.locator('.office-move');
  await move.getByRole('button', { name: 'Xem trước dữ liệu sẽ chuyển' }).click();
  await expect(move.getByRole('row', { name: 'Hồ sơ 1', exact: true })).toBeVisible();
  await expect(move).toContainText(`Sổ năm 2026: 1 hồ sơ · số 1–1 · đã cấp đến 1`);
  await expect(move).toContainText('Nhật ký kiểm tra nguyên vẹn');
  await expect(move.locator('.warn-text')).toContainText('Mã truy cập đã lưu cho https://motcua.cu.example.vn không được mang lên máy chủ bưu cục');
  await move.scrollIntoViewIfNeeded();
  await shot(page, 'office-move-preview');

  const moveNow = move.getByRole('button', { name: 'Chuyển dữ liệu lên máy chủ' });
  await expect(moveNow).toBeDisabled();
  await move.getByLabel('Tôi đã xem các số trên; chuyển ngay').check();
  await moveNow.click();
  await expect(move.getByRole('status')).toContainText(`lên 127.0.0.1/${server.app.database}; số sổ giữ nguyên (2026: 1–1)`);
  await shot(page, 'office-move-done');
  expect(existsSync(join(app.dataDir, 'office-moved.json'))).toBe(true);
  // The counter's settings name the server its data went to; the password is not among them.
  expect((await app.client.settings.get()).officeServer).toMatchObject({ host: '127.0.0.1', port: server.app.port, database: server.app.database, tls: 'disable' });
  expect((await app.client.dossiers.get({ id: taken.dossierId })).registerNo).toBe('000001/2026');

  await move.getByRole('button', { name: 'Xem trước dữ liệu sẽ chuyển' }).click();
  await expect(move.getByRole('alert')).toHaveText(
    `Máy chủ 127.0.0.1/${server.app.database} đã có dữ liệu (Phiên bản danh mục thủ tục, Thủ tục trong danh mục, Thành phần hồ sơ của thủ tục và 12 loại khác). Chỉ chuyển vào một cơ sở dữ liệu trống: dữ liệu đã có không bị ghi đè hay trộn lẫn. Để quầy này làm việc chung với bưu cục thì không chuyển: bật Cài đặt → Máy chủ dữ liệu bưu cục rồi mở lại ứng dụng; tệp của quầy được giữ làm lưu trữ.`,
  );
  await expect(move.getByRole('button', { name: 'Chuyển dữ liệu lên máy chủ' })).toHaveCount(0);
  await shot(page, 'office-move-refused');
});

test('in English, the preview and its refusal are all English', async ({ page, app }) => {
  const server = postgres();
  await openApp(page, app.url);
  await app.client.settings.update({ lang: 'en' });
  await page.reload();
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await page.keyboard.press('F9');
  const section = page.locator('.office-server-settings');
  await section.getByLabel('Server name or IP address').fill('127.0.0.1');
  await section.getByLabel('Port').fill(String(server.app.port));
  await section.getByLabel('Database').fill(server.app.database);
  await section.getByLabel('Connection encryption (TLS)').selectOption('disable');
  await section.getByLabel('Role password').fill(server.app.password);
  const move = page.locator('.office-move');
  await move.getByRole('button', { name: 'Preview what will move' }).click();
  // The first test moved a counter into this server: it is refused here, in English.
  await expect(move.getByRole('alert')).toContainText(`The server 127.0.0.1/${server.app.database} already holds data (Catalogue versions, Catalogue procedures, Procedure documents and`);
  await expect(move.getByRole('row', { name: 'Catalogue procedures 20', exact: true })).toBeVisible();
  await expect(move).toContainText('The audit trail is intact');
  await move.scrollIntoViewIfNeeded();
  await shot(page, 'office-move-refused-en');
});
