import { AxeBuilder } from '@axe-core/playwright';
import { expect, openApp as open, shot, skipWithoutBrowser, startBrowserMode } from '../support/browser-mode.js';
import { withGeneratedDossiers } from '../support/generated-dossiers.js';

skipWithoutBrowser();

const MATCHES = 100_000;
/** The core's page: what the screen asks for at a time. */
const PAGE = 50;
/** Pages walked through by keyboard. */
const PAGES = 12;

// The generated counter database is built once for the file (about half a minute) and served as the app's own.
const test = withGeneratedDossiers(MATCHES, 300_000);

test('with 100,000 matches the list draws a few dozen rows, takes pages from the core, and the keyboard walks it', async ({ page, generated }) => {
  test.setTimeout(300_000);
  const app = await startBrowserMode(generated.dir);
  try {
    // Every answer the core gives the list is one page, never the matches at large.
    const pages: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/rpc/dossiers/search')) void r.json().then((b: { json: { rows: unknown[] } }) => pages.push(b.json.rows.length));
    });
    await page.setViewportSize({ width: 1366, height: 768 });
    await open(page, app.url);
    await page.keyboard.press('F5');
    const box = page.getByLabel('Tìm hồ sơ');
    await expect(box).toBeFocused();
    const table = page.getByRole('table', { name: 'Kết quả tra cứu' });
    await expect(table).toHaveAttribute('aria-rowcount', String(PAGE + 1));
    const drawn = table.locator('tbody tr[data-index]');
    const focused = table.locator('tbody tr:focus');

    // Down from the search box into the list; End goes to the last row loaded, which asks for the next page.
    await page.keyboard.press('ArrowDown');
    await expect(focused).toHaveAttribute('aria-rowindex', '2');
    for (let loaded = PAGE; loaded < PAGES * PAGE; loaded += PAGE) {
      await page.keyboard.press('End');
      await expect(focused).toHaveAttribute('aria-rowindex', String(loaded + 1));
      await expect(table).toHaveAttribute('aria-rowcount', String(loaded + PAGE + 1));
    }
    const loaded = PAGES * PAGE;
    // Hundreds of rows loaded, a few dozen drawn.
    expect(await drawn.count()).toBeLessThanOrEqual(60);
    expect(pages.length).toBeGreaterThanOrEqual(PAGES);
    expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE + 1);

    await page.keyboard.press('End');
    await expect(focused).toHaveAttribute('aria-rowindex', String(loaded + 1));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(focused).toHaveAttribute('aria-rowindex', String(loaded - 1));
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-rowindex', '2');
    await page.keyboard.press('PageDown');
    const afterPageDown = Number(await focused.getAttribute('aria-rowindex'));
    expect(afterPageDown).toBeGreaterThan(5);
    expect(await drawn.count()).toBeLessThanOrEqual(60);
    await shot(page, 'lookup-100k');
    // The list as drawn (rows, spacers, the focused row) passes the accessibility check.
    const axe = await new AxeBuilder({ page }).include('.windowed').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // How long drawing the window takes after a jump to the middle of what is loaded (logged for the report).
    const jumpMs = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.windowed')!;
      const t0 = performance.now();
      scroller.scrollTop = scroller.scrollHeight / 2;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    });
    console.log(`100,000 matches: ${loaded} rows loaded, ${await drawn.count()} drawn; a jump to the middle drawn in ${jumpMs.toFixed(1)} ms`);
    expect(await drawn.count()).toBeLessThanOrEqual(60);

    // The focused row scrolled away with the jump: the list kept focus, and the keys still work.
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-rowindex', '2');
    // Enter opens the focused row: the dossier it names.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const registerNo = (await focused.locator('td').nth(1).innerText()).trim();
    await page.keyboard.press('Enter');
    await expect(page.locator('dl.facts')).toContainText(registerNo);
  } finally {
    app.process.kill('SIGTERM');
  }
});
