import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

/** A clerk's typing: keys well apart, so it is never taken for a keyboard-wedge scanner. */
const HUMAN = { delay: 70 };

test('the picked procedure’s card is one key away: in person, settlement time, fees, documents with originals and copies; Esc goes back', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('doi gplx', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  const firstDocument = page.getByRole('checkbox', { name: 'Đơn đề nghị đổi giấy phép lái xe' });
  await expect(firstDocument).toBeFocused();
  await page.keyboard.press('Space');
  // Space ticked it and moved on: the card must bring the clerk back here.
  const nextDocument = page.getByRole('checkbox', { name: 'Giấy phép lái xe đang sử dụng' });
  await expect(nextDocument).toBeFocused();

  await expect(page.getByRole('button', { name: /Thẻ thủ tục/ })).toContainText('Ctrl+I');
  await page.keyboard.press('Control+i');
  const card = page.getByRole('dialog', { name: 'Cấp đổi giấy phép lái xe' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('1.002804');
  await expect(card).toContainText('Sở Xây dựng');
  await expect(card).toContainText('Có mặt trực tiếp');
  await expect(card).toContainText('Danh mục không ghi'); // the demo list does not say
  await expect(card).toContainText('5 ngày làm việc');
  await expect(card).toContainText('135.000 ₫');
  const documents = card.getByRole('table', { name: 'Thành phần hồ sơ' }).locator('tbody tr');
  await expect(documents).toHaveCount(4);
  // the driving licence in use is a copy; the application an original
  await expect(documents.filter({ hasText: 'Đơn đề nghị đổi giấy phép lái xe' }).locator('td')).toHaveText([/Đơn đề nghị/, '1', '—']);
  await expect(documents.filter({ hasText: 'Giấy phép lái xe đang sử dụng' }).locator('td')).toHaveText([/Giấy phép lái xe đang sử dụng/, '—', '1']);
  await shot(page, 'intake-procedure-card');
  // Keys meant for the form do nothing while the card is open.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(nextDocument).toBeFocused();
  await expect(firstDocument).toBeChecked();
});
