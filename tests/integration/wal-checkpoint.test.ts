import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { WalCheckpointer } from '../../electron/core/db/wal-checkpointer.js';
import { SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { sampleIntake, tempDir } from '../support/core-harness.js';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * The frames of the log's current round, read from the file as SQLite writes it: after a 32-byte
 * header (page size at 8, salts at 16), each frame is a 24-byte header carrying the same salts,
 * then a page. A log started again keeps its old frames behind, with the old salts.
 */
function framesInLog(dbFile: string): number {
  const wal = readFileSync(`${dbFile}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  let n = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize, n++) {
    if (wal.readUInt32BE(at + 8) !== wal.readUInt32BE(16) || wal.readUInt32BE(at + 12) !== wal.readUInt32BE(20)) break;
  }
  return n;
}

describe("the counter file's write-ahead log", () => {
  it('is folded into the file by the checkpoint thread, never by a committing intake', async () => {
    const dataDir = tempDir('bcci-checkpoint-');
    // The timer held off, so any change to the file while intakes commit is a commit's own checkpoint.
    core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), walCheckpointMs: 3_600_000 });
    const file = core.db!.name;
    const actor = core.auth.actor(SYSTEM_CLERK);
    const version = (await core.catalogue.status()).version!;
    // What start-up wrote is folded first: the log starts again with the next commit.
    await core.walCheckpoint!.run();
    const before = sha(file);
    // Past SQLite's own threshold of a thousand pages, where a commit would otherwise checkpoint.
    let taken = 0;
    while (framesInLog(file) < 1200 && taken < 600) {
      await core.takeIn(sampleIntake(version), actor);
      taken++;
    }
    expect(sha(file), `a commit checkpointed the log within ${taken} intakes`).toBe(before);
    expect(framesInLog(file)).toBeGreaterThanOrEqual(1200);

    const run = await core.walCheckpoint!.run();
    expect(run!.log).toBeGreaterThanOrEqual(1200);
    expect(run!.checkpointed).toBe(run!.log);
    expect(sha(file)).not.toBe(before);

    // Closed, the thread's connection goes first, so the core's, the last, folds the rest and removes the log.
    await core.close();
    core = undefined;
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = openDatabase(dataDir);
    try {
      expect((db.prepare("SELECT count(*) AS n FROM dossiers WHERE status = 'accepted-at-post'").get() as { n: number }).n).toBe(taken);
    } finally {
      db.close();
    }
  });

  // The thread is private; these tests end it as a crash or the OS would.
  const threadOf = (c: WalCheckpointer) => (c as unknown as { worker: Worker }).worker;

  it('hands checkpoints back to the commits when the thread is lost, so the log never grows without end', async () => {
    const db = openDatabase(tempDir('bcci-checkpoint-lost-'));
    const checkpointer = new WalCheckpointer(db, 3_600_000);
    try {
      checkpointer.start();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const thread = threadOf(checkpointer);
      await thread.terminate();
      await vi.waitFor(() => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000));
      expect(await checkpointer.run()).toBeNull();
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('stops even when the thread ends while its last run is awaited (a close that hung would keep the file and its lock)', async () => {
    const db = openDatabase(tempDir('bcci-checkpoint-stop-'));
    const checkpointer = new WalCheckpointer(db, 3_600_000);
    try {
      checkpointer.start();
      const thread = threadOf(checkpointer);
      void checkpointer.run();
      const stopped = checkpointer.stop().then(() => 'stopped');
      void thread.terminate();
      const late = new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000).unref());
      expect(await Promise.race([stopped, late])).toBe('stopped');
    } finally {
      db.close();
    }
  });
});
