import { expect, openApp, shot, skipWithoutBrowser, startBrowserMode, test as base } from '../support/browser-mode.js';
import { ADMIN, sampleIntake, startCore } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';

skipWithoutBrowser();

/** A counter that took in two dossiers in March 2019: one voided that day (settled), one never settled. */
const test = base.extend<{ oldCounter: string }>({
  oldCounter: async ({}, use) => {
    const h = await startCore({ now: new Date('2019-03-04T02:00:00Z') });
    const supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    const version = (await h.client.catalog.status()).version!;
    const settled = (await h.client.dossiers.intake(sampleIntake(version))).dossierId;
    await h.client.dossiers.intake(sampleIntake(version));
    await supervisor.dossiers.void({ dossierId: settled, reason: 'Khách rút hồ sơ tại quầy' });
    await h.stop();
    await use(h.dataDir);
  },
});

test('the administrator sets the retention period, previews and purges in Settings, in Vietnamese and English', async ({ page, oldCounter }) => {
  const app = await startBrowserMode(oldCounter);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, app.url);
    await page.keyboard.press('F9');
    const section = page.locator('.retention');
    await expect(section.getByRole('heading', { name: 'Thời hạn lưu trữ' })).toBeVisible();
    await section.getByLabel('Số năm lưu trữ (ít nhất 5)').fill('3');
    await section.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'phải từ 5 năm trở lên' })).toBeVisible();
    await section.getByLabel('Số năm lưu trữ (ít nhất 5)').fill('6');
    await section.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Đã lưu thời hạn lưu trữ' })).toBeVisible();
    await section.getByRole('button', { name: 'Xem trước' }).click();
    const preview = section.getByLabel('Xem trước');
    await expect(preview).toContainText('Hồ sơ sẽ xoá1 (04/03/2019 – 04/03/2019)');
    await expect(preview).toContainText('Năm tiếp nhận 20191');
    await expect(preview).toContainText('Hồ sơ cũ chưa kết thúc (giữ lại)1');
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'retention-preview-vi');
    // The question has the safe answer focused; Esc closes it, back on the button that opened it.
    const previewButton = section.getByRole('button', { name: 'Xem trước', exact: true });
    await expect(section.getByRole('button', { name: 'Huỷ' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(preview).toHaveCount(0);
    await expect(previewButton).toBeFocused();
    await page.keyboard.press('Enter');
    await section.getByRole('button', { name: 'Xoá theo thời hạn' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Đã xoá 1 hồ sơ đã kết thúc' })).toBeVisible();
    await expect(previewButton).toBeFocused();
    await shot(page, 'retention-purged-vi');

    // The same screen in English.
    await app.client.settings.update({ lang: 'en' });
    await page.reload();
    // Browser mode may keep the session across a reload; sign in again only when asked to.
    const signIn = page.getByLabel('Clerk code');
    await expect(signIn.or(page.getByRole('contentinfo'))).toBeVisible();
    if (await signIn.isVisible()) await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
    await page.keyboard.press('F9');
    const en = page.locator('.retention');
    await expect(en.getByRole('heading', { name: 'Retention period' })).toBeVisible();
    await en.getByRole('button', { name: 'Preview' }).click();
    await expect(en.getByLabel('Preview')).toContainText('Nothing to purge.');
    await en.scrollIntoViewIfNeeded();
    await shot(page, 'retention-preview-en');

    // The administrator's own language, from the foot of the navigation: kept with the account.
    await page.getByRole('navigation').getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect(page.locator('.retention').getByRole('heading', { name: 'Thời hạn lưu trữ' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('button', { name: 'English' })).toBeVisible();
    await shot(page, 'clerk-language-vi');
  } finally {
    app.process.kill('SIGTERM');
  }
});
