import { PrinterSettingsSchema } from '../../shared/contract/index.js';
import { closedPort } from '../support/fake-printer.js';
import { sampleIntake } from '../support/core-harness.js';
import { expect, openApp as open, shot, test } from '../support/browser-mode.js';

test('the print queue names dossiers by register and item number, holds the rest of a failed dossier, and lets a failed test page go', async ({ page, app }) => {
  const port = await closedPort();
  await app.client.settings.update({ printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port }) });
  const r = await app.client.dossiers.intake(sampleIntake((await app.client.catalog.status()).version!));
  const testPage = await app.client.printing.testPage();
  await expect.poll(async () => (await app.client.printing.openJobs()).map((j) => j.state)).toEqual(['failed', 'held', 'held', 'failed']);

  await open(page, app.url);
  await expect(page.getByRole('contentinfo')).toContainText('4');
  await page.keyboard.press('F9');
  const queue = page.getByRole('table', { name: 'Lệnh in' }).last();
  await queue.scrollIntoViewIfNeeded();
  await expect(queue.getByText(`${r.registerNo} · ${r.itemNumber}`)).toHaveCount(3);
  await expect(queue.getByText('Chờ giao dịch viên')).toHaveCount(2);
  await expect(queue.getByText('Lỗi — chưa in')).toHaveCount(2);
  await shot(page, 'print-queue');

  // The failed test page is let go; the dossier's documents stay until printed.
  const testRow = queue.getByRole('row').filter({ hasText: 'Trang in thử' });
  await testRow.getByRole('button', { name: 'Bỏ qua' }).click();
  await expect(testRow).toHaveCount(0);
  await expect.poll(async () => (await app.client.printing.openJobs()).some((j) => j.id === testPage.id)).toBe(false);
  await expect(queue.getByRole('button', { name: 'Bỏ qua' })).toHaveCount(0);
});
