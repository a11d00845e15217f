import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-harness.js';
import { exitOf, startServeProcess } from '../support/serve-process.js';
import { ADDRESS_FILE } from '../../electron/hosting/open-browser.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

/**
 * `npm run serve` as a person starts it: at a terminal (a pty from `script`), with a desktop
 * whose `xdg-open` writes down the address it was given. Resolves with the printed address and
 * what the desktop was asked to open, a moment after the address was printed.
 */
async function serveAtTerminal(args: string[], env: Record<string, string> = {}) {
  const bin = tempDir('bcci-desktop-');
  const opened = join(bin, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const command = [process.execPath, '--import', 'tsx', 'electron/serve.ts', '--port', '0', '--data-dir', tempDir('bcci-serve-'), ...args].join(' ');
  const { CI: _ci, ...rest } = process.env;
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...rest, PATH: `${bin}:${process.env['PATH']}`, ...env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  stops.push(() => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
  });
  let output = '';
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open: (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const deadline = Date.now() + 3000;
  while (!existsSync(opened) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return { address, opened: existsSync(opened) ? readFileSync(opened, 'utf8') : null };
}

describe.skipIf(process.platform !== 'linux')('npm run serve at a terminal (Linux: script and xdg-open)', () => {
  it('opens the printed address, token included, in the default browser', async () => {
    const r = await serveAtTerminal([]);
    expect(r.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    expect(r.opened).toBe(r.address);
  });

  it('opens nothing with --no-open, or on CI', async () => {
    expect((await serveAtTerminal(['--no-open'])).opened).toBeNull();
    expect((await serveAtTerminal([], { CI: 'true' })).opened).toBeNull();
  });
});

describe('npm run serve with its output going to a log', () => {
  it('prints the address without the token, which only this user can read from the data folder', async () => {
    const serve = await startServeProcess(undefined, {}, false);
    stops.push(() => serve.process.kill('SIGTERM'));
    const token = new URLSearchParams(new URL(serve.url).hash.slice(1)).get('token')!;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(serve.output()).toContain('Open: http://127.0.0.1:');
    expect(serve.output()).not.toContain(token);
    const file = join(serve.dataDir, ADDRESS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(serve.url);
    // The address from the file opens the core: the session state answers without 401.
    expect((await serve.client.session.state()).needsSetup).toBe(true);
    serve.process.kill('SIGTERM');
    await exitOf(serve.process);
    expect(existsSync(file)).toBe(false);
  });
});
