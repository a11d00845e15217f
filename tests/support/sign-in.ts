import { expect, type Page } from '@playwright/test';
import { ADMIN } from './core-harness.js';

const LABELS = { vi: ['Mã giao dịch viên', 'Mật khẩu hoặc mã PIN'], en: ['Clerk code', 'Password or PIN'] } as const;

/** Signs in on the sign-in screen as a clerk would: code, password, Enter (labels in the counter's language). */
export async function signInAs(page: Page, clerkCode: string, secret: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
  const [codeLabel, secretLabel] = LABELS[lang];
  await page.getByLabel(codeLabel).fill(clerkCode);
  await page.getByLabel(secretLabel).fill(secret);
  await page.getByLabel(secretLabel).press('Enter');
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
