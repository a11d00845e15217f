import { configureAgency, startSim } from '../support/agency.js';
import { sampleIntake } from '../support/core-harness.js';
import { pdfText } from '../support/read-back.js';
import { expect, openApp, scanByKeyboard, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import type { Client } from '../support/core-harness.js';

skipWithoutBrowser();

async function takeIn(client: Client, procedureCode: string): Promise<string> {
  const docs = (await client.catalog.get({ code: procedureCode })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
  return (await client.dossiers.intake(sampleIntake(1, { procedureCode, documents: docs, feeReason: 'Theo biểu phí của thủ tục' }))).itemNumber!;
}

test('F4 groups accepted dossiers by agency, builds a batch by scanning with a refusal in words, closes it, saves the handover record, uploads it and shows the agency’s dossier code', async ({ page, app }) => {
  // The agency answers slowly, so the status bar is seen counting the batch while it goes up;
  // it receives every dossier at once, with its own dossier code.
  const sim = await startSim({ schedule: { receiveAfterMs: 0, decideAfterMs: 3600_000, resultAfterMs: 7200_000, refuseShare: 0, supplementShare: 0 } });
  test.info().attach('agency simulator', { body: sim.url });
  await configureAgency(app.client, sim);
  sim.faults.add({ fault: { kind: 'latency', ms: 4000 }, method: 'POST', path: '/v1/batches' });
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
  // Empty, the batch says how to fill it rather than showing headers over nothing.
  await expect(panel).toContainText('Lô chưa có hồ sơ nào: quét mã trên phong bì, hoặc gõ số hiệu bưu gửi ở trên rồi nhấn Enter.');
  await expect(panel.getByRole('table')).toHaveCount(0);

  await scanByKeyboard(page, first);
  await expect(panel.getByRole('row').filter({ hasText: first })).toBeVisible();
  await expect(panel).not.toContainText('Lô chưa có hồ sơ nào');
  await scanByKeyboard(page, second);
  await expect(panel.getByRole('row').filter({ hasText: second })).toBeVisible();

  // Another agency's envelope is refused, with the reason.
  await scanByKeyboard(page, elsewhere);
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

  // Closed, the batch goes up by itself; the status bar counts it within two seconds, in amber.
  const uploads = page.getByRole('contentinfo').getByRole('button', { name: /Gửi lô/ });
  await expect(uploads).toContainText('1 chờ gửi', { timeout: 2000 });
  await expect(uploads).toHaveClass(/state-waiting/);
  await shot(page, 'handover-closed');
  await expect(uploads).toContainText('Gửi lô: có kết nối', { timeout: 15_000 });
  // The open panel is read when opened: the clerk opens the batch again to see its receipt.
  const { id: batchId, number } = (await app.client.batches.unfinished())[0]!;
  await page.keyboard.press('F5');
  await page.keyboard.press('F4');
  await page.getByRole('button', { name: number }).click();
  await expect(page.getByLabel('Gửi lên máy chủ')).toContainText('Đã gửi');

  // The agency's officer signs; its decision comes back by itself and names its dossier code.
  await app.client.batches.recordHandover({ batchId, signedAt: new Date().toISOString(), officerName: 'Phạm Thị Nhận' });
  await page.keyboard.press('F5');
  const timeline = page.locator('ol.timeline');
  // The clerk looks the dossier up again until the agency's answer is on it.
  await expect(async () => {
    await page.getByLabel('Tìm hồ sơ').fill(first);
    await page.keyboard.press('Enter');
    await expect(timeline).toContainText('Cơ quan tiếp nhận', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(timeline).toContainText(/Mã hồ sơ: \S+/);
  await timeline.scrollIntoViewIfNeeded();
  await shot(page, 'handover-agency-code');
  await sim.close();
});

test('F4 with no batch open says so in words and what to do, instead of a blank area', async ({ page, app }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app.url);
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Lô chưa bàn giao' })).toBeVisible();
  await expect(page.getByText('Không có lô nào chưa bàn giao. Bấm "Tạo lô"')).toBeVisible();
  // Nothing waits either: the line says so, with no empty table under it showing only its header.
  await expect(page.getByText('Không có hồ sơ nào chờ bàn giao.')).toBeVisible();
  await expect(page.locator('.handover').getByRole('columnheader', { name: 'Cơ quan giải quyết' })).toHaveCount(0);
  await shot(page, 'handover-no-open-batch');
});
