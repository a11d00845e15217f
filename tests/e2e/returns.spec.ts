import { expect, openApp, scanByKeyboard, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';
import { resultReadyAt, returnItem } from '../support/returns.js';

skipWithoutBrowser();

test('F3: a return item is received by scanning, an unknown one is set aside, the citizen is told, and the result handed over after the ID check', async ({ page, app }) => {
  const { dossierId } = await app.client.dossiers.intake(sampleIntake(1));
  await resultReadyAt(app.dataDir, dossierId, returnItem(7));

  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F3');
  await expect(page.getByRole('heading', { name: 'Trả kết quả', level: 1 })).toBeVisible();

  // F7: the bag from the agency. An item nobody expects is refused, with the reason, and listed.
  await page.keyboard.press('F7');
  await scanByKeyboard(page, returnItem(99));
  await expect(page.getByRole('status')).toContainText('Không có kết quả nào đang chờ');
  await expect(page.getByRole('row').filter({ hasText: returnItem(99) })).toBeVisible();
  await scanByKeyboard(page, returnItem(7));
  await expect(page.getByRole('status')).toContainText(`Kết quả tại bưu cục: ${returnItem(7)} · Nguyễn Văn Đức`);
  await shot(page, 'returns-receive');

  // F8: who to tell, and "đã báo".
  await page.keyboard.press('F8');
  const row = page.getByRole('row').filter({ hasText: returnItem(7) });
  await expect(row).toContainText('0912345678');
  await expect(row).toContainText('phút');
  await row.getByRole('button', { name: 'Đã báo' }).click();
  await expect(row.getByRole('button', { name: 'Đã báo' })).toHaveCount(0);
  await shot(page, 'returns-waiting');

  // The citizen comes: the return item is scanned, a card that is not theirs is refused.
  await scanByKeyboard(page, returnItem(7));
  const panel = page.getByRole('complementary', { name: 'Số hiệu bưu gửi kết quả' });
  await expect(panel.getByRole('heading')).toContainText(returnItem(7));
  const id = panel.getByLabel('Căn cước người nhận');
  await expect(id).toBeFocused();
  await id.fill('079185000123');
  await page.keyboard.press('Control+Enter');
  await expect(panel.getByRole('alert')).toContainText('không khớp với chủ hồ sơ');
  await expect(id).toBeFocused();
  await shot(page, 'returns-refused');

  // The owner's own number: handed over, the note printing.
  await id.fill('001090123456');
  await panel.getByLabel('Phí, lệ phí thu khi trả: Khoản thu').fill('Lệ phí cấp giấy phép');
  await panel.getByLabel('Số tiền').fill('75000');
  await id.focus();
  await page.keyboard.press('Control+Enter');
  await expect(panel.getByRole('status')).toContainText('Đã trả kết quả; phiếu giao kết quả đang in');
  await expect(panel).toContainText('Đã trả cho Nguyễn Văn Đức (001090123456)');
  await expect(panel).toContainText('75.000');
  await expect(page.getByRole('row').filter({ hasText: returnItem(7) })).toHaveCount(0);
  await shot(page, 'returns-delivered');

  const dossier = await app.client.dossiers.get({ id: dossierId });
  expect(dossier.status).toBe('delivered');
  expect((await app.client.printing.jobs({ dossierId })).map((j) => j.document)).toContain('delivery-note');
});

test("F3 address round: the day's list on screen and as a PDF; a return item scanned back opens its result and a failed attempt takes it off the list", async ({ page, app }) => {
  const { dossierId } = await app.client.dossiers.intake(sampleIntake(1, { returnMethod: 'to-address', deliveryAddress: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội' }));
  await resultReadyAt(app.dataDir, dossierId, returnItem(8));
  await app.client.returns.receive({ code: returnItem(8) });

  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F3');
  await page.getByRole('tab', { name: 'Phát tại địa chỉ' }).click();
  const row = page.getByRole('row').filter({ hasText: returnItem(8) });
  await expect(row).toContainText('Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội');
  await expect(page.getByRole('heading', { name: 'Kết quả đang đi phát (1)' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'In danh sách phát (PDF)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^danh-sach-phat-\d{4}-\d{2}-\d{2}\.pdf$/);
  await shot(page, 'returns-round');

  // The postman is back: the item scanned, the reason typed, and it leaves the day's list.
  await scanByKeyboard(page, returnItem(8));
  const panel = page.getByRole('complementary', { name: 'Số hiệu bưu gửi kết quả' });
  await panel.getByLabel('Lý do phát không thành công').fill('Không có người nhận tại địa chỉ');
  await panel.getByRole('button', { name: 'Phát không thành công' }).click();
  await expect(panel).toContainText('Phát lại từ ngày');
  await expect(row).toHaveCount(0);
  await shot(page, 'returns-round-failed');
});
