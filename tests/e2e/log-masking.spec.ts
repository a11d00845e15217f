import { expect, openApp, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { exitOf } from '../support/serve-process.js';

skipWithoutBrowser();

const CITIZEN = { id: '001090123456', oldId: '123456789', name: 'Nguyễn Văn Đức', address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội', phone: '0912345678' };
const QR = `${CITIZEN.id}|${CITIZEN.oldId}|${CITIZEN.name}|15031990|Nam|${CITIZEN.address}|01012021`;
const HUMAN = { delay: 70 };

test('after a real intake and lookups by name, ID and phone, the server log holds none of the citizen’s data', async ({ page, app }) => {
  await openApp(page, app.url);
  await page.keyboard.press('F2');
  await page.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText(QR);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên')).toHaveValue(CITIZEN.name);
  await page.getByLabel('Số điện thoại').focus();
  await page.keyboard.type(CITIZEN.phone, HUMAN);
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('cap doi gplx', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  for (const name of ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy phép lái xe đang sử dụng', 'Giấy khám sức khỏe của người lái xe']) {
    await page.getByRole('checkbox', { name }).check();
  }
  await page.getByLabel('Cước bưu chính').fill('25.000');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();

  await page.keyboard.press('F5');
  const rows = page.getByRole('table', { name: 'Kết quả tra cứu' }).locator('tbody tr');
  for (const query of ['nguyen van duc', CITIZEN.id, CITIZEN.phone]) {
    await page.getByLabel('Tìm hồ sơ').fill(query);
    await expect(rows.first()).toContainText(CITIZEN.name);
  }

  app.process.kill('SIGTERM');
  await exitOf(app.process);
  const log = app.output();
  expect(log).toContain('Open: '); // the log was captured
  for (const value of Object.values(CITIZEN)) expect(log, value).not.toContain(value);
});
