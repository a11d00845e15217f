import { expect, openApp as open, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { ADMIN, sampleIntake } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';

skipWithoutBrowser();

test('back from a dossier finds the same search and its whole list', async ({ page, app }) => {
  const base = sampleIntake(1).sender;
  for (let i = 0; i < 40; i++) {
    await app.client.dossiers.intake(sampleIntake(1, { sender: { ...base, fullName: `Trần Văn Số ${i + 1}` } }));
  }
  await open(page, app.url);
  await page.keyboard.press('F5');
  const box = page.getByLabel('Tìm hồ sơ');
  await box.fill('tran van so');
  const table = page.getByRole('table', { name: 'Kết quả tra cứu' });
  await expect(table).toHaveAttribute('aria-rowcount', '41');
  // Down into the list, to its last row (the oldest, far below the fold), and open it.
  await box.press('ArrowDown');
  await page.keyboard.press('End');
  await expect(page.locator('tbody tr:focus')).toContainText('Trần Văn Số 1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Cấp đổi giấy phép lái xe/ })).toBeVisible();
  // The detail stands alone: the list is not shown under it.
  await expect(table).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('tran van so');
  await expect(table).toHaveAttribute('aria-rowcount', '41');
});

test("a counter in English names the receipt's copies in English; the paper stays Vietnamese", async ({ page, app }) => {
  await app.client.settings.update({ lang: 'en' });
  const taken = await app.client.dossiers.intake(sampleIntake(1));
  await page.goto(app.url);
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await page.keyboard.press('F5');
  await page.getByLabel('Find a dossier').fill(taken.itemNumber!);
  const row = page.getByRole('table', { name: 'Results' }).locator('tbody tr[data-index]').first();
  await expect(row).toContainText(taken.itemNumber!);
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Copy 1: kept by the sender')).toBeVisible();
  await expect(page.getByText('Copy 2: filed with the dossier')).toBeVisible();
  await expect(page.getByText(/Liên [12]/)).toHaveCount(0);
  const jobs = await app.client.printing.jobs({ dossierId: taken.dossierId });
  expect(jobs.map((j) => j.copyLabel).filter(Boolean)).toEqual(['Liên 1: người gửi giữ', 'Liên 2: lưu cùng hồ sơ']);
});
