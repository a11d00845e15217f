import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether `npm run serve` may open the address itself: only for a person at a terminal.
 * Never on CI, when output goes to a pipe (tests, services), or with --no-open.
 */
export function shouldOpenBrowser(o: { noOpen: boolean; isTTY: boolean; env: NodeJS.ProcessEnv }): boolean {
  const ci = !!o.env['CI'] && o.env['CI'] !== 'false' && o.env['CI'] !== '0';
  return !o.noOpen && o.isTTY && !ci;
}

/** The desktop's own "open this address" command on each system. */
export function openerFor(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is built into cmd; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', `"${url}"`] };
  return { command: 'xdg-open', args: [url] };
}

/** Hands the address to the default browser; if that fails the printed address is still there. */
export function openInBrowser(url: string): void {
  const { command, args } = openerFor(process.platform, url);
  const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
  child.on('error', () => {});
  child.unref();
}

/** Name of the file in the data folder that holds this run's address with its token. */
export const ADDRESS_FILE = 'browser-mode-address.txt';

/** Writes the address for this user only (a file left by an earlier run is narrowed too). */
export function writeAddressFile(dataDir: string, address: string): string {
  const file = join(dataDir, ADDRESS_FILE);
  writeFileSync(file, `${address}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
