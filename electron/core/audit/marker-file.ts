import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { macMatches } from './chain.js';
import { createHmac } from 'node:crypto';

/**
 * A small file beside audit.key that names one entry of the chain by number and MAC, tagged
 * with the audit key (decision 0031): someone editing the database does not update it, and
 * without the key cannot write one that verifies. Two are kept: `audit.head`, the last entry
 * written, so entries cut off the end are seen; and `audit.verified`, the last entry a check
 * found sound, where the next check may start.
 */
export interface ChainMark {
  seq: number;
  mac: string;
  /** the entry's row id, where a check that starts at this mark reads from */
  id: number;
  /** the head: the entry's time; the verified mark: when the check ran */
  at: string;
}

/** The markers' file names in the data folder. */
export const AUDIT_MARKERS = ['audit.head', 'audit.verified'] as const;

export type MarkRead = { state: 'none' } | { state: 'forged' } | { state: 'ok'; mark: ChainMark };

const tagOf = (key: Buffer, kind: string, m: ChainMark) =>
  createHmac('sha256', key).update(JSON.stringify([`bcci-audit-${kind}-v1`, m.seq, m.mac, m.id, m.at]), 'utf8').digest('hex');

export class MarkerFile {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly kind: 'head' | 'verified',
    private readonly key: Buffer,
  ) {
    this.path = join(dataDir, `audit.${kind}`);
  }

  read(): MarkRead {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'none' };
      throw error;
    }
    try {
      const { seq, mac, id, at, tag } = JSON.parse(text) as ChainMark & { tag: string };
      const mark = { seq, mac, id, at };
      if (typeof tag === 'string' && Number.isInteger(seq) && Number.isInteger(id) && typeof mac === 'string' && typeof at === 'string' && macMatches(tagOf(this.key, this.kind, mark), tag)) {
        return { state: 'ok', mark };
      }
    } catch {
      // unreadable: reported as not written by the app, like a wrong tag
    }
    return { state: 'forged' };
  }

  /**
   * Written beside its final name, flushed, then renamed over it: a power cut leaves the old
   * mark or the new one, never a torn file that would read as forged.
   */
  write(mark: ChainMark): void {
    const partial = `${this.path}.partial`;
    const fd = openSync(partial, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ ...mark, tag: tagOf(this.key, this.kind, mark) }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, this.path);
  }
}

/**
 * The end marker as appends move it: only forward, and only after the entry's transaction has
 * committed (a marker ahead of the database would read as entries cut off the end).
 */
export class ChainHead {
  private known: number;
  /** set when a check found the chain broken: the marker keeps naming what the app last wrote */
  private frozen = false;
  /** the last entry committed cheaply (`AuditRepository.recordQuick`), waiting for `flush` */
  private pending: ChainMark | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: MarkerFile,
    /** makes every commit so far durable (a power cut keeps it); nothing to do when commits already are */
    private readonly flush: () => Promise<void> = async () => undefined,
    private readonly settleAfterMs = 200,
  ) {
    const now = file.read();
    this.known = now.state === 'ok' ? now.mark.seq : 0;
  }

  read(): MarkRead {
    return this.file.read();
  }

  /**
   * After entries were cut off the end, new entries take their numbers; moving the marker past
   * them would make the next check forget the cut. It stays until the app starts again, whose
   * check freezes it again if the chain is still broken.
   */
  freeze(): void {
    this.frozen = true;
  }

  /**
   * For an entry whose commit a power cut could still undo: the marker moves only once `flush`
   * made it durable, shortly after and off the answer's path, one flush for a burst of entries.
   * A marker ahead of the data would read as entries cut off the end; one behind is only weaker.
   */
  advanceSoon(entry: ChainMark): void {
    if (!this.pending || entry.seq > this.pending.seq) this.pending = entry;
    if (!this.timer) this.timer = setTimeout(() => void this.settle(), this.settleAfterMs).unref();
  }

  /** Flushes and moves the marker now (at close, so the last lookups are covered). */
  async settle(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const entry = this.pending;
    this.pending = undefined;
    if (!entry) return;
    try {
      await this.flush();
      this.advance(entry);
    } catch (error) {
      console.error('[audit] the log could not be flushed; the end marker stays behind', (error as NodeJS.ErrnoException).code ?? error);
    }
  }

  /** `at` is the entry's own time: the check names it when entries after it are gone. */
  advance(entry: ChainMark): void {
    if (this.frozen || entry.seq <= this.known) return;
    try {
      this.file.write(entry);
      this.known = entry.seq;
    } catch (error) {
      // The entry is committed; a marker left behind only narrows what the next check can see.
      console.error('[audit] the end marker could not be written', (error as NodeJS.ErrnoException).code ?? error);
    }
  }
}
