import type { Selectable } from 'kysely';
import type { Data, Tx } from '../db/data.js';
import { inTransaction } from '../db/data.js';
import type { Schema } from '../db/schema.js';

export type OutboxRow = Selectable<Schema['outbox']>;

/** The columns an outcome sets; everything else about a row is fixed when it is written. */
export type OutboxSettle = Partial<Pick<OutboxRow, 'state' | 'next_attempt_at' | 'last_error' | 'resume' | 'receipt' | 'error_code' | 'error_vi' | 'error_en'>>;

/** All SQL about the outbox. `settle` runs inside the caller's transaction. */
export class OutboxRepository {
  constructor(private readonly db: Data) {}

  inTransaction<T>(work: (repo: OutboxRepository, tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(new OutboxRepository(tx), tx));
  }

  /**
   * The row to work on next: one left `sending` (its outcome is unknown) before any queued one
   * that is due, oldest first, so one batch is never overtaken by a retry of another.
   */
  async next(nowIso: string): Promise<OutboxRow | undefined> {
    const sending = await this.db.selectFrom('outbox').selectAll().where('state', '=', 'sending').orderBy('id').limit(1).executeTakeFirst();
    if (sending) return sending;
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .where('state', '=', 'queued')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  /** Marks the row as being sent before the first byte goes out, so a crash leaves it `sending`. */
  async markSending(id: number): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async settle(id: number, change: OutboxSettle): Promise<void> {
    await this.db.updateTable('outbox').set(change).where('id', '=', id).execute();
  }

  async byKey(key: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }
}
