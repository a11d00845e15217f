import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp as open, scanByKeyboard, settingsSection, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake, tempDir } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';
import { ptyPair, type PtyPair } from '../support/pty-pair.js';
import { readBarcodes } from '../support/read-back.js';

skipWithoutBrowser();

// A wedge scanner's burst is Playwright typing with no delay: real key events about 1 ms apart.
test('a keyboard-wedge burst is a scan; the same keys typed at human speed are text', async ({ page, app }) => {
  await open(page, app.url);
  const name = page.getByLabel('Họ và tên');
  await name.focus();
  await page.keyboard.type('EL471108151VN');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Số hiệu bưu gửi')).toHaveValue('EL471108151VN');
  await expect(name).toHaveValue('');
  await expect(name).toBeFocused();

  await page.keyboard.type('EL471108151VN', { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(name).toHaveValue('EL471108151VN');
  await expect(page.getByLabel('Số định danh cá nhân')).toBeFocused();

  // A wrong check digit is refused beside the field, and the field keeps its value.
  await page.getByLabel('Số định danh cá nhân').focus();
  await page.keyboard.type('EL471108152VN');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Số hiệu bưu gửi EL471108152VN không đúng (sai số kiểm tra): có thể đã đọc hoặc gõ nhầm một chữ số. Kiểm tra số trên bao bì rồi quét hoặc nhập lại.')).toBeVisible();
  await expect(page.getByLabel('Số hiệu bưu gửi')).toHaveValue('EL471108151VN');
  await expect(page.getByLabel('Số định danh cá nhân')).toHaveValue('');
});

test('an ID card scanned in keyboard mode fills the sender', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByLabel('Địa chỉ', { exact: true }).focus();
  await scanByKeyboard(page, '079305000123||TRAN THI ANH|01012005|Nu|PHUONG BEN THANH, TP HO CHI MINH|20052022', 'Tab');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('TRAN THI ANH');
  await expect(page.getByLabel('Số định danh cá nhân')).toHaveValue('079305000123');
  await expect(page.getByLabel('Địa chỉ', { exact: true })).toHaveValue('PHUONG BEN THANH, TP HO CHI MINH');
});

test('scanning an item number on the lookup screen opens that dossier', async ({ page, app }) => {
  const accepted = await app.client.dossiers.intake(sampleIntake(1, { itemNumber: 'EL471108151VN' }));
  await open(page, app.url);
  await page.keyboard.press('F5');
  await expect(page.getByRole('heading', { name: 'Tra cứu' })).toBeVisible();
  await scanByKeyboard(page, 'EL471108151VN');
  await expect(page.getByRole('heading', { name: /Cấp đổi giấy phép lái xe/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: accepted.registerNo! })).toBeVisible();
});

test.describe('a serial scanner on a pty pair', () => {
  const noSocat = skipWithout('socat');
  test.skip(noSocat !== false, noSocat || undefined);
  let pair: PtyPair;
  test.beforeEach(async () => {
    pair = await ptyPair(tempDir('bcci-e2e-pty-'), 'scanner');
  });
  test.afterEach(async () => {
    await pair.kill();
  });

  test('is set up in Settings, tested, and fills the intake form with full Vietnamese', async ({ page, app }) => {
    await open(page, app.url);
    await page.keyboard.press('F9');
    await page.getByLabel('Dùng máy quét nối cổng COM (USB COM ảo hoặc RS-232)').check();
    await page.getByLabel('Đường dẫn cổng').fill(pair.app);
    await page.getByLabel('Ký tự kết thúc').selectOption('CR');
    await settingsSection(page, 'Quầy và thiết bị').getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page.getByRole('contentinfo')).toContainText('Máy quét: đã kết nối (scanner-app)');

    writeFileSync(pair.device, 'EL471108151VN\r');
    await expect(page.locator('.scan-test')).toContainText('Số hiệu bưu gửi · cổng COM — EL471108151VN');
    await shot(page, 'settings-scanner');

    await page.keyboard.press('F2');
    writeFileSync(pair.device, '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021\r');
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
    await expect(page.getByLabel('Địa chỉ', { exact: true })).toHaveValue('Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội');
    await expect(page.getByLabel('Giới tính')).toHaveValue('male');
    await shot(page, 'intake-serial-scan');

    await pair.kill();
    await expect(page.getByRole('contentinfo')).toContainText('Máy quét: mất kết nối, đang tìm…');
  });
});

test.describe('the printable page of setup and test codes', () => {
  async function openConfigPage(page: Page, url: string) {
    await open(page, url);
    await page.keyboard.press('F9');
    await page.getByRole('button', { name: 'Thêm mã cài đặt' }).click();
    await page.getByLabel('Tên mã 1').fill('Thêm hậu tố CR');
    await page.getByLabel('Nội dung mã 1').fill('SUFBK2990D');
    await page.getByRole('button', { name: 'Mở trang mã để in' }).click();
    return page.getByRole('dialog', { name: 'Trang mã cài đặt và kiểm tra máy quét' });
  }

  test('opens from Settings and closes with Esc', async ({ page, app }) => {
    const dialog = await openConfigPage(page, app.url);
    await expect(dialog.getByText('Thêm hậu tố CR')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'In trang này' })).toBeVisible();
    await shot(page, 'scanner-config-page');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('its codes read back as a scanner reads them', async ({ page, app }) => {
    const noZbar = skipWithout('zbarimg');
    test.skip(noZbar !== false, noZbar || undefined);
    const dialog = await openConfigPage(page, app.url);
    const qr = join(tempDir('bcci-qr-'), 'card.png');
    await dialog.locator('.config-svg.qrcode').screenshot({ path: qr });
    expect((await readBarcodes(qr)).join('\n')).toContain('Nguyễn Văn Đức');
    const setup = join(tempDir('bcci-qr-'), 'setup.png');
    await dialog.locator('.config-svg.code128').first().screenshot({ path: setup });
    expect(await readBarcodes(setup)).toContain('CODE-128:SUFBK2990D');
  });
});
