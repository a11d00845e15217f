import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open.js';

/** How often the log is folded back into the file: cheap when nothing was written (decision 0057). */
export const CHECKPOINT_EVERY_MS = 1000;

/** SQLite's own threshold, put back if the thread is lost, so the log never grows without end. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/** What one checkpoint found: frames in the log, and how many of them are now in the database file. */
export interface CheckpointRun {
  log: number;
  checkpointed: number;
}

// The thread's whole program, plain JavaScript so it loads the same from source and built.
// PASSIVE never waits for the core's connection: a frame in use stays for the next run.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
db.pragma('synchronous = FULL');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); process.exit(0); }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;

/**
 * Folds the write-ahead log into the database file on a connection of its own, on a thread of
 * its own, every second. Left to SQLite, the commit that passes a thousand pages of log does it,
 * fsync of the whole file included, while a clerk waits for that commit's answer; here no commit
 * ever checkpoints (`wal_autocheckpoint = 0` on the core's connection).
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pending: { resolve: (r: CheckpointRun | null) => void; promise: Promise<CheckpointRun | null> } | undefined;
  private stopping = false;
  private lastError: string | undefined;
  // Made at start: a thread that ends while stop() waits for its last run has already said so.
  private exited: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly everyMs = CHECKPOINT_EVERY_MS,
  ) {}

  start(): void {
    this.db.pragma('wal_autocheckpoint = 0');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD, { eval: true, workerData: { file: this.db.name, driver } });
    worker.on('message', (m: CheckpointRun | { error: string }) => {
      const p = this.pending;
      this.pending = undefined;
      worker.unref();
      // A refused run (a full disk) is only late: the next tick tries again, and says so once.
      if ('error' in m && m.error !== this.lastError) console.warn('[db] checkpoint skipped:', m.error);
      this.lastError = 'error' in m ? m.error : undefined;
      p?.resolve('error' in m ? null : m);
    });
    worker.on('error', (error) => this.lost(error));
    worker.on('exit', (code) => this.lost(new Error(`the checkpoint thread stopped (exit ${code})`)));
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.unref();
    this.worker = worker;
    this.timer = setInterval(() => void this.run(), this.everyMs).unref();
  }

  /** One checkpoint now (or the one under way); null when it could not run. */
  run(): Promise<CheckpointRun | null> {
    if (this.pending) return this.pending.promise;
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    let resolve!: (r: CheckpointRun | null) => void;
    const promise = new Promise<CheckpointRun | null>((r) => (resolve = r));
    this.pending = { resolve, promise };
    // Held while a run is under way, so whoever waits for it is not left behind; idle, it never keeps the app open.
    worker.ref();
    worker.postMessage('run');
    return promise;
  }

  /** Before the core's connection closes, so that closing, as the last one, folds the rest in. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    await this.pending?.promise;
    worker.ref();
    worker.postMessage('close');
    await this.exited;
  }

  private lost(error: Error): void {
    this.pending?.resolve(null);
    this.pending = undefined;
    if (this.stopping) return;
    this.worker = undefined;
    clearInterval(this.timer);
    console.error('[db] the checkpoint thread stopped; commits checkpoint the log again', error);
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }
}
