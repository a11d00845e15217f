import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../core/config/settings-service.js';

/**
 * Settings in the data folder's settings.json, written atomically: by `conf` outside Electron,
 * by electron-store (built on `conf`, same file) in Electron.
 * A file that no longer parses is kept aside (never deleted) and defaults are used.
 */
export function fileSettingsStore(
  dataDir: string,
  open: () => KeyValueStore = () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'bcci-counter', clearInvalidConfig: false }),
): KeyValueStore {
  try {
    return open();
  } catch (error) {
    const file = join(dataDir, 'settings.json');
    if (!existsSync(file)) throw error;
    const aside = `${file}.broken-${Date.now()}`;
    renameSync(file, aside);
    console.warn(`[settings] settings.json could not be read; kept as ${aside}, using defaults`);
    return open();
  }
}
