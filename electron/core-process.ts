/**
 * Entry of the core process, started by Electron main with utilityProcess.fork (decision 0030).
 * Only this file touches Electron's `process.parentPort`; what it does is
 * hosting/core-process/serve-core.ts, which the tests drive without Electron.
 */
import type { MessagePortMain, ParentPort } from 'electron';
import { parseArgs } from 'node:util';
import { createCore } from './core/core.js';
import { fileSettingsStore } from './hosting/file-settings-store.js';
import { electronSettingsStore } from './electron-settings-store.js';
import { sealedSecrets } from './core/secrets/sealed-secrets.js';
import { serveCore } from './hosting/core-process/serve-core.js';
import { installLastResort } from './hosting/last-resort.js';
import { installLogMasking } from './hosting/log-masking.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'app-version': { type: 'string' } } });
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('the core process needs --data-dir');
const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;

installLogMasking();
installLastResort();
const code = await serveCore<MessagePortMain>(
  {
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data, event.ports)),
    post: (message) => parentPort.postMessage(message),
  },
  // settings.json in userData through electron-store; the tests run this entry in plain Node,
  // where the same file is read with `conf`.
  async ({ dataKey }) =>
    createCore({
      dataDir,
      settingsStore: process.versions['electron'] ? await electronSettingsStore(dataDir) : fileSettingsStore(dataDir),
      host: 'electron',
      appVersion: values['app-version'],
      // Tokens, the audit key and the office password sealed with main's data key (decision 0050).
      ...(dataKey ? sealedSecrets(dataDir, dataKey) : {}),
    }),
);
process.exit(code);
