import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { L } from '../../renderer/src/i18n.js';
import { EVENT_LABELS, STATUS_LABELS } from '../../shared/lifecycle/labels.js';
import { sampleIntake } from '../support/core-harness.js';
import { expect, openApp as open, settingsSection, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

/** Every screen's picture goes to the CI log (test-results is not committed). */
const SHOTS = join('test-results', 'screens');

/**
 * Words of the English interface that must not show in Vietnamese mode. Taken from the English
 * column of the labels, less codes and words that are also Vietnamese syllables.
 */
const ALSO_VIETNAMESE_OR_CODE = new Set([
  'in', 'do', 'to', 'an', 'the', 'bit', 'ban', 'con', 'tin', 'hang', 'long', 'than', 'can', 'may', 'man', 'me', 'so', 'sang', 'thu', 'ten', 'ca',
  // the database server's own setting names, shown in brackets after the Vietnamese words
  'tls', 'role', 'require', 'disable',
  'demo', 'excel', 'postgresql', 'baud', 'pin', 'bcci', 'dd', 'mm', 'yyyy', 'qr', 'id', 'cr', 'lf', 'usb', 'com', 'pdf', 'xlsx', 'csv', 'json', 'ip', 'utf', 'cp1258', 'esc', 'ctrl', 'enter', 'tab', 'code', 'hid', 'rs', 'vnd',
]);
const ENGLISH = new Set(
  [
    ...Object.values(L).map(([, en]) => en),
    ...Object.values(STATUS_LABELS).flatMap((s) => [s.short.en, s.long.en]),
    ...Object.values(EVENT_LABELS).map((e) => e.en),
  ]
    .flatMap((en) => en.split(/[^A-Za-z]+/))
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 2 && !ALSO_VIETNAMESE_OR_CODE.has(w)),
);

async function englishWordsShown(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  // ASCII-only words only: a word with Vietnamese letters is not English; file names, paths and
  // placeholders ("catalogue.json", "print-preview", "{item}") are codes.
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/^[("“'‘]+|[)"”'’,.;:!?…]+$/g, ''))
    .filter((w) => /^[A-Za-z]+$/.test(w));
  return [...new Set(words.filter((w) => ENGLISH.has(w.toLowerCase())))];
}

async function check(page: Page, name: string, size: string) {
  await page.screenshot({ path: join(SHOTS, `${size}-${name}.png`) });
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect.soft(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect.soft(await englishWordsShown(page), `English words on ${name}`).toEqual([]);
  // Nothing that should stay on one line wraps: amounts, badges, buttons, the status bar.
  const wrapped = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, .statusbar button, .state, .badge, output, .money, td.num, .statusbar > *, kbd')]
      .filter((el) => el.offsetParent !== null && el.getClientRects().length > 0)
      .filter((el) => {
        const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.3;
        const pad = parseFloat(getComputedStyle(el).paddingTop) + parseFloat(getComputedStyle(el).paddingBottom) + parseFloat(getComputedStyle(el).borderTopWidth) * 2;
        return el.getBoundingClientRect().height - pad > line * 1.6;
      })
      .map((el) => el.textContent!.trim().slice(0, 40)),
  );
  expect.soft(wrapped, `wrapped on ${name}`).toEqual([]);
  // The status bar keeps to one line: nothing in it is cut off at the right.
  const bar = await page.getByRole('contentinfo').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect.soft(bar, `status bar cut off on ${name}`).toBeLessThanOrEqual(0);
  // ...even with the longest printer state it can show.
  const busy = await page.getByRole('contentinfo').evaluate((el) => {
    const more = document.createElement('span');
    more.textContent = '(99 lệnh in)'; // what the printer's busiest state adds
    el.insertBefore(more, el.lastElementChild);
    const over = el.lastElementChild!.getBoundingClientRect().right - el.getBoundingClientRect().right;
    more.remove();
    return over;
  });
  expect.soft(busy, `status bar cut off with a busy printer on ${name}`).toBeLessThanOrEqual(0);
}

for (const [size, viewport] of [
  ['1366x768', { width: 1366, height: 768 }],
  ['1920x1080', { width: 1920, height: 1080 }],
] as const) {
  test(`every screen at ${size}: accessible, all Vietnamese, nothing wraps`, async ({ page, app }) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize(viewport);
    const accepted = await app.client.dossiers.intake(sampleIntake(1, { itemNumber: 'EL471108151VN' }));
    await open(page, app.url);
    // The status bar names what each figure is.
    await expect(page.getByRole('contentinfo')).toContainText('Bưu cục: 100000');
    await check(page, 'intake', size);

    // A form full of problems: they are listed at the top, each a link to its field, and the
    // buttons stay in view.
    await page.getByLabel('Thủ tục hành chính').fill('cap doi gplx');
    await page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first().click();
    await page.getByLabel('Ngày sinh').fill('31/02/2003');
    await page.getByLabel('Số hiệu bưu gửi', { exact: true }).fill('EL471108152VN');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Chưa gửi được, cần sửa:' });
    await expect(summary.getByRole('link')).toHaveText(['Họ và tên', 'Số định danh cá nhân', 'Ngày sinh', 'Địa chỉ', 'Số điện thoại', 'Số hiệu bưu gửi']);
    await expect(page.getByText('31/02/2003: tháng 2 không có ngày 31.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Tiếp nhận', exact: true })).toBeInViewport();
    await check(page, 'intake-errors', size);
    await summary.getByRole('link', { name: 'Số điện thoại' }).click();
    await expect(page.getByLabel('Số điện thoại')).toBeFocused();
    await expect(page.getByRole('button', { name: 'Tiếp nhận', exact: true })).toBeInViewport();

    // Put right, it is accepted: the result with the receipt as it prints.
    await page.getByLabel('Họ và tên').fill('Trần Thị Ánh');
    await page.getByLabel('Số định danh cá nhân').fill('079305000123');
    await page.getByLabel('Ngày sinh').fill('01012005');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Phường Bến Thành, TP Hồ Chí Minh');
    await page.getByLabel('Số điện thoại').fill('0987654321');
    await page.getByLabel('Số hiệu bưu gửi', { exact: true }).fill('');
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Phiếu sẽ in (đúng ảnh gửi tới máy in)' })).toBeVisible();
    await check(page, 'intake-accepted', size);

    await page.keyboard.press('F5');
    await expect(page.getByRole('heading', { name: 'Tra cứu' })).toBeVisible();
    await check(page, 'lookup', size);
    await page.getByRole('table', { name: 'Kết quả tra cứu' }).getByRole('row').last().click();
    await expect(page.getByRole('definition').filter({ hasText: accepted.registerNo! })).toBeVisible();
    await check(page, 'lookup-dossier', size);

    await page.keyboard.press('F3');
    await expect(page.getByRole('heading', { name: 'Trả kết quả', level: 1 })).toBeVisible();
    await check(page, 'returns', size);

    await page.keyboard.press('F4');
    await expect(page.getByRole('heading', { name: 'Bàn giao', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Tạo lô' }).first().click();
    await expect(page.getByLabel('Lô', { exact: true })).toBeVisible();
    await check(page, 'handover', size);

    await page.keyboard.press('F6');
    await expect(page.getByRole('heading', { name: 'Báo cáo', exact: true })).toBeVisible();
    await check(page, 'reports', size);
    await page.getByRole('tab', { name: 'Tổng quan' }).click();
    await page.getByRole('button', { name: 'Chờ bàn giao 2', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Chờ bàn giao' }).getByRole('row')).toHaveCount(3);
    await check(page, 'reports-overview', size);

    await page.keyboard.press('F9');
    await expect(page.getByRole('heading', { name: 'Cài đặt', exact: true, level: 1 })).toBeVisible();
    await expect(page.getByLabel('Mã bưu cục')).toBeVisible();
    await check(page, 'settings', size);

    await page.keyboard.press('Control+l');
    await expect(page.getByRole('button', { name: 'Mở khoá' })).toBeVisible();
    await check(page, 'locked', size);
  });
}

test('switching language re-words every message already on screen', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  const file = join(app.dataDir, 'hong.xlsx');
  writeFileSync(file, 'not a workbook');
  await page.getByLabel('Tệp danh mục (.xlsx, .csv, .json)').setInputFiles(file);
  await expect(page.getByText(/^Không đọc được tệp Excel/)).toBeVisible();

  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await settingsSection(page, 'Quầy và thiết bị').getByRole('button', { name: 'Lưu', exact: true }).click();
  // The section's own note, said in Vietnamese as it saved, now reads in English.
  await expect(settingsSection(page, 'Counter and devices').getByText('“Counter and devices” saved.', { exact: true })).toBeVisible();
  // The import's complaint, said before the switch, now reads in English too.
  await expect(page.getByText(/^The Excel file cannot be read: it is damaged or not .xlsx/)).toBeVisible();
  await expect(page.getByText(/Không đọc được/)).toHaveCount(0);
});
