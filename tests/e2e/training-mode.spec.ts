import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';

skipWithoutBrowser();

const QR = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';
const HUMAN = { delay: 70 };
const BAND = 'TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ';

test('an administrator switches to training, a dossier is taken in under the band, and leaving returns to the real data', async ({ page, app }) => {
  // One real dossier before practice.
  const version = (await app.client.catalog.status()).version!;
  const real = await app.client.dossiers.intake(sampleIntake(version, { sender: { ...sampleIntake(version).sender, fullName: 'Phạm Thị Thật' } }));
  await open(page, app.url);
  await expect(page.getByText(BAND)).toHaveCount(0);

  await page.keyboard.press('F9');
  await page.getByRole('button', { name: 'Vào chế độ tập huấn' }).click();
  const band = page.getByRole('note').filter({ hasText: BAND });
  await expect(band).toBeVisible();
  await expect(page.getByRole('contentinfo')).toContainText('Tập huấn');
  await expect(page.getByRole('contentinfo')).toContainText('tập huấn, không gửi');
  await expect(page.getByRole('button', { name: 'Thoát chế độ tập huấn' })).toBeVisible();
  await shot(page, 'training-settings');

  // A dossier as on any day, under the band; the real one is not in the training data.
  await page.keyboard.press('F2');
  await expect(band).toBeVisible();
  const qr = page.getByLabel('Dán mã QR Căn cước');
  await qr.focus();
  await page.keyboard.insertText(QR);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await page.getByLabel('Số điện thoại').focus();
  await page.keyboard.type('0912345678', HUMAN);
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('cap doi gplx', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  for (const name of ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy phép lái xe đang sử dụng', 'Giấy khám sức khỏe của người lái xe']) {
    await page.getByRole('checkbox', { name }).focus();
    await page.keyboard.press('Space');
  }
  await page.getByLabel('Cước bưu chính').fill('25.000');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  await expect(band).toBeVisible();
  await shot(page, 'training-intake-accepted');

  await page.keyboard.press('F5');
  await expect(band).toBeVisible();
  const rows = page.getByRole('table', { name: 'Kết quả tra cứu' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Nguyễn Văn Đức' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Phạm Thị Thật' })).toHaveCount(0);
  await shot(page, 'training-lookup');

  // Out again: no band, the real dossier is back, the practice one gone.
  await page.keyboard.press('F9');
  await page.getByRole('button', { name: 'Thoát chế độ tập huấn' }).click();
  await expect(page.getByRole('button', { name: 'Vào chế độ tập huấn' })).toBeVisible();
  await expect(page.getByText(BAND)).toHaveCount(0);
  await page.keyboard.press('F5');
  await expect(rows.filter({ hasText: 'Phạm Thị Thật' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Nguyễn Văn Đức' })).toHaveCount(0);
  expect((await app.client.dossiers.get({ id: real.dossierId })).registerNo).toMatch(/^000001\//);
});
