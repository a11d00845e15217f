import type { Page } from '@playwright/test';
import { ADMIN, signInAdmin } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';
import { useTestPostgres } from '../support/browser-postgres.js';
import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { linkUntil, officeDataDir } from '../support/office-counter.js';
import { citizenAndProcedure } from '../support/intake-page.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

skipWithoutBrowser();
const server = useTestPostgres();

/** The refusal read where the clerk reads it: whole inside the 1366×768 window, the item number field still in sight. */
async function readWhole(page: Page, text: RegExp): Promise<void> {
  const words = page.getByRole('alert').filter({ hasText: text }).first();
  await expect(words).toBeVisible();
  const box = (await words.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1366);
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  await expect(page.getByLabel(/^(Số hiệu bưu gửi|Item number)$/)).toBeInViewport();
}

test('a counter of an office whose range another counter holds is told on the intake screen what to do, in words that fit', async ({ page }) => {
  const login = server().app;
  const counters: ServeProcess[] = await Promise.all(['Q01', 'Q02'].map((code) => startServeProcess(officeDataDir(login, code), { BCCI_OFFICE_PASSWORD: login.password }, false)));
  try {
    for (const c of counters) await linkUntil(c.client, (l) => l.state === 'up', 30_000);
    for (const c of counters) await signInAdmin(c.client);
    const [q01, q02] = counters as [ServeProcess, ServeProcess];
    // Q01 presses "Lấy số" first and takes the default range as its own (decision 0056).
    expect((await q01.client.dossiers.nextItemNumber()).itemNumber).toMatch(/^EL1000000\d\dVN$/);

    await openApp(page, q02.url);
    await expect(page.getByLabel('Dán mã QR Căn cước')).toBeFocused();
    await page.keyboard.press('F7');
    await readWhole(page, /Quầy Q02 chưa có dải số hiệu bưu gửi riêng/);
    await expect(page.getByRole('alert').first()).toContainText('Cài đặt → Ký hiệu bưu gửi S10');
    await expect(page.getByLabel('Số hiệu bưu gửi', { exact: true })).toHaveValue('');
    await shot(page, 'range-not-own-vi');

    // An accept left to draw the number is refused the same way, at the item number field.
    await citizenAndProcedure(page);
    for (const name of ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy phép lái xe đang sử dụng', 'Giấy khám sức khỏe của người lái xe']) {
      await page.getByRole('checkbox', { name }).focus();
      await page.keyboard.press('Space');
    }
    await page.keyboard.press('Control+Enter');
    await readWhole(page, /Quầy Q02 chưa có dải số hiệu bưu gửi riêng/);
    const item = page.getByLabel('Số hiệu bưu gửi', { exact: true });
    await expect(item).toHaveAttribute('aria-invalid', 'true');
    // The narrow field says what to do now, in two lines at most; the whole reason is above the form once.
    const own = page.locator(`#${await item.getAttribute('aria-describedby')}`);
    await expect(own).toHaveText('Quầy chưa có dải số riêng: quét hoặc gõ số hiệu trên nhãn.');
    expect((await own.boundingBox())!.height).toBeLessThanOrEqual(40);
    await expect(page.getByText(/Quầy Q02 chưa có dải số hiệu bưu gửi riêng/)).toHaveCount(1);
    await shot(page, 'range-not-own-accept-vi');

    await q02.client.settings.update({ lang: 'en' });
    await page.reload();
    await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
    await page.keyboard.press('F7');
    await readWhole(page, /Counter Q02 has no item number range of its own/);
    await shot(page, 'range-not-own-en');
  } finally {
    for (const c of counters) c.process.kill('SIGTERM');
    await Promise.all(counters.map((c) => exitOf(c.process)));
  }
});
