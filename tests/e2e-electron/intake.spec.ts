import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { lockDataDir } from '../../electron/core/db/instance-lock.js';
import { tempDir } from '../support/core-harness.js';
import { setUpAdmin } from '../support/sign-in.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Electron binary, if this machine has one. Requiring the `electron` package would
 * try to download it, so read the path the package records after a real install.
 */
function electronBinary(): string | null {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_REASON = 'Electron binary absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); browser mode covers the same flow';
if (!binary) console.log(`[e2e-electron] skipped: ${SKIP_REASON}`);

test.skip(!binary, SKIP_REASON);

test('the Electron window takes in a dossier over the MessagePort', async () => {
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  const userData = tempDir('bcci-electron-');
  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT, `--user-data-dir=${userData}`],
    cwd: ROOT,
  });
  const page = await app.firstWindow();
  await setUpAdmin(page);
  await page.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText('001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021');
  await page.keyboard.press('Enter');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Thủ tục hành chính').fill('cap doi gplx');
  await page.getByLabel('Thủ tục hành chính').press('Enter');
  for (const name of ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy phép lái xe đang sử dụng', 'Giấy khám sức khỏe của người lái xe']) {
    await page.getByRole('checkbox', { name }).check();
  }
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  // The page has no Node and no Electron API: only the port crosses.
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  // The core holds the data folder from its own process, not from main (decision 0030).
  const holder = JSON.parse(readFileSync(join(userData, 'instance.json'), 'utf8')) as { pid: number; mode: string };
  expect(holder.mode).toBe('electron');
  expect(holder.pid).not.toBe(await app.evaluate(() => process.pid));
  await app.close();
  // Quitting stopped the core: the folder is free and the database was closed cleanly.
  lockDataDir(userData, 'browser', new Date()).release();
  expect(existsSync(join(userData, 'counter.sqlite-wal'))).toBe(false);
});
