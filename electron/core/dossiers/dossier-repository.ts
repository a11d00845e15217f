import { type Insertable } from 'kysely';
import { compiledOnce } from '../db/compiled-once.js';
import type { Data, Tx } from '../db/data.js';
import type { Schema } from '../db/schema.js';
import type { DossierDetail, DossierLink, DossierStatus, DossierSummary, FeeLine, Sender } from '../../../shared/contract/index.js';
import { detailOf } from './dossier-detail.js';
import { computedColumns, formatRegisterNo, summaryColumns, toSummary, type SummaryRow } from './dossier-summary.js';
import { parseGuidanceCode } from '../../../shared/ids/guidance-code.js';
import { inTransaction } from '../db/data.js';
import type { Actor } from '../system/actor.js';
import type { LookupKey } from './lookup-query.js';
import type { DossierSearch, SearchFilters } from './search/dossier-search.js';
import type { DossierEvent } from '../../../shared/lifecycle/events.js';
import { nextStatus } from './lifecycle-guard.js';
import type { CorrectableField, FieldChange } from '../../../shared/lifecycle/corrections.js';
import { foldVi } from '../../../shared/text/fold.js';
import { contentMac, eventMac, holdDossier, readState, resealContent, resealState, stateMac } from '../audit/dossier-seals.js';

/** Where each correctable field lives on the dossier row. */
const CORRECTABLE_COLUMNS = {
  fullName: 'sender_name',
  birthDate: 'sender_birth_date',
  gender: 'sender_gender',
  address: 'sender_address',
  phone: 'sender_phone',
  email: 'sender_email',
  deliveryAddress: 'delivery_address',
} as const satisfies Record<CorrectableField, keyof Schema['dossiers']>;

export interface NewDossier {
  status: DossierStatus;
  createdAt: string;
  createdDay: string;
  acceptedAt: string | null;
  catalogVersion: number;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  sender: Sender;
  senderNameKey: string;
  service: string;
  returnMethod: string;
  deliveryAddress: string;
  feeReason: string;
  fees: FeeLine[];
  postage: number;
  expectedHandoverDate: string | null;
  /** computed over a year whose official notice of days off was not known */
  expectedHandoverProvisional: boolean;
  deadlineDays: number | null;
  deadlineUnit: 'working' | 'calendar' | null;
  deadlineText: string;
  estimatedResultDate: string | null;
  /** the office's name as it was at intake (the actor carries the codes and the clerk) */
  officeName: string;
  documents: DossierDetail['documents'];
  /** the guided record this dossier continues (the citizen came back), if any */
  resumes?: number;
}

// The statements of every intake, built once (decision 0023: the builder's cost per call).
// The computed columns come back with the id: the engine computes them as a list does.
const insertDossier = compiledOnce((db, row: Insertable<Schema['dossiers']>) =>
  db
    .insertInto('dossiers')
    .values(row)
    .returning((eb) => ['id', ...computedColumns((name) => eb.ref(name))]),
);
const statusOf = compiledOnce((db, v: { id: number }) => db.selectFrom('dossiers').select('status').where('id', '=', v.id));
const setState = compiledOnce((db, v: { id: number; status: string; agencyDossierCode: string | null; stateMac: string | null }) =>
  db.updateTable('dossiers').set({ status: v.status, agency_dossier_code: v.agencyDossierCode, state_mac: v.stateMac }).where('id', '=', v.id),
);
const insertEvent = compiledOnce((db, row: Insertable<Schema['dossier_events']>) => db.insertInto('dossier_events').values(row));
const insertRequest = compiledOnce((db, row: Insertable<Schema['intake_requests']>) => db.insertInto('intake_requests').values(row));
const requestOf = compiledOnce((db, v: { key: string }) =>
  db.selectFrom('intake_requests').select(['payload_sha256', 'dossier_id']).where('request_key', '=', v.key),
);
const dossierWithItem = compiledOnce((db, v: { itemNumber: string }) => db.selectFrom('dossiers').select('id').where('item_number', '=', v.itemNumber).limit(1));
/**
 * The counter row is updated in place and read back in the same statement, so on a server
 * engine a second transaction waits on the row until the first ends, and a rollback gives the
 * number back.
 */
const nextRegisterSeq = compiledOnce((db, v: { year: number }) =>
  db
    .insertInto('register_counters')
    .values({ year: v.year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_seq: eb(eb.ref('register_counters.last_seq'), '+', 1) })))
    .returning('last_seq'),
);
/** One S10 range of serials; each counts its own (on an office server each counter has one). */
export type SerialRange = {
  service: string;
  country: string;
  first: number;
  last: number;
};
/**
 * The highest serial of the service and country counted inside the range by any row: a row carried
 * from before serials were kept per range, or an earlier range this one overlaps (say, extends).
 */
const countedInRange = compiledOnce((db, r: SerialRange) =>
  db
    .selectFrom('item_serials')
    .select((eb) => eb.fn.max('last_serial').as('serial'))
    .where('service', '=', r.service)
    .where('country', '=', r.country)
    .where('last_serial', '>=', r.first)
    .where('last_serial', '<=', r.last),
);
/**
 * The highest S10 item number of the range already in the register. Serials are eight digits
 * after the service letters, so within a service the text orders as the serials do, and the
 * unique index on item numbers finds it without reading the book.
 */
const highestInBook = compiledOnce((db, r: { from: string; to: string; shape: string }) =>
  db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.max('item_number').as('item'))
    .where('item_number', '>=', r.from)
    .where('item_number', '<=', r.to)
    .where('item_number', 'like', r.shape),
);
/** The text of an S10 item number up to its serial; letters and digits only, so any collation orders it alike. */
const serialText = (service: string, serial: number) => `${service}${String(serial).padStart(8, '0')}`;
/** The next serial of a range already met: its own row counted on, in the one round trip of an intake's draw. */
const bumpSerial = compiledOnce((db, r: SerialRange) =>
  db
    .updateTable('item_serials')
    .set((eb) => ({ last_serial: eb(eb.ref('last_serial'), '+', 1) }))
    .where('service', '=', r.service)
    .where('country', '=', r.country)
    .where('range_first', '=', r.first)
    .where('range_last', '=', r.last)
    .returning('last_serial'),
);
/**
 * The first serial of a range met the first time: after what is already counted inside it or
 * numbered in the register, or at its first; after that it counts on its own, whatever other
 * ranges take. A counter meeting the range at the same moment finds the row and counts on from it.
 */
const firstSerial = compiledOnce((db, r: SerialRange & { start: number }) =>
  db
    .insertInto('item_serials')
    .values({ service: r.service, country: r.country, range_first: r.first, range_last: r.last, last_serial: r.start })
    .onConflict((oc) =>
      oc.columns(['service', 'country', 'range_first', 'range_last']).doUpdateSet((eb) => ({ last_serial: eb(eb.ref('item_serials.last_serial'), '+', 1) })),
    )
    .returning('last_serial'),
);

/** All SQL about dossiers. Callers run the write methods inside one transaction (`in(tx)`). */
export class DossierRepository {
  constructor(
    private readonly db: Data,
    /** the engine's own way of finding dossiers (names need a full-text index) */
    private readonly finder: DossierSearch,
    /** the audit key the rows are sealed with (decision 0066); null writes them unsealed (tools, benches) */
    private readonly key: Buffer | null = null,
  ) {}

  in(tx: Tx): DossierRepository {
    return new DossierRepository(tx, this.finder, this.key);
  }

  /** Runs `work` in one write transaction; the repository it is given writes inside it. */
  inTransaction<T>(work: (repo: DossierRepository, tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => work(this.in(tx), tx));
  }

  /** The year's next register number, inside the intake's transaction (see nextRegisterSeq above). */
  async nextRegisterSeq(year: number): Promise<number> {
    return (await nextRegisterSeq(this.db, { year }))[0]!.last_seq;
  }

  /**
   * Writes the year's next register number on a dossier already inserted in this transaction. The
   * number is part of the sealed state: the dossier's next event seals it, or `sealState` when
   * the number comes after the event (decision 0066).
   */
  async numberInRegister(dossierId: number, year: number): Promise<number> {
    const seq = await this.nextRegisterSeq(year);
    await this.db.updateTable('dossiers').set({ register_year: year, register_seq: seq }).where('id', '=', dossierId).execute();
    return seq;
  }

  async nextSerial(r: SerialRange): Promise<number> {
    const { service, country, first, last } = r;
    // What was used before the range was met is read only when it is: not at every intake.
    const [bumped] = await bumpSerial(this.db, { service, country, first, last });
    if (bumped) return bumped.last_serial;
    const start = ((await this.usedBefore(r)) ?? first - 1) + 1;
    return (await firstSerial(this.db, { service, country, first, last, start }))[0]!.last_serial;
  }

  /** The last serial the range handed out, or that was used inside it before it was met. */
  async lastSerial(r: SerialRange): Promise<number | undefined> {
    const own = await this.db
      .selectFrom('item_serials')
      .select('last_serial')
      .where('service', '=', r.service)
      .where('country', '=', r.country)
      .where('range_first', '=', r.first)
      .where('range_last', '=', r.last)
      .executeTakeFirst();
    return own?.last_serial ?? (await this.usedBefore(r));
  }

  /**
   * The highest serial of the range counted by another row or already in the register: a count
   * lost to the one shared row kept from before ranges were counted apart (migration 034), or a
   * range given again after its row was gone, starts after the numbers the book holds instead of
   * walking through them one by one.
   */
  protected async usedBefore(r: SerialRange): Promise<number | undefined> {
    const { service, country, first, last } = r;
    const [counted] = await countedInRange(this.db, { service, country, first, last });
    // Below every check digit and country after the last serial: the range's own numbers, no more.
    const [book] = await highestInBook(this.db, { from: serialText(service, first), to: `${serialText(service, last)}9ZZ`, shape: `${service}_________${country}` });
    const inBook = book?.item ? Number(book.item.slice(2, 10)) : undefined;
    const found = [counted?.serial ?? undefined, inBook].filter((n): n is number => n !== undefined);
    return found.length > 0 ? Math.max(...found) : undefined;
  }

  async itemNumberTaken(itemNumber: string): Promise<boolean> {
    return (await dossierWithItem(this.db, { itemNumber })).length > 0;
  }

  /**
   * Writes a new dossier, its documents and fees; returns it as written (no event yet), built from
   * the rows it wrote rather than read back (the intake hands it to its print jobs).
   */
  async insert(d: NewDossier, register: { year: number; seq: number } | null, itemNumber: string | null, actor: Actor): Promise<DossierDetail> {
    const s = d.sender;
    const row = {
      status: d.status,
      created_at: d.createdAt,
      created_day: d.createdDay,
      accepted_at: d.acceptedAt,
      register_year: register?.year ?? null,
      register_seq: register?.seq ?? null,
      item_number: itemNumber,
      catalog_version: d.catalogVersion,
      procedure_code: d.procedureCode,
      procedure_name: d.procedureName,
      agency_code: d.agencyCode,
      agency_name: d.agencyName,
      sender_kind: s.kind,
      sender_name: s.fullName,
      sender_name_key: d.senderNameKey,
      sender_personal_id: s.personalId,
      sender_old_id: s.oldId,
      sender_business_code: s.businessCode,
      sender_birth_date: s.birthDate,
      sender_gender: s.gender,
      sender_address: s.address,
      sender_phone: s.phone,
      sender_email: s.email,
      // only an organisation's dossier is brought by someone else
      bearer_name: s.kind === 'organisation' ? (s.bearerName ?? '') : '',
      bearer_id: s.kind === 'organisation' ? (s.bearerId ?? '') : '',
      resumes_dossier_id: d.resumes ?? null,
      service: d.service,
      return_method: d.returnMethod,
      delivery_address: d.deliveryAddress,
      fee_reason: d.feeReason,
      fees_total: d.fees.reduce((sum, f) => sum + f.amount, 0),
      postage: d.postage,
      expected_handover_date: d.expectedHandoverDate,
      expected_handover_provisional: d.expectedHandoverProvisional ? 1 : 0,
      deadline_days: d.deadlineDays,
      deadline_unit: d.deadlineUnit,
      deadline_text: d.deadlineText,
      estimated_result_date: d.estimatedResultDate,
      office_code: actor.officeCode,
      office_name: d.officeName,
      counter_code: actor.counterCode,
      clerk_code: actor.clerkCode,
      clerk_name: actor.clerkName,
    };
    // The content seal goes into the INSERT itself (decision 0066): no second write of the row.
    const docs = d.documents.map((doc) => ({ seq: doc.seq, name: doc.name, required: doc.required ? 1 : 0, present: doc.present ? 1 : 0, form: doc.form, count: doc.count }));
    const lines = d.fees.map((f, i) => ({ line: i + 1, name: f.name, amount: f.amount }));
    const mac = this.key ? contentMac(this.key, row, docs, lines) : null;
    const [inserted] = (await insertDossier(this.db, { ...row, mac })) as [Pick<SummaryRow, 'id' | 'sender_id_number' | 'total'>];
    const { id } = inserted;
    const documents = docs.map((doc) => ({ dossier_id: id, ...doc }));
    if (documents.length > 0) await this.db.insertInto('dossier_documents').values(documents).execute();
    const fees = lines.map((f) => ({ dossier_id: id, ...f }));
    if (fees.length > 0) await this.db.insertInto('dossier_fees').values(fees).execute();
    const resumes = row.resumes_dossier_id === null ? null : await this.linkWhere('id', row.resumes_dossier_id);
    // Listed in the order `get` reads them back; nothing can continue a dossier not yet committed.
    documents.sort((x, y) => x.seq - y.seq);
    return detailOf({ ...row, ...inserted }, { documents, fees, events: [], resumes, resumedBy: null });
  }

  /**
   * The one way a dossier's status changes: the lifecycle table gives the next state or
   * refuses (then nothing is written), and the state and the event are written together
   * (callers run this inside their transaction, `in(tx)`), sealed (decision 0066). `fresh`: the
   * dossier was inserted in this transaction, so no one else can be writing it.
   */
  async appendEvent(dossierId: number, at: string, event: DossierEvent, actor: Actor, fresh = false): Promise<DossierStatus> {
    // A dossier inserted in this transaction is no one else's to write; any other is held first.
    if (this.key && !fresh) await holdDossier(this.db, dossierId);
    // One read gives the status and what the seals chain to: the last event's and print job's MACs.
    const current = await readState(this.db, dossierId);
    const next = nextStatus(dossierId, current?.status as DossierStatus | undefined, event);
    const row = {
      dossier_id: dossierId,
      at,
      type: event.kind,
      clerk_code: actor.clerkCode,
      clerk_name: actor.clerkName,
      counter_code: actor.counterCode,
      data: JSON.stringify(next.data),
    };
    // The first sealed event of a dossier from before the seals starts its chain afresh.
    const prev_mac = current?.event_head ?? '';
    const mac = this.key ? eventMac(this.key, prev_mac, row) : null;
    await insertEvent(this.db, this.key ? { ...row, prev_mac, mac } : { ...row, prev_mac: null, mac: null });
    // The agency's code finds the dossier in lookup and by scan from then on.
    const agencyDossierCode = event.kind === 'received-by-agency' ? event.data.agencyDossierCode : ((current?.agency_dossier_code as string | null | undefined) ?? null);
    const state = current && this.key ? stateMac(this.key, { ...current, status: next.status, agency_dossier_code: agencyDossierCode, event_head: mac }) : null;
    await setState(this.db, { id: dossierId, status: next.status, agencyDossierCode, stateMac: state });
    return next.status;
  }

  /** Seals the dossier's state again after a write outside an event (decision 0066). */
  async sealState(dossierId: number): Promise<void> {
    if (this.key) await resealState(this.db, this.key, dossierId);
  }

  /** A dossier's current state, or undefined when there is no such dossier. */
  async status(dossierId: number): Promise<DossierStatus | undefined> {
    const [r] = await statusOf(this.db, { id: dossierId });
    return r?.status as DossierStatus | undefined;
  }

  /**
   * Makes the row show a correction's new values (the 'corrected' event, written in the same
   * transaction, keeps the old ones). A new name gets its search key too, so lookup finds it.
   */
  async applyCorrection(dossierId: number, changes: FieldChange[]): Promise<void> {
    const set: Partial<Record<(typeof CORRECTABLE_COLUMNS)[CorrectableField] | 'sender_name_key', string>> = {};
    for (const c of changes) set[CORRECTABLE_COLUMNS[c.field]] = c.to;
    if (set.sender_name !== undefined) set.sender_name_key = foldVi(set.sender_name);
    await this.db.updateTable('dossiers').set(set).where('id', '=', dossierId).execute();
    if (this.key) await resealContent(this.db, this.key, dossierId);
  }

  /** The dossier an intake request (the page's key for one form) already made, if any. */
  async requestOf(key: string): Promise<{ payloadSha256: string; dossierId: number } | undefined> {
    const [r] = await requestOf(this.db, { key });
    return r && { payloadSha256: r.payload_sha256, dossierId: r.dossier_id };
  }

  async recordRequest(key: string, payloadSha256: string, dossierId: number, at: string): Promise<void> {
    await insertRequest(this.db, { request_key: key, payload_sha256: payloadSha256, dossier_id: dossierId, created_at: at });
  }

  /** Drops the request keys recorded before `at` (their window for a retry has passed). */
  /** Drops at most `limit` keys recorded before `at`, oldest first; says whether any such key is left. */
  async forgetRequestsBefore(at: string, limit: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('intake_requests')
      .where('request_key', 'in', (eb) => eb.selectFrom('intake_requests').select('request_key').where('created_at', '<', at).orderBy('created_at').limit(limit))
      .executeTakeFirst();
    return Number(r.numDeletedRows) === limit;
  }

  /** A dossier by its item number, the agency's dossier code, or its guidance slip's code. */
  async idByCode(code: string): Promise<number | undefined> {
    const guided = parseGuidanceCode(code);
    const q = this.db.selectFrom('dossiers').select('id');
    const r =
      guided !== undefined
        ? await q.where('id', '=', guided).where('status', '=', 'guided-not-accepted').executeTakeFirst()
        : await q.where((eb) => eb.or([eb('item_number', '=', code), eb('agency_dossier_code', '=', code)])).limit(1).executeTakeFirst();
    return r?.id;
  }

  /**
   * Whether a guided record can be continued by a new dossier: it must be guided, not
   * accepted, and not continued already (then the dossier that did is named).
   */
  async resumable(guidedId: number): Promise<{ ok: true } | { ok: false; status: DossierStatus | null; resumedBy: DossierLink | null }> {
    const r = await this.db.selectFrom('dossiers').select('status').where('id', '=', guidedId).executeTakeFirst();
    const resumedBy = await this.linkWhere('resumes_dossier_id', guidedId);
    if (r?.status === 'guided-not-accepted' && !resumedBy) return { ok: true };
    return { ok: false, status: (r?.status as DossierStatus | undefined) ?? null, resumedBy };
  }

  /** The one dossier whose `column` equals `value`, as a link. */
  private async linkWhere(column: 'id' | 'resumes_dossier_id', value: number): Promise<DossierLink | null> {
    const r = await this.db
      .selectFrom('dossiers')
      .select(['id', 'status', 'register_year', 'register_seq', 'created_at'])
      .where(column, '=', value)
      .executeTakeFirst();
    return r ? { id: r.id, status: r.status as DossierStatus, registerNo: formatRegisterNo(r.register_year, r.register_seq), createdAt: r.created_at } : null;
  }

  async listByDay(day: string): Promise<DossierSummary[]> {
    const rows = await this.db.selectFrom('dossiers as d').select(summaryColumns).where('d.created_day', '=', day).orderBy('d.id', 'desc').execute();
    return rows.map((r) => toSummary(r as SummaryRow));
  }

  /**
   * One page of dossiers matching a lookup key and filters, newest first. Paging is by id
   * (`before`), never OFFSET, so the thousandth page costs what the first does.
   */
  search(key: LookupKey, filters: SearchFilters, limit: number): Promise<DossierSummary[]> {
    return this.finder.search(this.db, key, filters, limit);
  }

  async get(id: number): Promise<DossierDetail | undefined> {
    const r = await this.db.selectFrom('dossiers as d').selectAll('d').select(summaryColumns).where('d.id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const documents = await this.db
      .selectFrom('dossier_documents')
      .select(['seq', 'name', 'required', 'present', 'form', 'count'])
      .where('dossier_id', '=', id)
      .orderBy('seq')
      .execute();
    const events = await this.db
      .selectFrom('dossier_events')
      .select(['id', 'at', 'type', 'clerk_code', 'clerk_name', 'counter_code', 'data'])
      .where('dossier_id', '=', id)
      .orderBy('id')
      .execute();
    const fees = await this.db.selectFrom('dossier_fees').select(['name', 'amount']).where('dossier_id', '=', id).orderBy('line').execute();
    const resumes = r.resumes_dossier_id === null ? null : await this.linkWhere('id', r.resumes_dossier_id);
    return detailOf({ ...r, status: r.status as DossierStatus }, { documents, fees, events, resumes, resumedBy: await this.linkWhere('resumes_dossier_id', id) });
  }
}
