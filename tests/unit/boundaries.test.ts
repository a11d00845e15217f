import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx|cts|mts)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('module boundaries', () => {
  it('the core and shared code never import electron (they run in plain Node)', () => {
    const offenders = [...sources('electron/core'), ...sources('electron/hosting'), ...sources('shared')].filter((f) =>
      importsOf(f).some((i) => i === 'electron' || i.startsWith('electron/')),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches the core only through the contract in shared/', () => {
    const offenders = sources('renderer/src').filter((f) =>
      importsOf(f).some((i) => i.includes('/electron/') || i.startsWith('node:') || i === 'better-sqlite3'),
    );
    expect(offenders.map((f) => relative(root, join(root, f)))).toEqual([]);
  });
});
