import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { SECRET, sampleIntake } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';
import { resultReadyAt, returnItem } from '../support/returns.js';

skipWithoutBrowser();

const LONG_NAME = 'Nguyễn Thị Phương Thảo Hoàng Lan';
const LONG_ADDRESS = 'Số 123/45/6 Đường Nguyễn Thị Minh Khai, Khu phố 7, Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh';
/** the demo catalogue's longest procedure name */
const LONG_PROCEDURE = '1.004269';

test('every screen with long names, addresses and procedures at 1366×768 in Vietnamese', async ({ page, app }) => {
  test.setTimeout(180_000);
  const version = (await app.client.catalog.status()).version!;
  const docs = (await app.client.catalog.get({ code: LONG_PROCEDURE })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
  const sender = { ...sampleIntake(version).sender, fullName: LONG_NAME, address: LONG_ADDRESS };
  const long = await app.client.dossiers.intake(
    sampleIntake(version, { sender, procedureCode: LONG_PROCEDURE, documents: docs, returnMethod: 'to-address', deliveryAddress: LONG_ADDRESS, feeReason: 'Theo biểu phí của thủ tục' }),
  );
  for (const fullName of ['Tôn Nữ Hoàng Thị Ngọc Bích Trâm', 'Công ty Cổ phần Đầu tư Xây dựng và Thương mại Hoàng Long Phát']) {
    await app.client.dossiers.intake(sampleIntake(version, { sender: { ...sender, fullName } }));
  }
  const delivered = await app.client.dossiers.intake(sampleIntake(version, { sender: { ...sender, fullName: 'Lê Hoàng Bảo Khánh Ngọc' } }));
  await resultReadyAt(app.dataDir, delivered.dossierId, returnItem(7));
  await app.client.accounts.create({ clerkCode: 'gdv09', clerkName: LONG_NAME, role: 'admin', secret: SECRET });

  const dir = process.env['SCREENSHOT_DIR'];
  if (dir) {
    mkdirSync(dir, { recursive: true });
    for (const job of await app.client.printing.jobs({ dossierId: long.dossierId })) {
      const { pngBase64 } = await app.client.printing.preview({ jobId: job.id });
      writeFileSync(join(dir, `walk-print-${job.document}.png`), Buffer.from(pngBase64, 'base64'));
    }
  }

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await shot(page, 'walk-sign-in');
  await signInAs(page, 'gdv09', SECRET);
  await shot(page, 'walk-intake');

  await page.getByLabel('Họ và tên').fill(LONG_NAME);
  await page.getByLabel('Địa chỉ', { exact: true }).fill(LONG_ADDRESS);
  await page.getByLabel('Thủ tục hành chính').fill('dang ky bien dong quyen su dung dat');
  await page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first().click();
  await page.getByLabel('Ngày sinh').fill('31/02/2003');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Chưa gửi được, cần sửa:' })).toBeVisible();
  await shot(page, 'walk-intake-errors');

  await page.keyboard.press('F5');
  await expect(page.getByRole('heading', { name: 'Tra cứu' })).toBeVisible();
  await shot(page, 'walk-lookup');
  await page.getByRole('table', { name: 'Kết quả tra cứu' }).getByRole('row').filter({ hasText: LONG_NAME }).first().click();
  await shot(page, 'walk-lookup-dossier');
  await page.keyboard.press('Escape');

  await page.keyboard.press('F3');
  await expect(page.getByRole('heading', { name: 'Trả kết quả', level: 1 })).toBeVisible();
  await shot(page, 'walk-returns');
  await page.keyboard.press('F7');
  await page.keyboard.type(returnItem(7));
  await page.keyboard.press('Enter');
  await page.keyboard.press('F8');
  await page.getByLabel('Tìm kết quả').fill('le hoang bao');
  await page.getByLabel('Tìm kết quả').press('Enter');
  await shot(page, 'walk-returns-open');
  await page.getByLabel('Căn cước người nhận').fill('001090123456');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Đã trả kết quả')).toBeVisible();
  await shot(page, 'walk-returns-delivered');

  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Bàn giao', exact: true })).toBeVisible();
  await shot(page, 'walk-handover');
  await page.getByRole('button', { name: 'Tạo lô' }).first().click();
  await expect(page.getByLabel('Lô', { exact: true })).toBeVisible();
  await shot(page, 'walk-handover-batch');

  await page.keyboard.press('F6');
  await expect(page.getByRole('heading', { name: 'Báo cáo', exact: true })).toBeVisible();
  await shot(page, 'walk-reports');
  for (const tab of ['Tổng quan', 'Sổ theo dõi', 'Báo cáo định kỳ', 'Nhật ký']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(400);
    await shot(page, `walk-reports-${tab.replace(/\s+/g, '-')}`);
  }

  await page.keyboard.press('F9');
  await expect(page.getByRole('heading', { name: 'Cài đặt', exact: true, level: 1 })).toBeVisible();
  const sections = page.locator('main .section');
  const n = await sections.count();
  for (let i = 0; i < n; i++) {
    await sections.nth(i).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, `walk-settings-${String(i).padStart(2, '0')}`);
  }

  await page.getByRole('button', { name: 'Vào chế độ tập huấn' }).click();
  await expect(page.getByRole('contentinfo')).toContainText('Tập huấn');
  await shot(page, 'walk-training-settings');
  await page.keyboard.press('F2');
  await shot(page, 'walk-training-intake');
});
