import { expect, openApp, scanByKeyboard, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { citizenAndProcedure } from '../support/intake-page.js';

skipWithoutBrowser();

test('F3 "Chỉ nhận kết quả": the agency code, the scanned card and the procedure give a register number; the same code again is refused next to its field', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F3');
  await page.getByRole('tab', { name: 'Chỉ nhận kết quả' }).click();
  // The intake screen stays mounted behind F3 with the same labels: look inside this form only.
  const form = page.getByRole('form', { name: 'Chỉ nhận kết quả' });

  await form.getByLabel('Mã hồ sơ', { exact: true }).fill('000.00.15.H26-261120-0042');
  // The citizen's chip card, scanned anywhere on the screen, fills the person.
  await scanByKeyboard(page, '001090123456|012345678|NGUYEN VAN DUC|15031990|Nam|SO 1 TRANG TIEN, HOAN KIEM, HA NOI|01012021');
  await expect(form.getByLabel('Họ và tên')).toHaveValue('NGUYEN VAN DUC');
  // The QR pasted gives the name with its accents.
  await citizenAndProcedure(page, form);
  await form.getByLabel('Ngày hẹn trả').fill('10/12/2026');
  await form.getByRole('radio', { name: 'Tại địa chỉ' }).check();
  await expect(form.getByLabel('Địa chỉ nhận kết quả')).toHaveValue('Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội');
  await shot(page, 'result-only-form');

  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByRole('heading', { name: 'Đã ghi nhận hồ sơ chỉ nhận kết quả' })).toBeVisible();
  await expect(page.getByText('000001/2026')).toBeVisible();
  await shot(page, 'result-only-done');

  const [d] = (await app.client.dossiers.search({ query: '000.00.15.H26-261120-0042', limit: 5 })).rows;
  expect(d).toMatchObject({ status: 'received-by-agency', itemNumber: null, senderName: 'Nguyễn Văn Đức' });

  // The same receipt brought twice: refused in words next to the code, nothing new recorded.
  await page.getByRole('button', { name: 'Hồ sơ khác' }).click();
  await form.getByLabel('Mã hồ sơ', { exact: true }).fill('000.00.15.H26-261120-0042');
  await citizenAndProcedure(page, form);
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(form.getByRole('alert')).toContainText('đã có ở bưu cục: hồ sơ 000001/2026');
  // Said once, next to the code: not again under the button.
  await expect(form.getByText('đã có ở bưu cục')).toHaveCount(1);
  await shot(page, 'result-only-refused');
});

test('F3 "Chỉ nhận kết quả" saved without the agency code: the refusal names "Mã hồ sơ" next to it and the cursor waits there', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F3');
  await page.getByRole('tab', { name: 'Chỉ nhận kết quả' }).click();
  const form = page.getByRole('form', { name: 'Chỉ nhận kết quả' });
  await citizenAndProcedure(page, form);
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(form.getByRole('alert')).toContainText('Mã hồ sơ: không được để trống');
  // Said once, where the cursor waits: not again under the button.
  await expect(form.getByText('Mã hồ sơ: không được để trống')).toHaveCount(1);
  await expect(form.getByRole('status')).toHaveCount(0);
  await expect(form.getByLabel('Mã hồ sơ', { exact: true })).toBeFocused();
  await shot(page, 'result-only-no-code');
});
