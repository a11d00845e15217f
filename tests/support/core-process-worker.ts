/**
 * The core process as the tests run it: a worker thread standing in for Electron's utility
 * process, with worker_threads' parentPort in place of `process.parentPort`. Everything past
 * this edge is the module the app runs (electron/hosting/core-process/serve-core.ts).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createCore } from '../../electron/core/core.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { sealedSecrets } from '../../electron/core/secrets/sealed-secrets.js';
import { serveCore } from '../../electron/hosting/core-process/serve-core.js';

const { dataDir } = workerData as { dataDir: string };
const code = await serveCore<MessagePort>(
  {
    // Electron hands ports beside the message; a worker's message carries them inside.
    onMessage: (listener) => parentPort!.on('message', (envelope: { message: unknown; ports: MessagePort[] }) => listener(envelope.message, envelope.ports)),
    post: (message) => parentPort!.postMessage(message),
  },
  async ({ dataKey }) => createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), host: 'electron', ...(dataKey ? sealedSecrets(dataDir, dataKey) : {}) }),
);
process.exit(code);
