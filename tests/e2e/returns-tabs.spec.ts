import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { citizenAndProcedure } from '../support/intake-page.js';

skipWithoutBrowser();

test('F3: each tab has its key, shown on it — F8, F7, F10, Shift+F7 — and arrows move between them', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F3');
  const tab = (name: string) => page.getByRole('tab', { name });
  const chosen = (name: string) => expect(tab(name)).toHaveAttribute('aria-selected', 'true');

  await chosen('Trả cho người dân');
  await expect(tab('Trả cho người dân')).toContainText('F8');
  await expect(tab('Nhận từ cơ quan')).toContainText('F7');
  await expect(tab('Phát tại địa chỉ')).toContainText('F10');
  await expect(tab('Chỉ nhận kết quả')).toContainText('Shift+F7');
  await expect(page.getByLabel('Tìm kết quả')).toBeFocused();
  await shot(page, 'returns-tabs-deliver');

  await page.keyboard.press('F7');
  await chosen('Nhận từ cơ quan');
  await expect(page.locator('.returns').getByLabel('Số hiệu bưu gửi')).toBeFocused();
  await shot(page, 'returns-tabs-receive');
  await page.keyboard.press('F10');
  await chosen('Phát tại địa chỉ');
  await shot(page, 'returns-tabs-round');
  await page.keyboard.press('Shift+F7');
  await chosen('Chỉ nhận kết quả');
  await expect(page.getByRole('form', { name: 'Chỉ nhận kết quả' }).getByLabel('Mã hồ sơ', { exact: true })).toBeFocused();
  await shot(page, 'returns-tabs-result-only');
  await page.keyboard.press('F8');
  await chosen('Trả cho người dân');
  // The tab puts focus in its search field on arrival: wait for it, or it lands after the focus below.
  await expect(page.getByLabel('Tìm kết quả')).toBeFocused();

  // From a tab: arrows, Home and End, as in every group on the counter.
  await tab('Trả cho người dân').focus();
  await page.keyboard.press('ArrowRight');
  await chosen('Nhận từ cơ quan');
  await page.keyboard.press('End');
  await chosen('Chỉ nhận kết quả');
  await page.keyboard.press('Home');
  await chosen('Trả cho người dân');

  // In English the keys stay on the tabs.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('tab', { name: 'Receive from agency' })).toContainText('F7');
  await shot(page, 'returns-tabs-en');
});

test('F2 "Nhận kết quả": no dossier is taken in to be batched; what was typed moves to F3 "Chỉ nhận kết quả", where it is registered', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F2');
  await citizenAndProcedure(page);

  // The citizen only collects a result: F2 says where that is done, next on the keyboard path.
  await page.getByRole('radio', { name: 'Nhận kết quả', exact: true }).check();
  await expect(page.getByText('người dân không gửi hồ sơ nên không tiếp nhận ở màn hình này')).toBeVisible();
  await page.keyboard.press('Tab');
  const go = page.getByRole('button', { name: 'Sang "Chỉ nhận kết quả"' });
  await expect(go).toBeFocused();
  await shot(page, 'intake-result-only-note');
  await page.keyboard.press('Enter');

  // F3 opens on the form with the citizen and the procedure already there.
  await expect(page.getByRole('heading', { name: 'Trả kết quả', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Chỉ nhận kết quả' })).toHaveAttribute('aria-selected', 'true');
  const form = page.getByRole('form', { name: 'Chỉ nhận kết quả' });
  await expect(form.getByLabel('Mã hồ sơ', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await expect(form.getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(form).toContainText('Sở Xây dựng (000.00.15.H26)'); // the procedure picked on F2
  await expect(form).toContainText('1.002804');
  await shot(page, 'returns-result-only-from-intake');
  await page.keyboard.type('000.00.15.H26-261120-0077');
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByText('000001/2026')).toBeVisible();

  // One dossier, waiting for the agency's result with no item number: nothing to batch.
  const rows = (await app.client.dossiers.search({ query: 'Nguyễn Văn Đức', limit: 5 })).rows;
  expect(rows).toEqual([expect.objectContaining({ status: 'received-by-agency', itemNumber: null })]);
  // F2 starts afresh; F3 opened again is back on its first tab.
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
  await page.keyboard.press('F3');
  await expect(page.getByRole('tab', { name: 'Trả cho người dân' })).toHaveAttribute('aria-selected', 'true');
});
