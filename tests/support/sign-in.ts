import { expect, type Page } from '@playwright/test';
import { ADMIN } from './core-harness.js';

/** Signs in on the sign-in screen as a clerk would: code, password, Enter. */
export async function signInAs(page: Page, clerkCode: string, secret: string): Promise<void> {
  await page.getByLabel('Mã giao dịch viên').fill(clerkCode);
  await page.getByLabel('Mật khẩu hoặc mã PIN').fill(secret);
  await page.getByLabel('Mật khẩu hoặc mã PIN').press('Enter');
  await expect(page.getByRole('contentinfo')).toContainText(`(${clerkCode})`);
}

/** First start: the setup screen makes the administrator (ADMIN) and signs them in. */
export async function setUpAdmin(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Tạo tài khoản quản trị' })).toBeVisible();
  await page.getByLabel('Tên giao dịch viên').fill(ADMIN.clerkName);
  await page.getByLabel('Mã giao dịch viên').fill(ADMIN.clerkCode);
  await page.getByLabel('Mật khẩu hoặc mã PIN').fill(ADMIN.secret);
  await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.secret);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('contentinfo')).toContainText(`(${ADMIN.clerkCode})`);
}
