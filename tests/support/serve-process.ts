import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDRESS_FILE } from '../../electron/hosting/open-browser.js';
import { clientFor, signInAdmin, tempDir, type Client } from './core-harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeProcess {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** what the process printed so far */
  output: () => string;
  /** the core's contract, called as the page calls it, signed in as ADMIN */
  client: Client;
}

/** Starts `electron/serve.ts` (browser mode) in its own process on a free port. */
export async function startServeProcess(
  dataDir = tempDir('bcci-serve-'),
  env: Record<string, string> = {},
  /** false leaves a new data folder without accounts, for the first-start screen */
  setUp = true,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/serve.ts', '--port', '0', '--data-dir', dataDir, '--no-open'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const m = /Open: (\S+)/.exec(output);
      if (!m) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(m[1]!);
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code}):\n${output}`));
    });
  });
  // Output to a pipe names the address without its token; the token is in the address file.
  const full = url.includes('#token=') ? url : readFileSync(join(dataDir, ADDRESS_FILE), 'utf8').trim();
  const { origin, hash } = new URL(full);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  return { url: full, dataDir, process: child, output: () => output, client: setUp ? await signInAdmin(clientFor(`${origin}/`, token)) : clientFor(`${origin}/`, token) };
}

/** Resolves with how the process ended. */
export const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
