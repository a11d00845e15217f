import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where counter data lives when no folder is given: the same folder Electron's
 * app.getPath('userData') names for this app, so both modes open one database.
 */
export function defaultDataDir(): string {
  if (process.env['BCCI_DATA_DIR']) return process.env['BCCI_DATA_DIR'];
  const home = homedir();
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'bcci-counter');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'bcci-counter');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'bcci-counter');
}
