import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { skipWithout } from './prerequisites.js';
import { startServeProcess, type ServeProcess } from './serve-process.js';
import { ADMIN } from './core-harness.js';
import { signInAs } from './sign-in.js';

export type App = ServeProcess;

/** Starts browser mode on a free port with a data folder of its own. */
export const startBrowserMode = (dataDir?: string): Promise<App> => startServeProcess(dataDir);

export const test = base.extend<{ app: App }>({
  app: async ({}, use) => {
    const app = await startBrowserMode();
    await use(app);
    app.process.kill('SIGTERM');
  },
});
export { expect };

/** Called at the top of a spec file: without a browser its tests are skipped, saying how to get one (not on CI). */
export function skipWithoutBrowser(): void {
  const reason = skipWithout('chromium');
  test.skip(reason !== false, reason || undefined);
}

/** Opens the app, signs in as the administrator the harness made, and waits for the status bar to name them. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret);
}

/** A Settings section, found by its heading: each has its own "Lưu", which saves that section only. */
export const settingsSection = (page: Page, name: string) => page.getByRole('form', { name, exact: true });

/** Screenshots for a person to look at: written only when SCREENSHOT_DIR is set. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env['SCREENSHOT_DIR'];
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * A keyboard-wedge scanner's burst, dispatched inside the page in one go so a loaded test
 * machine cannot stretch the gaps between keys: US-layout physical keys with Shift where a
 * scanner presses it, then the terminator. (Real CDP typing is used where the test needs the
 * keys to reach a field.)
 */
export async function scanByKeyboard(page: Page, text: string, terminator: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  await page.evaluate(
    ({ text, terminator }) => {
      const shifted: Record<string, string> = { '|': 'Backslash', '_': 'Minus', ':': 'Semicolon' };
      const plain: Record<string, string> = { '-': 'Minus', '.': 'Period', '/': 'Slash', ' ': 'Space', ',': 'Comma', '\\': 'Backslash' };
      const target = document.activeElement ?? document.body;
      const press = (key: string, code: string, shiftKey: boolean) => {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, code, shiftKey, bubbles: true, cancelable: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', { key, code, shiftKey, bubbles: true, cancelable: true }));
      };
      for (const ch of text) {
        if (/[A-Z]/.test(ch)) press(ch, `Key${ch}`, true);
        else if (/[a-z]/.test(ch)) press(ch, `Key${ch.toUpperCase()}`, false);
        else if (/[0-9]/.test(ch)) press(ch, `Digit${ch}`, false);
        else if (shifted[ch]) press(ch, shifted[ch]!, true);
        else if (plain[ch]) press(ch, plain[ch]!, false);
        else throw new Error(`no US key for ${ch}`);
      }
      press(terminator, terminator, false);
    },
    { text, terminator },
  );
}
