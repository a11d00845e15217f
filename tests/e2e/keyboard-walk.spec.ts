import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';
import { resultReadyAt, returnItem } from '../support/returns.js';

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

/** The screen as the clerk sees it on both screens the counter is set up for; the walk goes on at 1366×768. */
async function shotsAtBothSizes(page: Page, name: string) {
  await shot(page, `${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, `${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
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

test('F3 delivery by keys only: the result is received, found by the citizen’s name and handed over after the ID check, focus never on the page', async ({ page, app }) => {
  const { dossierId } = await app.client.dossiers.intake(sampleIntake(1));
  await resultReadyAt(app.dataDir, dossierId, returnItem(7));
  await open(page, app.url);
  await page.keyboard.press('F3');
  const find = page.getByLabel('Tìm kết quả');
  await expect(find).toBeFocused();

  // F7: the bag from the agency, its return item typed in the field the tab put focus in.
  await page.keyboard.press('F7');
  const item = page.getByLabel('Số hiệu bưu gửi kết quả');
  await expect(item).toBeFocused();
  await page.keyboard.type(returnItem(7));
  await page.keyboard.press('Enter');
  await expect(page.locator('.returns').getByRole('status')).toContainText(`Kết quả tại bưu cục: ${returnItem(7)}`);
  await expect(item).toBeFocused();

  // F8: the citizen comes without the slip; the name, typed without marks, opens the one result.
  await page.keyboard.press('F8');
  await expect(find).toBeFocused();
  await page.keyboard.type('nguyen van duc');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Số hiệu bưu gửi kết quả' });
  await expect(panel.getByRole('heading')).toContainText(returnItem(7));
  const id = panel.getByLabel('Căn cước người nhận');
  await expect(id).toBeFocused();
  await shotsAtBothSizes(page, 'keys-f3-id-check');
  await noSeriousViolations(page);

  // Every control of the panel is reached by Tab, shown, down to the delivery button.
  const deliver = panel.getByRole('button', { name: 'Giao kết quả' });
  await tabTo(page, deliver);
  await tabTo(page, id, 'Shift+Tab');
  await page.keyboard.type('001090123456');
  await page.keyboard.press('Control+Enter');
  await expect(panel.getByRole('status')).toContainText('Đã trả kết quả');
  await expect(panel).toContainText('Đã trả cho Nguyễn Văn Đức (001090123456)');
  // Handed over, focus is already in the empty search field, ready for the next citizen's slip
  // or name: no key spent on the panel, which stays in view with what was recorded.
  await expect(find).toBeFocused();
  await expect(find).toHaveValue('');
  await shotsAtBothSizes(page, 'keys-f3-delivered');
  await noSeriousViolations(page);
  expect((await app.client.dossiers.get({ id: dossierId })).status).toBe('delivered');
  // "Đóng" is still a Tab away; it closes the panel and leaves the clerk in the search field.
  await tabTo(page, panel.getByRole('button', { name: 'Đóng' }));
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(find).toBeFocused();
  await expect(find).toHaveValue('');
});

test('F6 by keys only: the register filtered by days, the overview’s list walked row by row, a dossier opened and left, focus never on the page', async ({ page, app }) => {
  const taken = [];
  for (const fullName of ['Trần Thị Một', 'Lê Văn Hai', 'Phạm Thị Ba']) taken.push(await app.client.dossiers.intake(sampleIntake(1, { sender: { ...sampleIntake(1).sender, fullName } })));
  await open(page, app.url);
  await page.keyboard.press('F6');
  await expectFocusOnScreen(page);

  // The register: its tab by arrows, its days typed, Enter shows them.
  const tabs = page.getByRole('tablist', { name: 'Các phần báo cáo' });
  await tabTo(page, tabs.getByRole('tab', { selected: true }), 'Shift+Tab');
  await page.keyboard.press('End');
  while (!(await tabs.getByRole('tab', { name: 'Sổ theo dõi' }).evaluate((el) => el === document.activeElement))) await page.keyboard.press('ArrowLeft');
  const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const from = page.getByRole('tabpanel').getByLabel('Từ ngày');
  await tabTo(page, from);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(today);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(today);
  await page.keyboard.press('Enter');
  const book = page.getByRole('table', { name: 'Sổ theo dõi hồ sơ' });
  for (const d of taken) await expect(book).toContainText(d.registerNo!);
  // The time a dossier was taken in reads on one line: 29/11/2026 15:52, not the hour under the day.
  const received = book.getByRole('row').nth(1).getByRole('cell').nth(7);
  await expect(received).toHaveText(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  expect(await received.evaluate((el) => {
    const text = document.createRange();
    text.selectNodeContents(el);
    return new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size;
  })).toBe(1);
  await expectFocusOnScreen(page);
  await shotsAtBothSizes(page, 'keys-f6-register');
  await noSeriousViolations(page);

  // The overview: a figure opens its list, the arrows go down it, Enter opens the dossier, Esc comes back to that row.
  await tabTo(page, tabs.getByRole('tab', { selected: true }), 'Shift+Tab');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Tổng quan' })).toBeFocused();
  const waiting = page.getByRole('button', { name: 'Chờ bàn giao 3', exact: true });
  await tabTo(page, waiting);
  await page.keyboard.press('Enter');
  const list = page.getByRole('table', { name: 'Chờ bàn giao' });
  await expect(list.getByRole('row')).toHaveCount(4);
  await tabTo(page, list.getByRole('row').nth(1));
  await page.keyboard.press('ArrowDown');
  const second = list.getByRole('row').nth(2);
  await expect(second).toBeFocused();
  const name = (await second.textContent())!.match(/Trần Thị Một|Lê Văn Hai|Phạm Thị Ba/)![0];
  await shotsAtBothSizes(page, 'keys-f6-list');
  await noSeriousViolations(page);
  await page.keyboard.press('Enter');
  await expect(page.locator('.dossier .facts')).toContainText(name);
  await expectFocusOnScreen(page);
  await shotsAtBothSizes(page, 'keys-f6-dossier');
  await noSeriousViolations(page);
  await page.keyboard.press('Escape');
  await expect(second).toBeFocused();
});
