import { sampleIntake } from '../support/core-harness.js';
import { pdfText } from '../support/read-back.js';
import { expect, openApp, scanByKeyboard, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import type { Client } from '../support/core-harness.js';

skipWithoutBrowser();

async function takeIn(client: Client, procedureCode: string): Promise<string> {
  const docs = (await client.catalog.get({ code: procedureCode })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
  return (await client.dossiers.intake(sampleIntake(1, { procedureCode, documents: docs, feeReason: 'Theo biểu phí của thủ tục' }))).itemNumber!;
}

test('F4 groups accepted dossiers by agency, builds a batch by scanning with a refusal in words, closes it and saves the handover record', async ({ page, app }) => {
  const first = await takeIn(app.client, '1.002804');
  const second = await takeIn(app.client, '1.002809');
  const elsewhere = await takeIn(app.client, '2.000488');

  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Bàn giao', exact: true })).toBeVisible();
  const building = page.getByRole('row').filter({ hasText: 'Sở Xây dựng' });
  await expect(building).toContainText('2');
  await expect(page.getByRole('row').filter({ hasText: 'Sở Tư pháp' })).toContainText('1');

  await building.getByRole('button', { name: 'Tạo lô' }).click();
  const panel = page.getByLabel('Lô', { exact: true });
  await expect(panel.getByRole('heading')).toContainText(/Lô \d+-Q01-\d{6}-01/);

  await scanByKeyboard(page, first);
  await expect(panel.getByRole('row').filter({ hasText: first })).toBeVisible();
  await panel.getByLabel('Số hiệu bưu gửi').fill(second);
  await panel.getByLabel('Số hiệu bưu gửi').press('Enter');
  await expect(panel.getByRole('row').filter({ hasText: second })).toBeVisible();

  // Another agency's envelope is refused, with the reason.
  await panel.getByLabel('Số hiệu bưu gửi').fill(elsewhere);
  await panel.getByLabel('Số hiệu bưu gửi').press('Enter');
  await expect(panel.getByRole('status')).toContainText('Sở Tư pháp');
  await expect(panel.getByRole('row').filter({ hasText: elsewhere })).toHaveCount(0);
  await shot(page, 'handover-building');

  await panel.getByRole('button', { name: 'Đóng lô' }).click();
  await expect(panel).toContainText('Đã đóng, chờ bàn giao');
  const [pdf] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'In biên bản giao nhận' }).click()]);
  const text = await pdfText(Buffer.from(await (await pdf.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[]))));
  expect(text).toContain('BIÊN BẢN GIAO NHẬN HỒ SƠ');
  expect(text).toContain(first);
  expect(text).toContain(second);
  await shot(page, 'handover-closed');
});
