import type { Page } from '@playwright/test';
import { expect, openApp as open, scanByKeyboard, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { BUILDING } from '../support/batches.js';

skipWithoutBrowser();

const QR_DUC = '001090123456|123456789|Nguyen Van Duc|15031990|Nam|So 1 Trang Tien, Hoan Kiem, Ha Noi|01012021';
/** A clerk's typing: keys well apart, so it is never taken for a keyboard-wedge scanner. */
const HUMAN = { delay: 70 };

/** The standard intake typed as a clerk types it, up to the moment of accepting. */
async function fillStandardIntake(page: Page): Promise<void> {
  await expect(page.getByLabel('Dán mã QR Căn cước')).toBeFocused();
  await scanByKeyboard(page, QR_DUC);
  await expect(page.getByLabel('Số điện thoại')).toBeFocused();
  await page.keyboard.type('0912345678', HUMAN);
  await page.keyboard.press('Enter');
  await page.keyboard.type('doi gplx', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: /Đơn đề nghị đổi giấy phép lái xe/ })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Space');
  await expect(page.getByLabel('Cước bưu chính')).toBeFocused();
  await page.keyboard.type('25000', HUMAN);
}

test('an accept whose answer was lost reads as accepted on the retry, though the dossier has moved on to a batch', async ({ page, app }) => {
  await open(page, app.url);
  await fillStandardIntake(page);
  // The core takes the dossier in, but its answer never reaches the page; meanwhile the
  // supervisor puts the dossier in a batch.
  await page.route('**/rpc/dossiers/intake', async (route) => {
    await route.fetch();
    const [found] = (await app.client.dossiers.search({ query: '001090123456' })).rows;
    const batch = await app.client.batches.create({ agencyCode: BUILDING });
    await app.client.batches.addByPick({ batchId: batch.id, dossierIds: [found!.id] });
    await route.abort('failed');
  });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await page.unrouteAll();
  // The same form again: the core answers with the dossier it already made, now in a batch.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  await expect(page.getByText(/^EL1000000\d{2}VN$/)).toBeVisible();
  await expect(page.locator('.result')).toContainText('Đã xếp lô, chờ bàn giao');
});
