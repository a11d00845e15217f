import type { Page } from '@playwright/test';
import { expect, openApp as open, scanByKeyboard, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

const QR_DUC = '001090123456|123456789|Nguyen Van Duc|15031990|Nam|So 1 Trang Tien, Hoan Kiem, Ha Noi|01012021';
/** A clerk's typing: keys well apart, so it is never taken for a keyboard-wedge scanner. */
const HUMAN = { delay: 70 };

/** The clerk's keystrokes, counted as they are pressed (a chord such as Ctrl+Enter is one). */
function keyCounter(page: Page) {
  let count = 0;
  return {
    type: async (text: string, options = HUMAN) => {
      count += [...text].length;
      await page.keyboard.type(text, options);
    },
    press: async (key: string) => {
      count += 1;
      await page.keyboard.press(key);
    },
    get count() {
      return count;
    },
  };
}

test('the standard intake takes at most 30 keystrokes, and focus is always where the next key belongs', async ({ page, app }) => {
  await open(page, app.url);
  const keys = keyCounter(page);
  // Arrival: the first field has focus; the ID card, read by a keyboard-wedge scanner, fills the
  // sender and focus goes to the first field the card does not fill.
  await expect(page.getByLabel('Dán mã QR Căn cước')).toBeFocused();
  await scanByKeyboard(page, QR_DUC);
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyen Van Duc');
  await expect(page.getByLabel('Số điện thoại')).toBeFocused();

  await keys.type('0912345678');
  await keys.press('Enter');
  await expect(page.getByLabel('Thủ tục hành chính')).toBeFocused();
  await keys.type('doi gplx');
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await keys.press('Enter');
  // Picking the procedure puts focus on its first required document; Space ticks and moves on.
  await expect(page.getByRole('checkbox', { name: /Đơn đề nghị đổi giấy phép lái xe/ })).toBeFocused();
  for (let i = 0; i < 3; i++) await keys.press('Space');
  await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(3);
  // All required documents in: the fee came from the list, so the postage is next.
  await expect(page.getByLabel('Cước bưu chính')).toBeFocused();
  await keys.type('25000');
  await expect(page.getByLabel('Cước bưu chính')).toHaveValue('25.000');
  await expect(page.getByLabel('Tổng cộng')).toHaveText('160.000 ₫');
  await keys.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  console.log(`standard intake: ${keys.count} keystrokes and one scan`);
  expect(keys.count).toBeLessThanOrEqual(30);
});

test('every screen puts focus in its first field on arrival', async ({ page, app }) => {
  await open(page, app.url);
  for (const [key, heading] of [['F5', 'Tra cứu'], ['F6', 'Báo cáo'], ['F9', 'Cài đặt'], ['F2', 'Tiếp nhận hồ sơ']] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('main') !== null && /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement!.tagName)))
      .toBe(true);
  }
  await expect(page.getByLabel('Dán mã QR Căn cước')).toBeFocused();
  // Reports loads the day first: focus waits for the field the clerk types in, the cash counted.
  await page.keyboard.press('F6');
  await expect(page.getByLabel('Tiền mặt đã đếm')).toBeFocused();
  // F6's tabs are one group: arrows move between them, each showing its own part.
  await page.getByRole('tab', { name: 'Kết ca' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Tổng quan' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Tổng quan' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Tiền mặt đã đếm')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('form', { name: 'Sổ theo dõi hồ sơ' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Kết ca' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Tiền mặt đã đếm')).toBeVisible();
});

test('Enter passes a radio group as one stop; arrows move inside it and between document rows', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('cap doi gplx', HUMAN);
  await page.keyboard.press('Enter');
  const first = page.getByRole('checkbox', { name: /Đơn đề nghị đổi giấy phép lái xe/ });
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('checkbox', { name: /Giấy phép lái xe đang sử dụng/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(first).toBeFocused();
  // Enter leaves the document list for the service, landing on the chosen option.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'Cả hai' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: 'Nhận kết quả' })).toBeChecked();
  // A result alone is not taken in here: Enter goes to the way to F3's "Chỉ nhận kết quả".
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sang "Chỉ nhận kết quả"' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Cả hai' })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radio', { name: 'Tại bưu cục' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Phí, lệ phí')).toBeFocused();
});

test('a phone number typed in one quick burst stays in the phone field', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByLabel('Số điện thoại').focus();
  await page.keyboard.type('0912345678'); // no delay: as fast as a scanner
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(page.getByText(/Mã vừa quét/)).toHaveCount(0);
  // ...while an item number scanned the same way is still a scan.
  await page.getByLabel('Họ và tên').focus();
  await page.keyboard.type('EL471108151VN');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Số hiệu bưu gửi')).toHaveValue('EL471108151VN');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
});

test('a date of birth typed as eight digits, and what is wrong with an impossible one', async ({ page, app }) => {
  await open(page, app.url);
  const birth = page.getByLabel('Ngày sinh');
  await birth.focus();
  await page.keyboard.type('31022003', HUMAN);
  await expect(birth).toHaveValue('31/02/2003');
  await expect(page.getByText('31/02/2003: tháng 2 không có ngày 31.')).toBeVisible();
  await birth.fill('');
  await page.keyboard.type('15131990', HUMAN);
  await expect(page.getByText('15/13/1990: không có tháng 13.')).toBeVisible();
  await birth.fill('');
  await page.keyboard.type('15031990', HUMAN);
  await expect(birth).toHaveValue('15/03/1990');
  await expect(page.getByText(/không có (ngày|tháng)/)).toHaveCount(0);
});

test('amounts show dot thousands separators as they are typed; the core keeps integer đồng', async ({ page, app }) => {
  await open(page, app.url);
  const fee = page.getByLabel('Phí, lệ phí');
  await fee.focus();
  await page.keyboard.type('1250000', HUMAN);
  await expect(fee).toHaveValue('1.250.000');
  // An edit in the middle keeps the caret after the same digit.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('0', HUMAN);
  await expect(fee).toHaveValue('10.250.000');
  await page.keyboard.type('5', HUMAN);
  await expect(fee).toHaveValue('105.250.000');
  await expect(page.getByLabel('Tổng cộng')).toHaveText('105.250.000 ₫');
});

test('shortcut keys are on the buttons; cancel asks first, and "Lấy số" never silently replaces a scanned number', async ({ page, app }) => {
  await open(page, app.url);
  await expect(page.getByRole('button', { name: /Hướng dẫn bổ sung/ })).toContainText('F8');
  await expect(page.getByRole('button', { name: /^Huỷ/ })).toContainText('F10');
  await expect(page.getByRole('button', { name: /Lấy số/ })).toContainText('F7');

  // Nothing typed: F7 takes a number at once.
  await page.keyboard.press('F7');
  const item = page.getByLabel('Số hiệu bưu gửi', { exact: true });
  await expect(item).toHaveValue(/^EL1000000\d{2}VN$/);
  const taken = await item.inputValue();

  // A scanned number: F7 asks, and Esc (or the focused "keep" answer) keeps it.
  await page.getByLabel('Họ và tên').focus();
  await scanByKeyboard(page, 'EL471108151VN');
  await expect(item).toHaveValue('EL471108151VN');
  await page.keyboard.press('F7');
  await expect(page.getByRole('alertdialog')).toContainText('Thay số hiệu bưu gửi đang có EL471108151VN?');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(item).toHaveValue('EL471108151VN');
  await page.keyboard.press('F7');
  await page.getByRole('button', { name: 'Thay bằng số mới' }).click();
  await expect(item).not.toHaveValue('EL471108151VN');
  await expect(item).toHaveValue(taken); // the next free number, not yet used

  // F10 with data on the form asks; Enter on the focused answer keeps typing.
  await page.getByLabel('Họ và tên').fill('Lê Văn Minh');
  await page.keyboard.press('F10');
  await expect(page.getByRole('alertdialog')).toContainText('Huỷ hồ sơ đang nhập? Những gì đã nhập sẽ mất.');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Văn Minh');
  await expect(page.getByLabel('Họ và tên')).toBeFocused();
  await page.keyboard.press('F10');
  await page.getByRole('button', { name: 'Huỷ hồ sơ' }).click();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
  await expect(item).toHaveValue('');

  // F8 guides: the incomplete form is refused with its reasons, never sent silently.
  await page.keyboard.press('F8');
  await expect(page.getByText('Chưa chọn thủ tục hành chính.')).toBeVisible();
});

test('a look-up in the middle of a dossier loses nothing typed, and scans go to the screen in front', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByLabel('Họ và tên').fill('Lê Văn Minh');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.keyboard.press('F5');
  await expect(page.getByRole('heading', { name: 'Tra cứu' })).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toBeHidden();
  // F7 belongs to intake: on another screen it takes no number behind the clerk's back.
  await page.keyboard.press('F7');
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Văn Minh');
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(page.getByLabel('Số hiệu bưu gửi', { exact: true })).toHaveValue('');
  await scanByKeyboard(page, 'EL471108151VN');
  await expect(page.getByLabel('Số hiệu bưu gửi', { exact: true })).toHaveValue('EL471108151VN');
});
