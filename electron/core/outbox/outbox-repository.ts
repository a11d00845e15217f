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
  async next(nowIso: string, agencyCodes: string[]): Promise<OutboxRow | undefined> {
    // Rows for an agency with no server configured wait where they are.
    if (agencyCodes.length === 0) return undefined;
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .where('agency_code', 'in', agencyCodes)
      .where((eb) =>
        eb.or([eb('state', '=', 'sending'), eb.and([eb('state', '=', 'queued'), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)])])]),
      )
      .orderBy((eb) => eb.case().when('state', '=', 'sending').then(0).else(1).end())
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

  /**
   * Puts a row that stopped for a person back in the queue, keeping what the next run must know
   * (`resume`: a key whose outcome was lost is still asked about first). True when it was stopped.
   */
  async requeue(key: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ state: 'queued', next_attempt_at: null })
      .where('idempotency_key', '=', key)
      .where('state', '=', 'attention')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Rows of these agencies stopped by a problem of the given codes (a refused token, say). */
  async stoppedBy(agencyCodes: string[], problemCodes: string[]): Promise<string[]> {
    if (agencyCodes.length === 0) return [];
    const rows = await this.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('state', '=', 'attention')
      .where('agency_code', 'in', agencyCodes)
      .where('error_code', 'in', problemCodes)
      .execute();
    return rows.map((r) => r.idempotency_key);
  }

  /** How many rows wait to be sent, and since when the oldest has waited. */
  async waiting(): Promise<{ count: number; oldest: string | null }> {
    const r = await this.db
      .selectFrom('outbox')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('state', 'in', ['queued', 'sending'])
      .executeTakeFirst();
    return { count: Number(r?.n ?? 0), oldest: (r?.oldest as string | null) ?? null };
  }

  /** A row to send, written in the caller's transaction with the change it reports; `body` is final. */
  async enqueue(kind: OutboxRow['kind'], key: string, agencyCode: string, body: string, at: string): Promise<void> {
    await this.db.insertInto('outbox').values({ kind, idempotency_key: key, agency_code: agencyCode, body, created_at: at }).execute();
  }

  async byKey(key: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }
}
