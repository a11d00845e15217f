import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { makeS10 } from '../shared/ids/s10.js';
import { ScannerService, systemSerialDevices } from '../electron/core/devices/scanner/scanner-service.js';
import { ScannerSettingsSchema, type ScannerSettings } from '../shared/contract/index.js';
import { tempDir } from '../tests/support/core-harness.js';
import { openApp, startBrowserMode } from '../tests/support/browser-mode.js';
import { ptyPair } from '../tests/support/pty-pair.js';
import { chromiumLaunchOptions } from '../tests/support/prerequisites.js';
import { summarise, type Row } from './stats.js';

const now = () => performance.timeOrigin + performance.now();

const scannerSettings = (path: string): ScannerSettings => ScannerSettingsSchema.parse({ enabled: true, path, suffix: 'CR' });

/** Last byte written on the pty → the classified scan event in the core. */
async function toCore(n: number): Promise<Row> {
  const pair = await ptyPair(tempDir('bcci-bench-pty-'), 'core');
  const service = new ScannerService(systemSerialDevices, () => ({ serviceLetters: [], carriers: [] }), () => new Date());
  let resolve: (() => void) | null = null;
  service.events.subscribe('event', (e) => e.type === 'scan' && resolve?.());
  await service.apply(scannerSettings(pair.app));
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const arrived = new Promise<void>((r) => (resolve = r));
      const t0 = now();
      writeFileSync(pair.device, `${makeS10('EL', 10_000_000 + i)}\r`);
      await arrived;
      times.push((now() - t0) * 1000);
    }
  } finally {
    await service.close();
    await pair.kill();
  }
  return summarise('scan latency', 'pty → core scan event', times, 'serial, 14-byte frames');
}

/** Last byte written on the pty → the item number field filled in the page (browser mode). */
async function toField(n: number): Promise<Row> {
  const pair = await ptyPair(tempDir('bcci-bench-pty-'), 'page');
  const app = await startBrowserMode();
  const browser = await chromium.launch(chromiumLaunchOptions());
  const times: number[] = [];
  try {
    await app.client.settings.update({ scanner: scannerSettings(pair.app) });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openApp(page, app.url);
    await page.getByText('đã kết nối').waitFor();
    const field = page.getByLabel('Số hiệu bưu gửi');
    await field.waitFor();
    // The first scans warm up the page (JIT, first renders); they are not counted.
    const warmUp = 5;
    for (let i = 0; i < n + warmUp; i++) {
      const code = makeS10('EL', 20_000_000 + i);
      const filled = page.waitForFunction(
        (c) => {
          const el = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Số hiệu bưu gửi');
          const input = el && document.getElementById(el.htmlFor);
          return input instanceof HTMLInputElement && input.value === c ? performance.timeOrigin + performance.now() : false;
        },
        code,
        { polling: 1 },
      );
      const t0 = now();
      writeFileSync(pair.device, `${code}\r`);
      const t1 = (await (await filled).jsonValue()) as number;
      if (i >= warmUp) times.push((t1 - t0) * 1000);
    }
  } finally {
    await browser.close();
    app.process.kill('SIGTERM');
    await pair.kill();
  }
  return summarise('scan latency', 'pty → filled field in the page', times, 'browser mode, polled every 1 ms');
}

export async function benchScanLatency(): Promise<Row[]> {
  return [await toCore(200), await toField(100)];
}
