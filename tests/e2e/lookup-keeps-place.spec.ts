import { rmSync } from 'node:fs';
import { dossierDb } from '../../bench/dossier-db.js';
import { expect, openApp as open, shot, skipWithoutBrowser, startBrowserMode, test as base } from '../support/browser-mode.js';
import { tempDir } from '../support/core-harness.js';

skipWithoutBrowser();

/** Enough generated dossiers for four pages of the list (the core gives 50 at a time). */
const COUNT = 400;

const test = base.extend<object, { long: { dir: string } }>({
  long: [
    async ({}, use) => {
      const dir = tempDir('bcci-long-');
      const built = await dossierDb(dir, COUNT);
      await built.data.destroy();
      await use({ dir });
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test('back from the 150th result shows the list where it was, with focus on the row that was opened', async ({ page, long }) => {
  test.setTimeout(120_000);
  const app = await startBrowserMode(long.dir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await open(page, app.url);
    await page.keyboard.press('F5');
    const table = page.getByRole('table', { name: 'Kết quả tra cứu' });
    const focused = table.locator('tbody tr:focus');
    const list = page.locator('.windowed');
    await expect(table).toHaveAttribute('aria-rowcount', '51');
    // Down into the list; each End reaches the last row loaded and brings the next page.
    await page.keyboard.press('ArrowDown');
    for (const last of [50, 100, 150]) {
      await page.keyboard.press('End');
      await expect(focused).toHaveAttribute('aria-rowindex', String(last + 1));
    }
    await expect(table).toHaveAttribute('aria-rowcount', '201');
    // Up a few rows, so the row opened is not simply the list's last.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await expect(focused).toHaveAttribute('aria-rowindex', '148');
    const opened = (await focused.locator('td').nth(1).textContent())!;
    const scrolled = await list.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(3000);

    for (const leave of ['Escape', 'button'] as const) {
      await page.keyboard.press('Enter');
      await expect(page.getByText(opened).first()).toBeVisible();
      await expect(table).toHaveCount(0);
      if (leave === 'Escape') await page.keyboard.press('Escape');
      else await page.getByRole('button', { name: /Quay lại/ }).click();
      // The same row, in view and focused; the list at the same place and still four pages long.
      await expect(focused).toHaveAttribute('aria-rowindex', '148');
      await expect(focused.locator('td').nth(1)).toHaveText(opened);
      await expect(focused).toBeInViewport();
      expect(await list.evaluate((el) => el.scrollTop)).toBe(scrolled);
      await expect(table).toHaveAttribute('aria-rowcount', '201');
    }
    await shot(page, 'lookup-back-keeps-place');
    await page.screenshot({ path: 'test-results/lookup-back-keeps-place.png' });
    // The keys go on from there.
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('aria-rowindex', '149');
  } finally {
    app.process.kill('SIGTERM');
  }
});
