import { expect, openApp as open, settingsSection, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

test('each Settings section saves only itself and says so; office-wide ones say they apply to every counter', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  const office = settingsSection(page, 'Bưu cục');
  const devices = settingsSection(page, 'Quầy và thiết bị');
  const items = settingsSection(page, 'Ký hiệu bưu gửi S10');
  const handover = settingsSection(page, 'Bàn giao');
  for (const section of [office, items, handover]) await expect(section).toContainText('Áp dụng cho mọi quầy của bưu cục.');
  await expect(devices).toContainText('Chỉ áp dụng cho quầy này.');
  await expect(items).toContainText('Dải số dưới đây là của quầy Q01');

  // Typed in two sections, saved in one: only that one reaches the core.
  await devices.getByLabel('Mã quầy').fill('Q09');
  await office.getByLabel('Tên bưu cục').fill('Bưu cục Hoàn Kiếm');
  await office.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(office.getByRole('status')).toHaveText('Đã lưu mục “Bưu cục”.');
  await expect(page.getByText(/^Đã lưu mục/)).toHaveCount(1);
  await shot(page, 'settings-office-saved');
  let saved = await app.client.settings.get();
  expect(saved.office.name).toBe('Bưu cục Hoàn Kiếm');
  expect(saved.counter.code).toBe('Q01');
  // The other section still holds what was typed in it, and saves it with its own button.
  await expect(devices.getByLabel('Mã quầy')).toHaveValue('Q09');
  await devices.getByRole('button', { name: 'Lưu', exact: true }).click();
  // (the scanner's state is a status of this section too)
  await expect(devices.getByRole('status').filter({ hasText: /^Đã lưu mục/ })).toHaveText('Đã lưu mục “Quầy và thiết bị”.');
  saved = await app.client.settings.get();
  expect(saved.counter.code).toBe('Q09');
  expect(saved.office.name).toBe('Bưu cục Hoàn Kiếm');

  // A refusal is said in the section that was saved, in words.
  await items.getByLabel('Số đầu').fill('30000000');
  await items.getByLabel('Số cuối').fill('20000000');
  await items.scrollIntoViewIfNeeded();
  await items.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(items.getByRole('status')).toHaveText('Dải số hiệu bưu gửi không hợp lệ: số đầu lớn hơn số cuối.');
  await shot(page, 'settings-s10-refused');
  // A field the core refuses is named by the label the clerk sees above it, not as "the data sent".
  await items.getByLabel('Mã dịch vụ (2 chữ)').fill('E1');
  await items.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(items.getByRole('status')).toHaveText('Dữ liệu không hợp lệ — Mã dịch vụ (2 chữ): không đúng định dạng. Kiểm tra lại các trường đã nhập.');
  await shot(page, 'settings-s10-field-named');
  await handover.scrollIntoViewIfNeeded();
  await shot(page, 'settings-handover');
  await settingsSection(page, 'Máy chủ dữ liệu bưu cục').scrollIntoViewIfNeeded();
  await shot(page, 'settings-office-server');
  expect((await app.client.settings.get()).s10.first).toBe(10_000_000);
});

test('an empty list in Settings says it is empty and how to add, in the clerk’s language, instead of headers over nothing', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await open(page, app.url);
  await page.keyboard.press('F9');
  const items = settingsSection(page, 'Ký hiệu bưu gửi S10');
  const handover = settingsSection(page, 'Bàn giao');
  const devices = settingsSection(page, 'Quầy và thiết bị');
  // A new counter has no other carrier, no J+n rule and no scanner programming code.
  await expect(items).toContainText('Mã bưu gửi của hãng khác (ngoài chuẩn S10): Chưa có hãng nào: chỉ nhận số hiệu bưu gửi theo chuẩn S10. Bấm “Thêm hãng” để thêm.');
  await expect(items.getByRole('table')).toHaveCount(0);
  await expect(handover).toContainText('Chưa có quy tắc nào: mọi hồ sơ chuyển theo số ngày J+n ở trên. Bấm “Thêm quy tắc” để thêm.');
  await expect(handover.getByRole('table')).toHaveCount(0);
  await expect(devices).toContainText('Chưa có mã cài đặt nào. Bấm “Thêm mã cài đặt” để thêm.');
  await handover.scrollIntoViewIfNeeded();
  await shot(page, 'settings-empty-lists');

  // The first rule added shows the table and its row; removed again, the line comes back.
  await handover.getByRole('button', { name: 'Thêm quy tắc' }).click();
  await expect(handover.getByRole('table', { name: /^Quy tắc J\+n/ })).toBeVisible();
  await expect(handover.getByLabel('Số ngày 1')).toHaveValue('1');
  await expect(handover).not.toContainText('Chưa có quy tắc nào');
  await handover.getByRole('button', { name: 'Xoá', exact: true }).click();
  await expect(handover).toContainText('Chưa có quy tắc nào');

  // In English, the same lines in English.
  await page.getByRole('navigation').getByRole('button', { name: 'English' }).click();
  await expect(settingsSection(page, 'S10 item numbers')).toContainText('None yet: only S10 item numbers are taken. Press “Add a carrier” to add one.');
  await expect(settingsSection(page, 'Handover')).toContainText('None yet: every dossier goes within the J+n days above. Press “Add a rule” to add one.');
});
