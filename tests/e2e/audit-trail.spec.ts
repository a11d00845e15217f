import Database from 'better-sqlite3';
import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';

skipWithoutBrowser();

/** F6 → "Nhật ký" → the trail opened, at the counter's screen size. */
async function openTrail(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, url);
  await page.keyboard.press('F6');
  await page.getByRole('tab', { name: 'Nhật ký' }).click();
  await page.getByRole('button', { name: 'Mở nhật ký kiểm tra' }).click();
}

test('F6: the supervisor reads the audit trail in words, filters it, and "Kiểm tra" names the entry altered in the file', async ({ page, app }) => {
  for (const query of ['001090123456', 'Nguyễn Văn Đức', '0912345678']) await app.client.dossiers.search({ query, limit: 5 });
  await openTrail(page, app.url);
  await shot(page, 'audit-trail-opened');
  const trail = page.getByRole('region', { name: 'Nhật ký kiểm tra' });
  const table = trail.getByRole('table', { name: 'Nhật ký kiểm tra' });
  await expect(table.getByRole('columnheader')).toHaveText(['Mục số', 'Thời điểm', 'Người thực hiện', 'Quầy', 'Thao tác', 'Nội dung']);
  // F6 itself shows the month's register: a look at the book, recorded with its days.
  await expect(table.getByRole('row').nth(1)).toContainText(/Tra cứu\s*xem sổ theo dõi từ 01\/\d\d\/\d{4} đến/);
  const phone = table.getByRole('row').filter({ hasText: 'theo số giấy tờ hoặc điện thoại •••78' });
  await expect(phone).toContainText('gdv01 · Giao dịch viên demo');
  await expect(table.getByRole('row').filter({ hasText: 'theo tên N. V. Đ.' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: 'theo số giấy tờ hoặc điện thoại •••56' })).toHaveCount(1);
  // What the citizen gave is not on the screen.
  await expect(page.locator('main')).not.toContainText('001090123456');
  await expect(page.locator('main')).not.toContainText('Nguyễn Văn Đức');

  await trail.getByLabel('Thao tác').selectOption({ label: 'Đăng nhập' });
  await trail.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Đăng nhập');
  await expect(table).not.toContainText('Tra cứu');
  await trail.getByLabel('Thao tác').selectOption({ label: 'Tất cả thao tác' });
  await page.getByLabel('Hồ sơ (số hiệu bưu gửi, mã hồ sơ)').fill('EE000000000VN');
  await trail.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(page.getByText('Không có hồ sơ nào mang mã EE000000000VN')).toBeVisible();
  await page.getByLabel('Hồ sơ (số hiệu bưu gửi, mã hồ sơ)').fill('');
  await trail.getByRole('button', { name: 'Xem', exact: true }).click();

  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nhật ký kiểm tra nguyên vẹn' })).toContainText(/\d+ mục, đến mục số \d+/);
  await trail.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'audit-trail');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Someone with the file rewrites what a lookup searched for.
  const db = new Database(join(app.dataDir, 'counter.sqlite'));
  db.exec('DROP TRIGGER audit_log_no_update');
  const { seq } = db.prepare("SELECT seq FROM audit_log WHERE action = 'lookup' ORDER BY seq LIMIT 1").get() as { seq: number };
  db.prepare(`UPDATE audit_log SET detail = '{"kind":"name","query":"Ai đó"}' WHERE seq = ?`).run(seq);
  db.close();
  // The quick check starts where the last sound one ended; the full one reads everything again.
  await page.getByRole('button', { name: 'Kiểm tra toàn bộ' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'KHÔNG nguyên vẹn' });
  await expect(alert).toContainText(`Mục số ${seq} `);
  await expect(alert).toContainText('đã bị sửa');
  await trail.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'audit-trail-altered');
});

test('F6: the supervisor filters the trail by "Huỷ hồ sơ" and reads the void in words, not its code', async ({ page, app }) => {
  const { dossierId } = await app.client.dossiers.intake(sampleIntake(1));
  await app.client.dossiers.void({ dossierId, reason: 'Khách rút hồ sơ tại quầy' });
  await openTrail(page, app.url);
  const trail = page.getByRole('region', { name: 'Nhật ký kiểm tra' });
  const table = trail.getByRole('table', { name: 'Nhật ký kiểm tra' });
  await trail.getByLabel('Thao tác').selectOption({ label: 'Huỷ hồ sơ' });
  await trail.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toContainText('Huỷ hồ sơ');
  await expect(table).not.toContainText('dossier.voided');
  await shot(page, 'audit-trail-voids');
});

test('F6: "Kiểm tra" names the dossier whose citizen\'s ID number was changed in the file', async ({ page, app }) => {
  const { dossierId, registerNo } = await app.client.dossiers.intake(sampleIntake(1));
  const db = new Database(join(app.dataDir, 'counter.sqlite'));
  db.prepare("UPDATE dossiers SET sender_personal_id = '001090999999' WHERE id = ?").run(dossierId);
  db.close();
  await openTrail(page, app.url);
  const trail = page.getByRole('region', { name: 'Nhật ký kiểm tra' });
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  // The entries were not touched: the headline says so, and names the dossier that was.
  const alert = page.getByRole('alert').filter({ hasText: 'Chuỗi các mục nhật ký nguyên vẹn' });
  await expect(alert.locator('strong')).toContainText(`Nhưng 1 hồ sơ đã bị sửa hoặc xoá ngoài ứng dụng: Hồ sơ số ${dossierId} (số sổ ${registerNo}`);
  await expect(alert).not.toContainText('KHÔNG nguyên vẹn');
  await expect(alert).toContainText('đã bị sửa ngoài ứng dụng');
  // The words name the dossier, never what the citizen gave.
  await expect(alert).not.toContainText('001090');
  await trail.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'audit-trail-dossier-altered');
});
