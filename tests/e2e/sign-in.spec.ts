import { ADMIN, SECRET } from '../support/core-harness.js';
import { expect, openApp, scanByKeyboard, settingsSection, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { startServeProcess } from '../support/serve-process.js';
import { setUpAdmin, signInAs } from '../support/sign-in.js';

skipWithoutBrowser();

test('first start creates the administrator, who creates a clerk; the clerk locks and unlocks, and keeps the form', async ({ page }) => {
  const app = await startServeProcess(undefined, {}, false);
  try {
    await page.goto(app.url);
    await shot(page, 'setup-admin');
    // The two passwords must match before anything is sent.
    await page.getByLabel('Tên giao dịch viên').fill(ADMIN.clerkName);
    await page.getByLabel('Mã giao dịch viên').fill(ADMIN.clerkCode);
    await page.getByLabel('Mật khẩu hoặc mã PIN').fill(ADMIN.secret);
    await page.getByLabel('Nhập lại mật khẩu').fill('khac-han');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect(page.getByRole('alert')).toHaveText('Hai lần nhập mật khẩu không giống nhau.');
    await page.reload();
    await setUpAdmin(page);

    // Settings (F9) → accounts: the administrator creates two clerks.
    await page.keyboard.press('F9');
    for (const [code, name] of [['lan', 'Trần Thị Lan'], ['hoa', 'Đỗ Thị Hoa']] as const) {
      const accounts = page.locator('.accounts');
      await accounts.getByLabel('Mã giao dịch viên').fill(code);
      await accounts.getByLabel('Tên giao dịch viên').fill(name);
      await accounts.getByLabel('Mật khẩu hoặc mã PIN').fill(SECRET);
      await accounts.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await expect(accounts.getByRole('status')).toHaveText(`Đã tạo tài khoản: ${code}`);
    }
    await page.locator('.accounts').scrollIntoViewIfNeeded();
    await shot(page, 'settings-accounts');

    // A reload signs out: nothing of the counter shows until someone signs in.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toHaveCount(0);
    await page.getByLabel('Mã giao dịch viên').fill('lan');
    await page.getByLabel('Mật khẩu hoặc mã PIN').fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu hoặc mã PIN').press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Sai mã giao dịch viên hoặc mật khẩu.');
    await shot(page, 'sign-in-wrong');
    await signInAs(page, 'lan', SECRET);
    await expect(page.getByRole('contentinfo')).toContainText('Trần Thị Lan');
    await expect(page.getByRole('navigation').getByRole('button', { name: 'Khoá quầy' })).toBeVisible();

    // A clerk's settings: read, not changed, as the core would refuse them anyway.
    await page.keyboard.press('F9');
    await expect(page.getByText('Chỉ quản trị thay đổi được các cài đặt này.')).toBeVisible();
    await expect(page.getByLabel('Mã quầy')).toBeDisabled();
    await expect(page.getByLabel('Tên bưu cục')).toBeDisabled();
    await expect(settingsSection(page, 'Bưu cục')).toContainText('Áp dụng cho mọi quầy của bưu cục.');
    await expect(page.getByRole('button', { name: 'Lưu', exact: true })).toHaveCount(0);
    await shot(page, 'settings-clerk');

    // Half-typed intake, then Ctrl+L: the lock covers it; another clerk cannot unlock.
    await page.keyboard.press('F2');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.keyboard.press('Control+l');
    await expect(page.getByRole('heading', { name: 'Quầy đang khoá' })).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText('Trần Thị Lan (lan)');
    await shot(page, 'locked');
    await page.getByLabel('Mã giao dịch viên').fill('hoa');
    await page.getByLabel('Mật khẩu hoặc mã PIN').fill(SECRET);
    await page.getByRole('button', { name: 'Mở khoá' }).click();
    await expect(page.getByRole('alert')).toContainText('Chỉ Trần Thị Lan hoặc kiểm soát viên mở khoá được');
    await page.getByLabel('Mã giao dịch viên').fill('lan');
    await page.getByLabel('Mật khẩu hoặc mã PIN').fill(SECRET);
    await page.getByRole('button', { name: 'Mở khoá' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByLabel('Số điện thoại')).toHaveValue('0912345678');

    // Switching clerk from the lock: the next clerk starts with an empty form.
    await page.getByRole('button', { name: 'Khoá quầy' }).click();
    await page.getByRole('button', { name: 'Đổi giao dịch viên' }).click();
    await signInAs(page, 'hoa', SECRET);
    await expect(page.getByLabel('Số điện thoại')).toHaveValue('');
  } finally {
    app.process.kill('SIGTERM');
  }
});

test('a scan while the counter is locked fills nothing behind the lock', async ({ page, app }) => {
  await openApp(page, app.url);
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Quầy đang khoá' })).toBeVisible();
  await page.getByLabel('Mật khẩu hoặc mã PIN').focus();
  await scanByKeyboard(page, '079305000123||TRAN THI ANH|01012005|Nu|PHUONG BEN THANH, TP HO CHI MINH|20052022', 'Tab');
  await page.getByLabel('Mật khẩu hoặc mã PIN').fill(ADMIN.secret);
  await page.getByRole('button', { name: 'Mở khoá' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');
});

test('the counter locks itself after the idle time the administrator set', async ({ page, app }) => {
  await app.client.settings.update({ security: { idleLockMinutes: 1 } });
  await page.clock.install();
  await openApp(page, app.url);
  await page.clock.fastForward('00:50');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.clock.fastForward('00:20');
  await expect(page.getByRole('heading', { name: 'Quầy đang khoá' })).toBeVisible();
});
