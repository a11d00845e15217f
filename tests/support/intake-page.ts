import type { Locator, Page } from '@playwright/test';
import { expect } from './browser-mode.js';

/** Nguyễn Văn Đức's chip card QR, as the sample intake's owner. */
export const QR_DUC = '001090123456|012345678|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';

/**
 * A clerk's start on a citizen, in `scope` (F2's intake or F3's result-only form): the card's QR
 * pasted, the phone typed, and "Cấp đổi giấy phép lái xe" found without accents and taken.
 */
export async function citizenAndProcedure(page: Page, scope: Locator | Page = page): Promise<void> {
  await scope.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText(QR_DUC);
  await page.keyboard.press('Enter');
  await expect(scope.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await scope.getByLabel('Số điện thoại').fill('0912345678');
  await scope.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('cap doi gplx', { delay: 70 });
  await expect(scope.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
}
