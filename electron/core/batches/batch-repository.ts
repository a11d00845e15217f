import type { Selectable } from 'kysely';
import type { Batch, BatchItem, BatchSummary, BatchUpload } from '../../../shared/contract/batches.js';
import { batchTotals, type BatchState } from '../../../shared/batches/rules.js';
import type { DossierStatus } from '../../../shared/lifecycle/states.js';
import type { Data, Tx } from '../db/data.js';
import { inTransaction } from '../db/data.js';
import type { Schema } from '../db/schema.js';
import { formatRegisterNo } from '../dossiers/dossier-summary.js';
import { OutboxRepository } from '../outbox/outbox-repository.js';
import type { Actor } from '../system/actor.js';

type BatchRow = Selectable<Schema['batches']>;

type OutboxRow = Selectable<Schema['outbox']>;

function uploadOf(o: OutboxRow | undefined): BatchUpload {
  if (!o) return null;
  const items = o.receipt ? (JSON.parse(o.receipt) as { items: { item: string; result: string; reason?: string }[] }).items : [];
  return {
    state: o.state,
    attempts: o.attempts,
    nextAttemptAt: o.next_attempt_at,
    problem: o.error_code ? { code: o.error_code, vi: o.error_vi ?? '', en: o.error_en ?? '' } : null,
    rejected: items.filter((i) => i.result === 'rejected').map((i) => ({ itemNumber: i.item, reason: i.reason ?? '' })),
  };
}

const toSummary = (r: BatchRow, totals: { items: number; fees: number }, upload: OutboxRow | undefined): BatchSummary => ({
  id: r.id,
  number: r.number,
  agencyCode: r.agency_code,
  agencyName: r.agency_name,
  state: r.state,
  createdAt: r.created_at,
  createdBy: { code: r.clerk_code, name: r.clerk_name },
  closedAt: r.closed_at,
  handedOverAt: r.handed_over_at,
  handoverOfficer: r.handover_officer,
  upload: uploadOf(upload),
  totals,
});

/** A waiting dossier as the F4 list and the rules need it. */
export interface WaitingRow {
  id: number;
  itemNumber: string | null;
  registerNo: string | null;
  senderName: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  acceptedAt: string;
  expectedHandoverDate: string | null;
}

/** All SQL about batches. Writers run inside one transaction (`inTransaction`). */
export class BatchRepository {
  constructor(private readonly db: Data) {}

  inTransaction<T>(work: (repo: BatchRepository, tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(new BatchRepository(tx), tx));
  }

  /** Accepted dossiers that no batch holds yet: exactly the lifecycle's `accepted-at-post`. */
  async waiting(): Promise<WaitingRow[]> {
    const rows = await this.db
      .selectFrom('dossiers')
      .select(['id', 'item_number', 'register_year', 'register_seq', 'sender_name', 'procedure_name', 'agency_code', 'agency_name', 'accepted_at', 'expected_handover_date'])
      .where('status', '=', 'accepted-at-post' satisfies DossierStatus)
      .orderBy('accepted_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      itemNumber: r.item_number,
      registerNo: formatRegisterNo(r.register_year, r.register_seq),
      senderName: r.sender_name,
      procedureName: r.procedure_name,
      agencyCode: r.agency_code,
      agencyName: r.agency_name,
      acceptedAt: r.accepted_at ?? '',
      expectedHandoverDate: r.expected_handover_date,
    }));
  }

  /** The counter's next batch sequence for the day (inside the creating transaction). */
  async nextSeq(counterCode: string, day: string): Promise<number> {
    const r = await this.db
      .selectFrom('batches')
      .select((eb) => eb.fn.max('seq').as('last'))
      .where('counter_code', '=', counterCode)
      .where('created_day', '=', day)
      .executeTakeFirst();
    return Number(r?.last ?? 0) + 1;
  }

  async insert(b: { number: string; day: string; seq: number; agencyCode: string; agencyName: string; at: string }, actor: Actor): Promise<number> {
    const r = await this.db
      .insertInto('batches')
      .values({
        number: b.number,
        created_day: b.day,
        seq: b.seq,
        agency_code: b.agencyCode,
        agency_name: b.agencyName,
        state: 'open',
        created_at: b.at,
        clerk_code: actor.clerkCode,
        clerk_name: actor.clerkName,
        counter_code: actor.counterCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** An agency's name as its dossiers carry it, or undefined when no dossier goes there. */
  async agencyName(agencyCode: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('dossiers').select('agency_name').where('agency_code', '=', agencyCode).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r?.agency_name;
  }

  async row(id: number): Promise<BatchRow | undefined> {
    return (await this.db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst());
  }

  async idOf(number: string): Promise<number | undefined> {
    return (await this.db.selectFrom('batches').select('id').where('number', '=', number).executeTakeFirst())?.id;
  }

  async size(batchId: number): Promise<number> {
    const r = await this.db.selectFrom('batch_items').select((eb) => eb.fn.countAll().as('n')).where('batch_id', '=', batchId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** The batch number holding a dossier, if any. */
  async batchOf(dossierId: number): Promise<string | null> {
    const r = await this.db
      .selectFrom('batch_items as i')
      .innerJoin('batches as b', 'b.id', 'i.batch_id')
      .select('b.number')
      .where('i.dossier_id', '=', dossierId)
      .executeTakeFirst();
    return r?.number ?? null;
  }

  async addItem(batchId: number, dossierId: number, at: string): Promise<void> {
    await this.db.insertInto('batch_items').values({ batch_id: batchId, dossier_id: dossierId, added_at: at }).execute();
  }

  async removeItem(batchId: number, dossierId: number): Promise<boolean> {
    const r = await this.db.deleteFrom('batch_items').where('batch_id', '=', batchId).where('dossier_id', '=', dossierId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async dossierIds(batchId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('batch_items').select('dossier_id').where('batch_id', '=', batchId).orderBy('added_at').orderBy('dossier_id').execute();
    return rows.map((r) => r.dossier_id);
  }

  async setState(id: number, state: BatchState, extra: { closed_at?: string; handed_over_at?: string; handover_officer?: string } = {}): Promise<void> {
    await this.db.updateTable('batches').set({ state, ...extra }).where('id', '=', id).execute();
  }

  /** Queues what must reach the agency's server, in the caller's transaction (decision 0029). */
  async enqueueUpload(key: string, agencyCode: string, body: string, at: string): Promise<void> {
    await new OutboxRepository(this.db).enqueue('batch-upload', key, agencyCode, body, at);
  }

  private upload(number: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', number).executeTakeFirst();
  }

  /** Every line of the batch as the handover record prints it, in the order they were added. */
  async items(batchId: number): Promise<BatchItem[]> {
    const rows = await this.db
      .selectFrom('batch_items as i')
      .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
      .select(['d.id', 'd.item_number', 'd.register_year', 'd.register_seq', 'd.sender_name', 'd.procedure_code', 'd.procedure_name', 'i.added_at'])
      .where('i.batch_id', '=', batchId)
      .orderBy('i.added_at')
      .orderBy('d.id')
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const docs = await this.db
      .selectFrom('dossier_documents')
      .select(['dossier_id', 'name', 'form', 'count'])
      .where('dossier_id', 'in', ids)
      .where('present', '=', 1)
      .orderBy('dossier_id')
      .orderBy('seq')
      .execute();
    const fees = await this.db.selectFrom('dossier_fees').select(['dossier_id', 'name', 'amount']).where('dossier_id', 'in', ids).orderBy('dossier_id').orderBy('line').execute();
    return rows.map((r) => ({
      dossierId: r.id,
      itemNumber: r.item_number,
      registerNo: formatRegisterNo(r.register_year, r.register_seq),
      senderName: r.sender_name,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      documents: docs.filter((d) => d.dossier_id === r.id).map((d) => ({ name: d.name, form: d.form === 'copy' ? 'copy' : 'original', count: d.count })),
      fees: fees.filter((f) => f.dossier_id === r.id).map((f) => ({ name: f.name, amount: f.amount })),
      addedAt: r.added_at,
    }));
  }

  async get(id: number): Promise<Batch | undefined> {
    const r = await this.row(id);
    if (!r) return undefined;
    const items = await this.items(id);
    return { ...toSummary(r, batchTotals(items), await this.upload(r.number)), items };
  }

  /** Batches not yet handed over, newest first. */
  async unfinished(): Promise<BatchSummary[]> {
    const rows = await this.db.selectFrom('batches').selectAll().where('state', '!=', 'handed-over').orderBy('id', 'desc').execute();
    if (rows.length === 0) return [];
    // Three queries for the whole list, not three per batch: counts and fees summed by batch, uploads by number.
    const ids = rows.map((r) => r.id);
    const counts = await this.db.selectFrom('batch_items').select(['batch_id', (eb) => eb.fn.countAll().as('n')]).where('batch_id', 'in', ids).groupBy('batch_id').execute();
    const fees = await this.db
      .selectFrom('batch_items as i')
      .innerJoin('dossier_fees as f', 'f.dossier_id', 'i.dossier_id')
      .select(['i.batch_id', (eb) => eb.fn.sum<number>('f.amount').as('total')])
      .where('i.batch_id', 'in', ids)
      .groupBy('i.batch_id')
      .execute();
    const uploads = await this.db.selectFrom('outbox').selectAll().where('idempotency_key', 'in', rows.map((r) => r.number)).execute();
    const count = new Map(counts.map((c) => [c.batch_id, Number(c.n)]));
    const fee = new Map(fees.map((f) => [f.batch_id, Number(f.total ?? 0)]));
    const upload = new Map(uploads.map((u) => [u.idempotency_key, u]));
    return rows.map((r) => toSummary(r, { items: count.get(r.id) ?? 0, fees: fee.get(r.id) ?? 0 }, upload.get(r.number)));
  }
}
