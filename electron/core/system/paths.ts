import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The resources/ folder beside the project root, found by walking up from this file,
 * so the same code works from source, from dist/ and from inside the packaged archive.
 */
export function defaultResourcesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'calendar'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('resources/ folder not found');
}
