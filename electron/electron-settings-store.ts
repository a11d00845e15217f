import type { KeyValueStore } from './core/config/settings-service.js';
import { fileSettingsStore } from './hosting/file-settings-store.js';

/**
 * Settings through electron-store in the core process. Outside Electron's main process it has no
 * `app` to ask for userData, so it is given the folder itself (an absolute `cwd`). Imported only
 * when running inside Electron: `electron` cannot be loaded by plain Node.
 */
export async function electronSettingsStore(dataDir: string): Promise<KeyValueStore> {
  const { default: Store } = await import('electron-store');
  return fileSettingsStore(dataDir, () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings', clearInvalidConfig: false }));
}
