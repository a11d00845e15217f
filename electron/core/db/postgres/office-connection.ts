import { EventPublisher } from '@orpc/server';
import type pg from 'pg';
import type { OfficeLinkStatus, OfficeServer } from '../../../../shared/contract/office-server.js';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import { AppError, appError, toAppError } from '../../errors.js';
import { postgresData, type Data } from '../data.js';
import { connectionProblem } from './connection-words.js';
import { OfficeServerHealth, type HealthTimings } from './health.js';
import { holdingAdvisoryLock } from './advisory-lock.js';
import { migratePg, loadPgMigrations } from './migrate-pg.js';
import { openOfficePool } from './pool.js';

/** The advisory lock key of a counter's start-up on the office server ("OPEN"). */
const OFFICE_START_LOCK_KEY = 0x4f50454e;

/** A refusal the counter makes while the office's data cannot be written, in words. */
const officeRefusal = (words: Msg) => appError('OFFICE_SERVER_DOWN', words.vi, words.en, { status: 'CONFLICT' });

const CONNECTING = msg(
  'Quầy đang kết nối tới máy chủ dữ liệu bưu cục; chưa tiếp nhận được. Chờ vài giây.',
  'The counter is connecting to the office data server; it cannot take dossiers in yet. Wait a few seconds.',
);

/**
 * A counter's way to the office's data on PostgreSQL (decision 0032). The counter starts whether
 * or not the server answers: the schema is checked and migrated, and `onOpen` (the core's own
 * start-up reads) run, as soon as it does. Until then every call is refused in words; once open,
 * writes are refused at once while the health link is down, so no dossier is half written and
 * no number taken, and they are taken again by themselves when it is back.
 */
export class OfficeConnection {
  readonly data: Data;
  readonly events = new EventPublisher<{ link: OfficeLinkStatus }>({ maxBufferedEvents: 10 });
  private readonly pool: pg.Pool;
  private readonly health: OfficeServerHealth | null;
  private opened = false;
  private closed = false;
  /** what keeps this counter off the server until someone acts (password, schema); never retried */
  private refused: AppError | null;
  private refusedSince: string;
  private opening: Promise<void> = Promise.resolve();

  constructor(
    private readonly server: OfficeServer,
    password: string | AppError,
    counterCode: string,
    private readonly now: () => Date,
    timings: Partial<HealthTimings> = {},
  ) {
    this.refused = password instanceof AppError ? password : null;
    this.refusedSince = now().toISOString();
    // Without a password the pool is never asked for a connection: every call is refused first.
    this.pool = openOfficePool(server, typeof password === 'string' ? password : '', `bcci-counter ${counterCode}`);
    this.data = postgresData(this.pool);
    this.health = typeof password === 'string' ? new OfficeServerHealth(server, password, timings, now) : null;
    this.health?.onChange(() => this.publish());
  }

  /** Starts watching the server and opens the data as soon as it answers. */
  start(onOpen: () => Promise<void>): void {
    if (!this.health) return;
    this.health.start();
    this.opening = this.openWhenReachable(onOpen);
  }

  /** Resolves once the data is open, refused for good, or the connection closed. */
  settled(): Promise<void> {
    return this.opening;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  link(): OfficeLinkStatus {
    if (this.refused) return { state: 'refused', since: this.refusedSince, words: { vi: this.refused.data.vi, en: this.refused.data.en } };
    const health = this.health!.current();
    if (!this.opened) {
      const down = health.state === 'down';
      return { state: down ? 'down' : 'connecting', since: health.since, words: down ? health.words : CONNECTING };
    }
    return { state: health.state === 'down' ? 'down' : 'up', since: health.since, words: health.state === 'down' ? health.words : null };
  }

  /**
   * Why a call must not run now, or null. Before the data is open nothing runs; after, a write
   * is refused while the server is known to be gone (a read may try, and fails in words).
   */
  refusal(writes: boolean): AppError | null {
    if (this.refused) return this.refused;
    const link = this.link();
    if (!this.opened) return officeRefusal(link.words ?? CONNECTING);
    if (writes && link.state === 'down') return officeRefusal(link.words!);
    return null;
  }

  /**
   * A call that failed because the server went away is told so in the same words as the status
   * bar, and health hears it now rather than at its next probe.
   */
  explain(error: unknown): unknown {
    if (!connectionProblem(error, this.server)) return error;
    this.health?.noteFailure(error);
    return officeRefusal(this.link().words ?? CONNECTING);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.health?.stop();
    await this.opening;
    await this.data.destroy();
  }

  private publish(): void {
    this.events.publish('link', this.link());
  }

  private async openWhenReachable(onOpen: () => Promise<void>): Promise<void> {
    const migrations = loadPgMigrations();
    while (!this.closed) {
      try {
        // Counters starting together open one after another: the first makes what an empty
        // office needs once (the demo catalogue), the next find it made.
        await holdingAdvisoryLock(this.pool, OFFICE_START_LOCK_KEY, async () => {
          await migratePg(this.pool, migrations);
          await onOpen();
        });
        this.opened = true;
        this.publish();
        return;
      } catch (error) {
        if (this.closed) return;
        if (connectionProblem(error, this.server)) {
          this.health!.noteFailure(error);
          await this.nextUp();
          continue;
        }
        // An edited or newer schema history, or start-up work that failed for another reason:
        // the counter stays up and says why, rather than guess.
        console.error('[office] cannot open the office data:', error);
        this.refused = toAppError(error) as AppError;
        this.refusedSince = this.now().toISOString();
        this.publish();
        return;
      }
    }
  }

  /** Waits for health to see the server answer again (or the connection to close). */
  private nextUp(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.closed || this.health!.current().state === 'up') {
          off();
          clearInterval(timer);
          resolve();
        }
      };
      const off = this.health!.onChange(check);
      // closing stops health without a change of state, and a failure health had not seen
      // leaves it 'up': look now and then as well
      const timer = setInterval(check, 250);
    });
  }
}
