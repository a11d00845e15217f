import type { Page } from '@playwright/test';
import { expect, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { SECRET } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';

skipWithoutBrowser();

/** A long name as the ID card gives it: the bar must show it whole at the counter's 1366 px. */
const LONG_NAME = 'Nguyễn Thị Phương Thảo Hoàng Lan';

/** The clerk's part of the bar: the name it shows, and how many pixels of it are cut off. */
const clerkPart = (page: Page) =>
  page
    .getByRole('contentinfo')
    .locator('.statusbar-clerk')
    .evaluate((el) => ({ name: el.querySelector('b')!.textContent, cut: el.scrollWidth - el.clientWidth }));

/** Nothing in the bar runs past its right edge (the date is last). */
const barOverflow = (page: Page) => page.getByRole('contentinfo').evaluate((el) => el.scrollWidth - el.clientWidth);

async function expectNameWhole(page: Page) {
  const clerk = await clerkPart(page);
  expect(clerk.name).toBe(LONG_NAME);
  expect(clerk.cut, 'pixels of the name cut off').toBeLessThanOrEqual(0);
  expect(await barOverflow(page), 'status bar cut off at the right').toBeLessThanOrEqual(0);
}

test('a clerk with a long name sees it whole in the status bar at 1366×768 and 1920×1080, in Vietnamese and English, in training too', async ({ page, app }) => {
  await app.client.accounts.create({ clerkCode: 'gdv09', clerkName: LONG_NAME, role: 'admin', secret: SECRET });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await signInAs(page, 'gdv09', SECRET);
  const bar = page.getByRole('contentinfo');
  // Its states still read as words: the post-office code is labelled, the date is last.
  await expect(bar).toContainText('Bưu cục: 100000');
  await expectNameWhole(page);
  // A screen reader still hears whose counter it is.
  await expect(bar.locator('.statusbar-clerk')).toHaveText(`Giao dịch viên: ${LONG_NAME} (gdv09)`);
  await shot(page, 'status-bar-long-name-1366x768-vi');

  await page.getByRole('navigation').getByRole('button', { name: 'English' }).click();
  await expect(bar).toContainText('Post office: 100000');
  await expectNameWhole(page);
  await shot(page, 'status-bar-long-name-1366x768-en');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectNameWhole(page);
  await shot(page, 'status-bar-long-name-1920x1080-en');
  await page.getByRole('navigation').getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(bar).toContainText('Bưu cục: 100000');
  await expectNameWhole(page);
  await shot(page, 'status-bar-long-name-1920x1080-vi');

  // Training adds its own word to the bar: the name still shows whole at 1366 px.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('F9');
  await page.getByRole('button', { name: 'Vào chế độ tập huấn' }).click();
  await expect(bar).toContainText('Tập huấn');
  await expectNameWhole(page);
  await shot(page, 'status-bar-long-name-1366x768-training');
});
