import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';
import type { Sender } from '../../shared/contract/index.js';

skipWithoutBrowser();

/** A clerk's typing: keys well apart, so it is never taken for a keyboard-wedge scanner. */
const HUMAN = { delay: 70 };
const FAMILY = ['Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn Minh', 'Thị Lan', 'Quốc Bảo', 'Thị Mai', 'Đức Anh', 'Thị Hồng'];

test('a clerk finds a dossier by name without marks, by register number, and reads all of it', async ({ page, app }) => {
  const base = sampleIntake(1).sender;
  const take = (sender: Partial<Sender>, overrides = {}) =>
    app.client.dossiers.intake(sampleIntake(1, { sender: { ...base, ...sender }, ...overrides }));
  await take(
    { fullName: 'Nguyễn Thị Thu Hà', personalId: '001190012345', gender: 'female', birthDate: '1990-07-02', phone: '0912 345 678' },
    { returnMethod: 'to-address', deliveryAddress: 'Số 5 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', feeReason: 'Miễn lệ phí cho người khuyết tật', fees: [{ name: 'Lệ phí cấp đổi', amount: 0 }] },
  );
  // Enough dossiers that the list comes a page at a time.
  for (let i = 0; i < 60; i++) {
    await take({ fullName: `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`, personalId: `0010${90 + (i % 9)}${String(100000 + i).slice(1)}0`.slice(0, 12), gender: 'male', birthDate: `19${90 + (i % 9)}-01-01` });
  }
  await take({ kind: 'organisation', fullName: 'Công ty TNHH Thu Hà', personalId: '', businessCode: '0101234567', gender: '', birthDate: '', bearerName: 'Lê Thị Bích', bearerId: '001190012345' });

  await open(page, app.url);
  await page.keyboard.press('F5');
  const box = page.getByLabel('Tìm hồ sơ');
  await expect(box).toBeFocused();
  const table = page.getByRole('table', { name: 'Kết quả tra cứu' });
  const rows = table.locator('tbody tr[data-index]');
  await expect(table).toHaveAttribute('aria-rowcount', '51'); // the newest page and the header row; more come on scrolling
  await expect(rows.first()).toContainText('Công ty TNHH Thu Hà');
  await page.getByRole('button', { name: 'Xem thêm' }).scrollIntoViewIfNeeded();
  await expect(table).toHaveAttribute('aria-rowcount', '63');

  await page.keyboard.type('nguyen thi thu ha', HUMAN);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Nguyễn Thị Thu Hà');
  await expect(rows.first()).toContainText('000001/2026');
  await expect(rows.first()).toContainText('001190012345');
  await shot(page, 'lookup-by-name');
  // A date filter typed as everywhere else: the dossiers are all from before a day far ahead.
  await page.getByLabel('Từ ngày').fill('31/12/2099');
  await expect(page.getByText('Không có hồ sơ nào khớp.')).toBeVisible();
  await page.getByLabel('Từ ngày').fill('');
  await expect(rows).toHaveCount(1);

  await box.fill('');
  await page.keyboard.type('1/2026', HUMAN);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Nguyễn Thị Thu Hà');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Cấp đổi giấy phép lái xe/ })).toBeVisible();
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('02/07/1990');
  await expect(facts).toContainText('Tại địa chỉ: Số 5 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội');
  await expect(facts).toContainText('Cả hai');
  await expect(facts).toContainText('Lệ phí cấp đổi: 0 ₫');
  await expect(facts).toContainText('Miễn lệ phí cho người khuyết tật');
  await expect(facts).toContainText('Giao dịch viên demo (gdv01), Quầy Q01');
  await shot(page, 'lookup-detail');

  // An organisation's name is labelled as such.
  await page.keyboard.press('Escape');
  await box.fill('');
  // Enter right after typing opens the answer to what was typed, not the list still shown.
  await page.keyboard.type('0101234567', HUMAN);
  await page.keyboard.press('Enter');
  await expect(facts).toContainText('Tên tổ chức');
  await expect(facts).toContainText('Mã số doanh nghiệp');
  await expect(facts).toContainText('Công ty TNHH Thu Hà');
  await shot(page, 'lookup-organisation');
});
