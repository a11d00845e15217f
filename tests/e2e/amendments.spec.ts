import { expect, openApp, shot, skipWithoutBrowser, test, type App } from '../support/browser-mode.js';
import { clientFor, sampleIntake, SECRET } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';

skipWithoutBrowser();

/** A clerk's own connection to the same counter, signed in as they would be. */
async function clerkClient(app: App, code: string, name: string) {
  await app.client.accounts.create({ clerkCode: code, clerkName: name, role: 'clerk', secret: SECRET });
  const { origin, hash } = new URL(app.url);
  const client = clientFor(`${origin}/`, new URLSearchParams(hash.slice(1)).get('token') ?? '');
  await client.session.signIn({ clerkCode: code, secret: SECRET });
  return client;
}

test('a supervisor corrects and voids a dossier from Lookup, each with a reason; the day close shows both and closes for the clerk', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const clerk = await clerkClient(app, 'gdv02', 'Lê Thị Hoa');
  await clerk.dossiers.intake(sampleIntake(1));

  await openApp(page, app.url);
  await page.keyboard.press('F5');
  await page.getByLabel('Tìm hồ sơ').fill('nguyen van');
  await page.getByRole('table', { name: 'Kết quả tra cứu' }).locator('tbody tr').first().click();

  // Sửa thông tin: the reason is asked for before anything is sent.
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  const form = page.getByRole('form', { name: 'Sửa thông tin' });
  await form.getByLabel('Họ và tên').fill('Nguyễn Văn Được');
  await form.getByLabel('Số điện thoại').fill('0987654321');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Nhập lý do trước khi xác nhận.')).toBeVisible();
  await form.getByLabel('Lý do').fill('Người gửi báo sai chính tả tên và số điện thoại');
  await shot(page, 'lookup-correct');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu thông tin đã sửa.' })).toBeVisible();
  const timeline = page.locator('ol.timeline');
  await expect(timeline).toContainText('Sửa thông tin hồ sơ');
  await expect(timeline).toContainText('Họ và tên: Nguyễn Văn Đức → Nguyễn Văn Được');
  await expect(timeline).toContainText('Số điện thoại: 0912345678 → 0987654321');
  await expect(page.locator('dl.facts')).toContainText('Nguyễn Văn Được');

  // Huỷ hồ sơ: the money to refund is named; Esc keeps the dossier; the reason is required.
  await page.getByRole('button', { name: 'Huỷ hồ sơ' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Huỷ hồ sơ' });
  await expect(confirm).toContainText('160.000 ₫');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading').filter({ hasText: 'Đã tiếp nhận' })).toBeVisible();
  await page.getByRole('button', { name: 'Huỷ hồ sơ' }).click();
  await confirm.getByRole('button', { name: 'Xác nhận huỷ hồ sơ' }).click();
  await expect(confirm.getByText('Nhập lý do trước khi xác nhận.')).toBeVisible();
  await confirm.getByLabel('Lý do').fill('Nhận nhầm thủ tục');
  await shot(page, 'lookup-void-confirm');
  await confirm.getByRole('button', { name: 'Xác nhận huỷ hồ sơ' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã huỷ hồ sơ.' })).toBeVisible();
  await expect(page.getByRole('heading').filter({ hasText: 'Đã huỷ do tiếp nhận nhầm' })).toBeVisible();
  await expect(timeline).toContainText('Nhận nhầm thủ tục');
  await expect(page.getByRole('button', { name: 'Huỷ hồ sơ' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sửa thông tin' })).toHaveCount(0);
  await shot(page, 'lookup-voided');

  // F6: the supervisor sees the clerk has not closed, and closes for them with the cash counted.
  await page.keyboard.press('F6');
  const counters = page.getByRole('table', { name: 'Chốt ngày các quầy' });
  const row = counters.getByRole('row', { name: /gdv02/ });
  await expect(row).toContainText('Chưa chốt');
  await expect(row).toContainText('0 ₫'); // 160.000 taken, 160.000 owed back
  const closeFor = page.getByRole('form', { name: 'Chốt thay' });
  await expect(closeFor.getByLabel('Giao dịch viên chưa chốt')).toContainText('Lê Thị Hoa (gdv02)');
  await closeFor.getByLabel('Tiền mặt giao dịch viên đã đếm').fill('0');
  await closeFor.getByRole('button', { name: 'Chốt thay' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã chốt ngày thay cho giao dịch viên.' })).toBeVisible();
  await expect(row).toContainText('Đã chốt');
  await expect(row).toContainText('Giao dịch viên demo');
  await expect(closeFor).toHaveCount(0);
  await shot(page, 'reports-counter-days');

  // The clerk's own Kết ca: the void and the correction, the refund, and who closed the day.
  await page.reload();
  await signInAs(page, 'gdv02', SECRET);
  await page.keyboard.press('F6');
  const figures = page.getByRole('table', { name: 'Số liệu trong ngày' });
  await expect(figures.getByRole('row', { name: /Hồ sơ huỷ: phải hoàn trả \(1 hồ sơ\)/ })).toContainText('-160.000 ₫');
  await expect(figures.getByRole('row', { name: /Tổng tiền phải thu/ })).toContainText('0 ₫');
  await expect(page.getByRole('list', { name: 'Huỷ và sửa trong ngày' })).toContainText(/Hồ sơ 000001\/\d{4} huỷ lúc/);
  await expect(page.getByRole('status').filter({ hasText: 'Đã chốt ngày lúc' })).toContainText('chốt thay bởi Giao dịch viên demo (gdv01)');
  // A clerk is shown neither the supervisor's close nor the void and correction buttons.
  await expect(page.getByRole('table', { name: 'Chốt ngày các quầy' })).toHaveCount(0);
  await shot(page, 'reports-day-close-clerk');
  await page.keyboard.press('F5');
  await page.getByLabel('Tìm hồ sơ').fill('nguyen van');
  await page.getByRole('table', { name: 'Kết quả tra cứu' }).locator('tbody tr').first().click();
  await expect(page.locator('ol.timeline')).toContainText('Huỷ hồ sơ');
  await expect(page.getByRole('button', { name: 'Sửa thông tin' })).toHaveCount(0);
});

test('in English the void and correction read in English', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.client.dossiers.intake(sampleIntake(1));
  await app.client.settings.update({ lang: 'en' });
  await page.goto(app.url);
  await signInAs(page, 'gdv01', 'mat-khau-quan-tri', 'en');
  await page.keyboard.press('F5');
  await page.getByLabel('Find a dossier').fill('nguyen van');
  await page.getByRole('table', { name: 'Results' }).locator('tbody tr').first().click();
  await page.getByRole('button', { name: 'Correct details' }).click();
  await expect(page.getByRole('form', { name: 'Correct details' })).toContainText('Only the sender’s contact details');
  await shot(page, 'lookup-correct-en');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Void the dossier' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Void the dossier' })).toContainText('Money to refund to the sender: 160.000 ₫');
  await shot(page, 'lookup-void-en');
});
