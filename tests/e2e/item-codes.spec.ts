import { expect, openApp as open, settingsSection, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

const QR_DUC = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';

test('another carrier’s code is taken only once Settings declares its pattern', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  await page.getByRole('button', { name: 'Thêm hãng' }).click();
  await page.getByLabel('Hãng vận chuyển 1').fill('Viettel Post');
  await page.getByLabel(/Mẫu mã .* 1$/).fill('VTP(\\d{9}');
  await expect(page.getByText('Mẫu không hợp lệ')).toBeVisible();
  const section = settingsSection(page, 'Ký hiệu bưu gửi S10');
  await section.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(section.getByText(/Mẫu mã.*không phải một mẫu hợp lệ/)).toBeVisible();
  await page.getByLabel(/Mẫu mã .* 1$/).fill('VTP\\d{9}');
  await expect(page.getByText('Mẫu không hợp lệ')).toBeHidden();
  await shot(page, 'settings-carriers');
  await section.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(section.getByRole('status')).toHaveText('Đã lưu mục “Ký hiệu bưu gửi S10”.');

  await page.keyboard.press('F2');
  await page.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText(QR_DUC);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Thủ tục hành chính').fill('cap doi gplx');
  await page.keyboard.press('Enter');
  await page.getByLabel('Số hiệu bưu gửi').fill('VTP12345678');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByText(/không khớp mẫu mã của hãng vận chuyển/).first()).toBeVisible();
  await page.getByLabel('Số hiệu bưu gửi').fill('VTP123456789');
  // Tick every document, as the clerk would with Space.
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByText('VTP123456789')).toBeVisible();
});
