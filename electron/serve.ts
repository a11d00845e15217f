/**
 * Browser mode (`npm run serve`): hosts the counter core over HTTP on 127.0.0.1 with a
 * per-run token and serves the built renderer, and opens it in the default browser when a
 * person started it at a terminal. Options: --port N, --data-dir PATH, --no-open.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from './core/core.js';
import { createRouter } from './core/router.js';
import { isAppErrorData } from '../shared/contract/errors.js';
import { defaultDataDir } from './hosting/data-dir.js';
import { fileSettingsStore } from './hosting/file-settings-store.js';
import { startHttpHost } from './hosting/http-host.js';
import { openInBrowser, shouldOpenBrowser, writeAddressFile } from './hosting/open-browser.js';
import { installLastResort } from './hosting/last-resort.js';
import { installLogMasking } from './hosting/log-masking.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '5180' }, 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean', default: false } },
});
const dataDir = values['data-dir'] ?? defaultDataDir();
const staticDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

installLogMasking();
installLastResort();
try {
  const core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), appVersion: version });
  const token = randomBytes(24).toString('base64url');
  const host = await startHttpHost({ router: createRouter(core), token, staticDir, port: Number(values.port) });
  console.log(`BCCI Counter (browser mode) — data: ${dataDir}`);
  const address = `${host.url}#token=${token}`;
  const addressFile = writeAddressFile(dataDir, address);
  // Output that is not a terminal usually ends in a log file others can read: the token, which
  // opens the core to whoever holds it, then goes only to the file readable by this user.
  if (process.stdout.isTTY) console.log(`Open: ${address}`);
  else console.log(`Open: ${host.url} — địa chỉ kèm mã phiên / address with its token: ${addressFile}`);
  if (shouldOpenBrowser({ noOpen: values['no-open'], isTTY: !!process.stdout.isTTY, env: process.env })) openInBrowser(address);
  const stop = () => {
    void host
      .close()
      .then(() => core.close())
      .then(() => rmSync(addressFile, { force: true }))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const data = (error as { data?: unknown }).data;
  if (isAppErrorData(data)) {
    console.error(`Không khởi động được: ${data.vi}\nCannot start: ${data.en}\n(${data.code}; ${dataDir})`);
  } else {
    console.error('Không khởi động được / Cannot start:', error);
  }
  process.exit(1);
}
