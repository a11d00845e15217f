/**
 * The once-per-office lease on an office server: a session advisory lock (pg_try_advisory_lock)
 * held on a connection of its own. PostgreSQL releases it when that connection ends, so a
 * counter that is killed, loses its network or is switched off hands the work over without a
 * timeout or an election of ours: the next counter that asks gets the lock. A counter that does
 * not hold it keeps its connection and asks again each round.
 */
import pg from 'pg';
import type { WorkLease } from '../../system/work-lease.js';

/** One lock for the whole exchange: the outbox and the updates feed of one office go together. */
export const EXCHANGE_LOCK = 'bcci:agency-exchange';

export class AdvisoryLease implements WorkLease {
  private client: pg.Client | undefined;
  private holding = false;
  /** one question at a time on the connection: callers asking together share its answer */
  private asking: Promise<boolean> | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly lockName = EXCHANGE_LOCK,
  ) {}

  held(): Promise<boolean> {
    return (this.asking ??= this.ask().finally(() => (this.asking = undefined)));
  }

  private async ask(): Promise<boolean> {
    try {
      const client = this.client ?? (await this.connect());
      // Held already: the connection must still be alive, or the lock went with it.
      if (this.holding) {
        await client.query('SELECT 1');
        return true;
      }
      const r = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [this.lockName]);
      this.holding = r.rows[0]?.got === true;
      return this.holding;
    } catch {
      this.drop(this.client);
      return false;
    }
  }

  async release(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.holding = false;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const c = new pg.Client(this.config);
    // A connection the server or the network drops ends the lease; the next round asks again.
    c.on('error', () => this.drop(c));
    c.on('end', () => this.drop(c));
    await c.connect();
    this.client = c;
    return c;
  }

  private drop(c: pg.Client | undefined): void {
    if (!c || c !== this.client) return;
    this.client = undefined;
    this.holding = false;
    c.end().catch(() => undefined);
  }
}
