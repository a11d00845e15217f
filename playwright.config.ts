import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/prerequisites.js';

/**
 * End-to-end tests drive browser mode in CHROMIUM_PATH, else Debian's Chromium, else
 * Playwright's own where `npx playwright install chromium` put it (never downloaded here).
 */
export default defineConfig({
  projects: [
    { name: 'browser-mode', testDir: 'tests/e2e' },
    { name: 'electron', testDir: 'tests/e2e-electron' },
  ],
  timeout: 60_000,
  workers: 1,
  // One retry on CI: the keyboard-wedge test types real keys against a 50 ms timing rule, and
  // CI machines are shared; a test that fails twice still fails.
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
  },
});
