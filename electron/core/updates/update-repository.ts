import type { Selectable } from 'kysely';
import type { Msg } from '../../../shared/i18n/msg.js';
import type { Data, Tx } from '../db/data.js';
import { inTransaction } from '../db/data.js';
import type { Schema } from '../db/schema.js';

export type UpdateRow = Selectable<Schema['agency_updates']>;

/** All SQL about the agencies' updates and each server's cursor (migration 024). */
export class UpdateRepository {
  constructor(private readonly db: Data) {}

  inTransaction<T>(work: (repo: UpdateRepository, tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(new UpdateRepository(tx), tx));
  }

  async cursor(serverUrl: string): Promise<string | undefined> {
    return (await this.db.selectFrom('agency_cursors').select('cursor').where('server_url', '=', serverUrl).executeTakeFirst())?.cursor;
  }

  async storeCursor(serverUrl: string, cursor: string, at: string): Promise<void> {
    await this.db
      .insertInto('agency_cursors')
      .values({ server_url: serverUrl, cursor, updated_at: at })
      .onConflict((oc) => oc.column('server_url').doUpdateSet({ cursor, updated_at: at }))
      .execute();
  }

  /** Keeps an update as it came; held until it is applied. */
  async insert(u: { serverUrl: string; cursor: string; itemNumber: string; agencyStatus: number; body: string; at: string }): Promise<number> {
    const r = await this.db
      .insertInto('agency_updates')
      .values({ server_url: u.serverUrl, cursor: u.cursor, item_number: u.itemNumber, agency_status: u.agencyStatus, body: u.body, received_at: u.at, state: 'held' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Is an earlier update of this item still held? Then this one waits behind it. */
  async heldBefore(itemNumber: string, id: number): Promise<boolean> {
    const r = await this.db.selectFrom('agency_updates').select('id').where('item_number', '=', itemNumber).where('state', '=', 'held').where('id', '<', id).limit(1).executeTakeFirst();
    return r !== undefined;
  }

  async markApplied(id: number, dossierId: number, at: string): Promise<void> {
    await this.db
      .updateTable('agency_updates')
      .set({ state: 'applied', dossier_id: dossierId, applied_at: at, problem_code: null, problem_vi: null, problem_en: null })
      .where('id', '=', id)
      .execute();
  }

  async markHeld(id: number, dossierId: number | null, code: string, words: Msg): Promise<void> {
    await this.db.updateTable('agency_updates').set({ state: 'held', dossier_id: dossierId, problem_code: code, problem_vi: words.vi, problem_en: words.en }).where('id', '=', id).execute();
  }

  /** Updates not applied yet, oldest first. */
  async held(): Promise<UpdateRow[]> {
    return this.db.selectFrom('agency_updates').selectAll().where('state', '=', 'held').orderBy('id').execute();
  }

  async byId(id: number): Promise<UpdateRow | undefined> {
    return this.db.selectFrom('agency_updates').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
