import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';

skipWithoutBrowser();

/** Where focus is, as a clerk would name it; "the page" when the browser dropped it. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return 'the page';
    const box = el.getBoundingClientRect();
    if (el.offsetParent === null || box.width <= 1 || box.height <= 1) return `hidden ${el.tagName}`;
    return (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? el.tagName).trim();
  });

/** Focus stays on something the clerk sees, inside the screen (not left on the page). */
async function expectFocusOnScreen(page: Page) {
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('main') != null && (document.activeElement as HTMLElement).offsetParent !== null)).toBe(true);
}

/** Tab (or Shift+Tab, up the screen) until `target` has focus; every stop on the way is something shown, never the page. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 200) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
    const at = await focusedName(page);
    expect(at, `Tab stop ${i + 1} on the way to ${target}`).not.toMatch(/^(the page|hidden )/);
  }
  throw new Error(`${target} not reached in ${max} Tabs`);
}

async function noSeriousViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

test('F4 by keys only: the screen takes focus, and a batch is made, filled, closed and signed without losing it', async ({ page, app }) => {
  const taken = await app.client.dossiers.intake(sampleIntake(1));
  await open(page, app.url);
  await page.keyboard.press('F4');
  // Nothing to type on arrival: the screen's title holds focus, and Tab goes into the screen.
  await expect(page.getByRole('heading', { name: 'Bàn giao', level: 1 })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Tạo lô' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Tạo lô' })).toBeFocused();
  await page.keyboard.press('Enter');
  const item = page.locator('.handover').getByLabel('Số hiệu bưu gửi');
  await expect(item).toBeFocused();
  await page.keyboard.type(taken.itemNumber!);
  await page.keyboard.press('Enter');
  await expect(page.locator('.handover').getByRole('status')).toContainText(taken.itemNumber!);
  await expect(item).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Đóng lô' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Giờ ký biên bản')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Nguyễn Văn Cán');
  await page.keyboard.press('Enter');
  // The form is replaced by what it recorded: focus goes to the batch's next action, not the page.
  await expect(page.getByText('Đã bàn giao', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'In biên bản giao nhận' })).toBeFocused();
  await shot(page, 'keys-f4-signed');
  await noSeriousViolations(page);
});

test('Settings by keys only: every stop is shown, the retention period saves and previews, training switches, focus never on the page', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  await expectFocusOnScreen(page);
  // Tabbing down the whole of Settings to the retention period passes only controls shown.
  const years = page.getByLabel('Số năm lưu trữ (ít nhất 5)');
  await tabTo(page, years);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(page.locator('.retention').getByRole('status')).toContainText('Đã lưu thời hạn lưu trữ');
  // Saved, its button is off until the period changes again: focus is back in the field.
  await expect(years).toBeFocused();
  await page.keyboard.press('Tab');
  const preview = page.locator('.retention').getByRole('button', { name: 'Xem trước', exact: true });
  await expect(preview).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Xem trước' })).toContainText('Không có gì cần xoá.');
  await expect(preview).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Xem trước' })).toHaveCount(0);
  await expect(preview).toBeFocused();

  // Into training (up the screen) and out again: the screens start over on the other data, focus in the first field.
  const enter = page.getByRole('button', { name: 'Vào chế độ tập huấn' });
  await tabTo(page, enter, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('note').filter({ hasText: 'TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ' })).toBeVisible();
  await expectFocusOnScreen(page);
  await shot(page, 'keys-settings-training');
  await noSeriousViolations(page);
  await tabTo(page, page.getByRole('button', { name: 'Thoát chế độ tập huấn' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Vào chế độ tập huấn' })).toBeVisible();
  await expectFocusOnScreen(page);
});

test('F3 "Chỉ nhận kết quả" by keys only: a save refused for a field takes focus to it, and focus is never left on the page', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F3');
  await page.keyboard.press('Shift+F7');
  const form = page.getByRole('form', { name: 'Chỉ nhận kết quả' });
  await expect(form.getByLabel('Mã hồ sơ', { exact: true })).toBeFocused();
  const save = form.getByRole('button', { name: 'Ghi nhận' });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  // No procedure: refused here, before the core is asked.
  await expect(form.getByLabel('Thủ tục hành chính')).toBeFocused();
  await page.keyboard.type('doi gplx', { delay: 70 });
  await page.keyboard.press('Enter');
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  // The core's refusal names the empty agency code: focus goes to it, not to the page.
  await expect(form.getByRole('alert')).toContainText('Mã hồ sơ');
  await expect(form.getByLabel('Mã hồ sơ', { exact: true })).toBeFocused();
  await shot(page, 'keys-result-only-refused');
  await noSeriousViolations(page);
});
