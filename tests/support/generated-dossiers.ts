import { rmSync } from 'node:fs';
import { dossierDb } from '../../bench/dossier-db.js';
import { test } from './browser-mode.js';
import { tempDir } from './core-harness.js';

/**
 * The browser-mode test with `generated.dir`: a data folder holding `count` generated dossiers
 * (bench/dossier-db.ts), built once per worker and served as the app's own.
 */
export function withGeneratedDossiers(count: number, timeout: number) {
  return test.extend<object, { generated: { dir: string } }>({
    generated: [
      async ({}, use) => {
        const dir = tempDir('bcci-generated-');
        const built = await dossierDb(dir, count);
        await built.data.destroy();
        await use({ dir });
        rmSync(dir, { recursive: true, force: true });
      },
      { scope: 'worker', timeout },
    ],
  });
}
