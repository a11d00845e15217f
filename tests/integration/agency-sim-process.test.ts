import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AgencyHttp } from '../../electron/core/agency/http-client.js';
import { uploadBatch } from '../../electron/core/agency/upload-batch.js';
import { tempDir } from '../support/core-harness.js';
import { batch, recordingClock } from '../support/agency.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm run agency-sim` as a process: resolves with what it printed once it says where it listens. */
function run(args: string[]): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/agency-sim/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (!/Token \(Bearer\)/.test(output)) return;
      clearInterval(poll);
      resolve({ child, output: () => output, exited });
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      if (!/Token \(Bearer\)/.test(output)) resolve({ child, output: () => output, exited: Promise.resolve(code) });
    });
    setTimeout(() => reject(new Error(`agency-sim did not start:\n${output}`)), 20_000);
  });
}

describe('npm run agency-sim', () => {
  it('prints the URL and token, takes faults over HTTP, and keeps its batches across a restart', async () => {
    const data = tempDir('bcci-agency-proc-');
    const first = await run(['--data', data, '--port', '0', '--refuse-share', '1']);
    expect(first.output()).toContain('"refuseShare":1');
    const url = /Agency simulator: (\S+)/.exec(first.output())![1]!;
    const token = /Token \(Bearer\): (\S+)/.exec(first.output())![1]!;
    const http = AgencyHttp.open({ url, token }, 5000) as AgencyHttp;
    const faults = await fetch(`${url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ rules: [{ fault: { kind: 'status', status: 429, retryAfter: 4 }, method: 'POST' }] }),
    });
    expect(faults.status).toBe(200);
    const clock = recordingClock();
    const b = batch('L-P1', 1, 3);
    const out = await uploadBatch(http, b, { clock });
    expect(out.state).toBe('delivered');
    expect(clock.sleeps).toEqual([4000]);
    http.close();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await run(['--data', data, '--port', '0']);
    const again = /Agency simulator: (\S+)/.exec(second.output())![1]!;
    const got = await fetch(`${again}/v1/batches/L-P1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { KetQua: unknown[] }).KetQua).toHaveLength(3);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('without a data folder, or with a schedule that is not a number, says so in both languages and exits', async () => {
    const r = await run([]);
    expect(await r.exited).toBe(2);
    expect(r.output()).toContain('Cần --data');
    expect(r.output()).toContain('--data <folder> is required');
    const bad = await run(['--data', tempDir('bcci-agency-proc-'), '--refuse-share', 'many']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--refuse-share phải là số không âm');
    expect(bad.output()).toContain('--refuse-share must be a number ≥ 0 (got "many")');
  });
});

describe('an uploading process killed at random moments', () => {
  it('restarted each time, it lands every dossier exactly once, split batches included', async () => {
    const BATCHES = 40;
    const data = tempDir('bcci-agency-kill-');
    const sim = await run(['--data', data, '--port', '0', '--max-body-bytes', '2500']);
    const url = /Agency simulator: (\S+)/.exec(sim.output())![1]!;
    const token = /Token \(Bearer\): (\S+)/.exec(sim.output())![1]!;
    const uploader = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/agency-uploader.ts', url, token, String(BATCHES), '9'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      started.push(child);
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      return { child, out: () => out, exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
    };
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let midway = 0;
    for (let kill = 0; kill < 12; kill++) {
      const u = uploader();
      // once a random batch is reported delivered, kill it within the next few milliseconds
      const line = `delivered L-K${Math.floor(random() * (BATCHES - 5))}\n`;
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => u.out().includes(line) && (clearInterval(poll), resolve()), 1);
      });
      await new Promise((r) => setTimeout(r, random() * 5));
      if (u.child.exitCode === null && !u.out().includes(`L-K${BATCHES - 1}`)) midway += 1;
      u.child.kill('SIGKILL');
      await u.exited;
    }
    const last = uploader();
    expect(await last.exited).toBe(0);
    expect(last.out().trim().split('\n')).toEqual(Array.from({ length: BATCHES }, (_, i) => `delivered L-K${i}`));
    const received = (await (await fetch(`${url}/_sim/received`)).json()) as { batches: number; items: Record<string, { received: number; accepted: number }> };
    expect(received.batches).toBeGreaterThan(2 * BATCHES); // every batch went out split (413 above 2,500 bytes)
    const counts = Object.values(received.items);
    expect(counts.length).toBe(BATCHES * 9);
    expect(counts.every((c) => c.received === 1 && c.accepted === 1)).toBe(true);
    expect(midway).toBeGreaterThanOrEqual(10); // the kills fell while batches were going out
    sim.child.kill('SIGTERM');
    await sim.exited;
  }, 120_000);
});
