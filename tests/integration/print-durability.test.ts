import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakePrinter } from '../support/fake-printer.js';
import { sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';

let h: Harness | undefined;
let printer: Awaited<ReturnType<typeof fakePrinter>> | undefined;
afterEach(async () => {
  await h?.stop();
  await printer?.close();
});

/**
 * Runs `work` while strace watches this process's main thread (where the core's connection
 * commits; the checkpoint thread and the thread pool are not followed) and returns the files it
 * waited on the disk for, one line per fsync or fdatasync.
 */
async function diskWaitsDuring(work: () => Promise<void>): Promise<string[]> {
  const log = join(tempDir('bcci-strace-'), 'fsyncs.txt');
  const strace = spawn('strace', ['-p', String(process.pid), '-e', 'trace=fsync,fdatasync', '-y', '-o', log], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let said = '';
    strace.on('error', reject);
    strace.on('exit', () => reject(new Error(`strace ended before attaching: ${said.trim()}`)));
    strace.stderr.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('attached')) resolve();
    });
  });
  try {
    await work();
  } finally {
    strace.kill('SIGINT');
    await new Promise((r) => strace.on('exit', r));
  }
  return readFileSync(log, 'utf8').split('\n').filter((l) => /^f(data)?sync\(/.test(l));
}

describe('how often an intake and its printing wait for the disk', () => {
  it.skipIf(skipWithout('strace'))(
    'each dossier once, each job once before its first byte leaves, its outcome not at all',
    async () => {
      printer = await fakePrinter();
      h = await startCore();
      await h.client.settings.update({ printer: { connection: 'network', host: '127.0.0.1', port: printer!.port } });
      const n = 5;
      const ids: number[] = [];
      const waits = await diskWaitsDuring(async () => {
        for (let i = 0; i < n; i++) {
          ids.push((await h!.client.dossiers.intake(sampleIntake(1))).dossierId);
          await h!.core.printing.idle();
        }
      });
      // Every receipt and label printed, and recorded so.
      expect(await printer!.received(3 * n)).toHaveLength(3 * n);
      for (const id of ids) expect((await h.client.printing.jobs({ dossierId: id })).map((j) => j.state)).toEqual(['sent', 'sent', 'sent']);
      const onLog = waits.filter((l) => l.includes('counter.sqlite-wal>'));
      // The dossier's commit (with its three jobs) and each job's "sending" still wait for the disk:
      // at least 4 per intake. Before, the bytes drawn and the outcome of each job waited too (10).
      expect(onLog.length).toBeGreaterThanOrEqual(4 * n);
      expect(onLog.length).toBeLessThanOrEqual(4 * n + 1);
    },
  );
});
