import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a confirmed restore waits for the next start; its counter.sqlite is the marker. Apart
 * from restore.ts so that Electron main can ask, without loading the database driver, whether
 * a restart has a restore to apply (decision 0050).
 */
export const pendingDir = (dataDir: string) => join(dataDir, 'restore-pending');

export const restorePending = (dataDir: string) => existsSync(join(pendingDir(dataDir), 'counter.sqlite'));
