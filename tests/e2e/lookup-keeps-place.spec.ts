import { expect, openApp as open, shot, skipWithoutBrowser, startBrowserMode } from '../support/browser-mode.js';
import { withGeneratedDossiers } from '../support/generated-dossiers.js';

skipWithoutBrowser();

/** Enough generated dossiers for four pages of the list (the core gives 50 at a time). */
const COUNT = 400;

const test = withGeneratedDossiers(COUNT, 120_000);

test('back from the 150th result shows the list where it was, with focus on the row that was opened', async ({ page, generated }) => {
  test.setTimeout(120_000);
  const app = await startBrowserMode(generated.dir);
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
      await expect(table).toHaveAttribute('aria-rowcount', String(last + 51));
    }
    // Up a few rows, so the row opened is not simply the list's last.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await expect(focused).toHaveAttribute('aria-rowindex', '148');
    const opened = (await focused.locator('td').nth(1).textContent())!;
    const scrolled = await list.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(3000);

    const back = page.getByRole('button', { name: /Quay lại/ });
    for (const leave of ['Escape', 'button'] as const) {
      await page.keyboard.press('Enter');
      await expect(page.getByText(opened).first()).toBeVisible();
      await expect(table).toHaveCount(0);
      // the detail arrives with focus on its back button
      await expect(back).toBeFocused();
      await page.keyboard.press(leave === 'Escape' ? 'Escape' : 'Enter');
      // The same row, in view and focused; the list at the same place and still four pages long.
      await expect(focused).toHaveAttribute('aria-rowindex', '148');
      await expect(focused.locator('td').nth(1)).toHaveText(opened);
      await expect(focused).toBeInViewport();
      expect(await list.evaluate((el) => el.scrollTop)).toBe(scrolled);
      await expect(table).toHaveAttribute('aria-rowcount', '201');
    }
    await shot(page, 'lookup-back-keeps-place');
    // The keys go on from there.
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('aria-rowindex', '149');

    // A dossier opened from the search box (Enter opens the first result) goes back to the box, text kept.
    const box = page.getByLabel('Tìm hồ sơ');
    await box.fill(opened);
    await expect(table).toHaveAttribute('aria-rowcount', '2');
    await box.press('Enter');
    await expect(back).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(box).toBeFocused();
    await expect(box).toHaveValue(opened);
  } finally {
    app.process.kill('SIGTERM');
  }
});
