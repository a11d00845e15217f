import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../core/config/settings-service.js';

/**
 * Settings outside Electron: `conf` writes settings.json in the data folder atomically.
 * A file that no longer parses is kept aside (never deleted) and defaults are used.
 */
export function fileSettingsStore(dataDir: string): KeyValueStore {
  const open = () =>
    new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'bcci-counter', clearInvalidConfig: false });
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
