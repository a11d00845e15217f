import type { Insertable, Selectable } from 'kysely';
import type { Data, Tx } from '../db/data.js';
import { inTransaction } from '../db/data.js';
import type { Schema } from '../db/schema.js';

export type ResultReturnRow = Selectable<Schema['result_returns']>;
export type UnmatchedScanRow = Selectable<Schema['unmatched_return_scans']>;

/** A result at this post office joined with the dossier facts a list line shows. */
export interface ReturnLineRow extends ResultReturnRow {
  status: string;
  item_number: string | null;
  agency_dossier_code: string | null;
  sender_name: string;
  sender_phone: string;
  procedure_name: string;
  return_method: string;
}

/** All SQL about returning results. Write methods run inside the caller's transaction (`in(tx)`). */
export class ReturnRepository {
  constructor(private readonly db: Data) {}

  in(tx: Tx): ReturnRepository {
    return new ReturnRepository(tx);
  }

  inTransaction<T>(work: (repo: ReturnRepository, tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(this.in(tx), tx));
  }

  /**
   * The dossiers whose result waits at the agency, with the return item each 'result-ready'
   * event named (the latest, should the agency have sent it again). Few at a time: the
   * results not yet picked up.
   */
  async expected(): Promise<{ dossierId: number; data: string }[]> {
    const rows = await this.db
      .selectFrom('dossiers as d')
      .innerJoin('dossier_events as e', 'e.dossier_id', 'd.id')
      .select(['d.id as dossierId', 'e.data as data'])
      .where('d.status', '=', 'result-ready')
      .where('e.type', '=', 'result-ready')
      .orderBy('e.id', 'desc')
      .execute();
    return rows;
  }

  async byItem(returnItemNumber: string): Promise<ResultReturnRow | undefined> {
    return this.db.selectFrom('result_returns').selectAll().where('return_item_number', '=', returnItemNumber).executeTakeFirst();
  }

  async insert(row: Insertable<Schema['result_returns']>): Promise<void> {
    await this.db.insertInto('result_returns').values(row).execute();
  }

  async setNotified(dossierId: number, at: string, clerkCode: string): Promise<void> {
    await this.db.updateTable('result_returns').set({ notified_at: at, notified_clerk_code: clerkCode }).where('dossier_id', '=', dossierId).execute();
  }

  async setDelivered(
    dossierId: number,
    d: Pick<ResultReturnRow, 'delivered_at' | 'recipient_name' | 'recipient_id_number' | 'authorised' | 'authorisation_document' | 'documents_handed' | 'fees_due' | 'fees_total'>,
  ): Promise<void> {
    await this.db.updateTable('result_returns').set(d).where('dossier_id', '=', dossierId).execute();
  }

  private lines() {
    return this.db
      .selectFrom('result_returns as r')
      .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
      .selectAll('r')
      .select(['d.status', 'd.item_number', 'd.agency_dossier_code', 'd.sender_name', 'd.sender_phone', 'd.procedure_name', 'd.return_method']);
  }

  async line(dossierId: number): Promise<ReturnLineRow | undefined> {
    return this.lines().where('r.dossier_id', '=', dossierId).executeTakeFirst();
  }

  /** Results at this post office waiting for their citizen, the longest waiting first. */
  async waitingAtOffice(): Promise<ReturnLineRow[]> {
    return this.lines().where('d.status', '=', 'result-at-post').orderBy('r.received_at').orderBy('r.dossier_id').execute();
  }

  /**
   * Results out with the postman: the day's round. With the address, and the attempt each is
   * on (its out-for-delivery events so far), in the order they came back from the agency.
   */
  async outForDelivery(): Promise<(ReturnLineRow & { delivery_address: string; attempt: number })[]> {
    const rows = await this.lines()
      .select((eb) => [
        'd.delivery_address',
        eb
          .selectFrom('dossier_events as e')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('e.dossier_id', '=', 'd.id')
          .where('e.type', '=', 'out-for-delivery')
          .as('attempt'),
      ])
      .where('d.status', '=', 'out-for-delivery')
      .orderBy('r.received_at')
      .orderBy('r.dossier_id')
      .execute();
    // PostgreSQL counts in bigint, which its driver hands over as text.
    return rows.map((r) => ({ ...r, attempt: Number(r.attempt) }));
  }

  async addUnmatched(row: Insertable<Schema['unmatched_return_scans']>): Promise<void> {
    await this.db.insertInto('unmatched_return_scans').values(row).execute();
  }

  /** A code that later matched is sorted out: its earlier unmatched scans leave the list. */
  async settleUnmatched(code: string, at: string): Promise<void> {
    await this.db.updateTable('unmatched_return_scans').set({ settled_at: at }).where('code', '=', code).where('settled_at', 'is', null).execute();
  }

  async unmatched(): Promise<UnmatchedScanRow[]> {
    return this.db.selectFrom('unmatched_return_scans').selectAll().where('settled_at', 'is', null).orderBy('id', 'desc').limit(500).execute();
  }

  /** The outbox rows of these keys: the delivery reports of one dossier's events. */
  async reports(keys: string[]) {
    if (keys.length === 0) return [];
    return this.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'body', 'state', 'attempts', 'error_code', 'error_vi', 'error_en'])
      .where('idempotency_key', 'in', keys)
      .orderBy('id')
      .execute();
  }

  /** The id of the dossier's newest event: the one just appended, inside the same transaction. */
  async lastEventId(dossierId: number): Promise<number> {
    const r = await this.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', dossierId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return r.id;
  }
}
