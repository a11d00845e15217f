import { open } from 'node:fs/promises';

/**
 * Makes every commit in a SQLite file's write-ahead log so far survive a power cut: one
 * fdatasync of the log, run in libuv's thread pool so the counter keeps answering meanwhile.
 * A commit made with synchronous=NORMAL is already safe from the app being killed (its pages
 * are in the operating system's cache); this is what makes it safe from the machine stopping.
 */
export function walFlush(dbFile: string): () => Promise<void> {
  return async () => {
    let file;
    try {
      // Opened for writing, though nothing is written: Windows flushes only a file open for writing.
      file = await open(`${dbFile}-wal`, 'r+');
    } catch (error) {
      // No log: the file was closed and its log folded into it, synced by SQLite itself.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
  };
}
