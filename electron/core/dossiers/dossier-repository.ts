import type { Db } from '../db/open.js';
import type { Statement } from 'better-sqlite3';
import type { DossierDetail, DossierSearchInput, DossierStatus, DossierSummary, FeeLine, Sender } from '../../../shared/contract/index.js';
import { parseGuidanceCode } from '../../../shared/ids/guidance-code.js';
import type { Actor } from '../system/actor.js';
import type { LookupKey } from './lookup-query.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import type { DossierEvent, EventKind } from '../../../shared/lifecycle/events.js';
import { nextStatus } from './lifecycle-guard.js';

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
}

const SUMMARY_COLUMNS = `d.id, d.status, d.register_year, d.register_seq, d.item_number, d.sender_name,
  coalesce(nullif(d.sender_personal_id, ''), nullif(d.sender_old_id, ''), d.sender_business_code) AS sender_id_number,
  d.procedure_code, d.procedure_name, d.agency_name, d.created_at, d.fees_total + d.postage AS total`;

/** The phone as its digits; the same expression as the index dossiers_by_phone (migration 010). */
const PHONE_DIGITS = `replace(replace(replace(d.sender_phone, ' ', ''), '.', ''), '-', '')`;

/** How each kind of lookup key narrows the dossiers; names go through the FTS5 index. */
const KEY_WHERE: Record<LookupKey['kind'], string> = {
  all: '',
  // Each term names its index's condition too, so the planner can use the partial indexes.
  digits: `(d.sender_personal_id = @digits OR (d.sender_old_id = @digits AND d.sender_old_id <> '')
    OR (d.sender_business_code = @digits AND d.sender_business_code <> '') OR (${PHONE_DIGITS} = @digits AND d.sender_phone <> ''))`,
  register: 'd.register_year = @year AND d.register_seq = @seq',
  code: '(d.item_number = @code OR d.agency_dossier_code = @code)',
  guidance: "d.id = @guidedId AND d.status = 'guided-not-accepted'",
  name: 'dossier_names MATCH @match',
};

type SearchFilters = Pick<DossierSearchInput, 'from' | 'to' | 'status' | 'procedureCode' | 'clerkCode' | 'before'>;
const FILTER_WHERE: Record<keyof SearchFilters, string> = {
  from: 'd.created_day >= @from',
  to: 'd.created_day <= @to',
  status: 'd.status = @status',
  procedureCode: 'd.procedure_code = @procedureCode',
  clerkCode: 'd.clerk_code = @clerkCode',
  before: 'd.id < @before',
};
/** A filter SQLite must check row by row ("+column"), so it keeps walking the day index in order. */
const notIndexed = (condition: string) => condition.replace(/^d\.(status|procedure_code|clerk_code)\b/, '+d.$1');
/** `before` when pages follow the day index: after the row `before` in (day, id) order. */
const BEFORE_BY_DAY = '(d.created_day, d.id) < ((SELECT created_day FROM dossiers WHERE id = @before), @before)';

interface SummaryRow {
  id: number;
  status: DossierStatus;
  register_year: number | null;
  register_seq: number | null;
  item_number: string | null;
  sender_name: string;
  sender_id_number: string;
  procedure_code: string;
  procedure_name: string;
  agency_name: string;
  created_at: string;
  total: number;
}

export const formatRegisterNo = (year: number | null, seq: number | null) =>
  year === null || seq === null ? null : registerNo(year, seq);

const toSummary = (r: SummaryRow): DossierSummary => ({
  id: r.id,
  status: r.status,
  registerNo: formatRegisterNo(r.register_year, r.register_seq),
  itemNumber: r.item_number,
  senderName: r.sender_name,
  senderIdNumber: r.sender_id_number,
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name,
  agencyName: r.agency_name,
  createdAt: r.created_at,
  total: r.total,
});

/** All SQL about dossiers. Callers run the write methods inside one transaction. */
export class DossierRepository {
  private readonly q;
  /** lookup statements by their SQL: one per combination of key kind and filters used */
  private readonly searches = new Map<string, Statement>();

  constructor(readonly db: Db) {
    this.q = {
      nextRegister: db.prepare(
        `INSERT INTO register_counters (year, last_seq) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      ),
      nextSerial: db.prepare(
        `INSERT INTO item_serials (service, country, last_serial) VALUES (@service, @country, @first)
         ON CONFLICT (service, country) DO UPDATE SET last_serial = max(last_serial + 1, @first)
         RETURNING last_serial`,
      ),
      lastSerial: db.prepare('SELECT last_serial FROM item_serials WHERE service = ? AND country = ?'),
      itemTaken: db.prepare('SELECT 1 FROM dossiers WHERE item_number = ?'),
      insert: db.prepare(
        `INSERT INTO dossiers (status, created_at, created_day, accepted_at, register_year, register_seq, item_number,
           catalog_version, procedure_code, procedure_name, agency_code, agency_name,
           sender_kind, sender_name, sender_name_key, sender_personal_id, sender_old_id, sender_business_code,
           sender_birth_date, sender_gender, sender_address, sender_phone, sender_email,
           service, return_method, delivery_address, fee_reason, fees_total, postage, expected_handover_date,
           expected_handover_provisional, deadline_days, deadline_unit, deadline_text, estimated_result_date, office_code, office_name, counter_code, clerk_code, clerk_name)
         VALUES (@status, @createdAt, @createdDay, @acceptedAt, @registerYear, @registerSeq, @itemNumber,
           @catalogVersion, @procedureCode, @procedureName, @agencyCode, @agencyName,
           @kind, @fullName, @senderNameKey, @personalId, @oldId, @businessCode,
           @birthDate, @gender, @address, @phone, @email,
           @service, @returnMethod, @deliveryAddress, @feeReason, @feesTotal, @postage, @expectedHandoverDate,
           @expectedHandoverProvisional, @deadlineDays, @deadlineUnit, @deadlineText, @estimatedResultDate, @officeCode, @officeName, @counterCode, @clerkCode, @clerkName)`,
      ),
      insertDocument: db.prepare(
        'INSERT INTO dossier_documents (dossier_id, seq, name, required, present, form, count) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertFee: db.prepare('INSERT INTO dossier_fees (dossier_id, line, name, amount) VALUES (?, ?, ?, ?)'),
      statusOf: db.prepare('SELECT status FROM dossiers WHERE id = ?'),
      setStatus: db.prepare('UPDATE dossiers SET status = ? WHERE id = ?'),
      insertEvent: db.prepare(
        `INSERT INTO dossier_events (dossier_id, at, type, clerk_code, clerk_name, counter_code, data)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      requestOf: db.prepare('SELECT payload_sha256, dossier_id FROM intake_requests WHERE request_key = ?'),
      insertRequest: db.prepare('INSERT INTO intake_requests (request_key, payload_sha256, dossier_id, created_at) VALUES (?, ?, ?, ?)'),
      byCode: db.prepare('SELECT id FROM dossiers WHERE item_number = ? OR agency_dossier_code = ? LIMIT 1'),
      guided: db.prepare("SELECT id FROM dossiers WHERE id = ? AND status = 'guided-not-accepted'"),
      byDay: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.created_day = ? ORDER BY d.id DESC`),
      one: db.prepare(`SELECT d.*, ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.id = ?`),
      documents: db.prepare(
        'SELECT seq, name, required, present, form, count FROM dossier_documents WHERE dossier_id = ? ORDER BY seq',
      ),
      fees: db.prepare('SELECT name, amount FROM dossier_fees WHERE dossier_id = ? ORDER BY line'),
      events: db.prepare(
        'SELECT id, at, type, clerk_code, clerk_name, counter_code, data FROM dossier_events WHERE dossier_id = ? ORDER BY id',
      ),
    };
  }

  /** The year's next register number; gapless because it rolls back with the dossier. */
  nextRegisterSeq(year: number): number {
    return (this.q.nextRegister.get(year) as { last_seq: number }).last_seq;
  }

  nextSerial(service: string, country: string, first: number): number {
    return (this.q.nextSerial.get({ service, country, first }) as { last_serial: number }).last_serial;
  }

  lastSerial(service: string, country: string): number | undefined {
    return (this.q.lastSerial.get(service, country) as { last_serial: number } | undefined)?.last_serial;
  }

  itemNumberTaken(itemNumber: string): boolean {
    return this.q.itemTaken.get(itemNumber) !== undefined;
  }

  insert(d: NewDossier, register: { year: number; seq: number } | null, itemNumber: string | null, actor: Actor): number {
    const feesTotal = d.fees.reduce((sum, f) => sum + f.amount, 0);
    const id = Number(
      this.q.insert.run({
        ...d,
        ...d.sender,
        registerYear: register?.year ?? null,
        registerSeq: register?.seq ?? null,
        itemNumber,
        feesTotal,
        expectedHandoverProvisional: d.expectedHandoverProvisional ? 1 : 0,
        ...actor,
      }).lastInsertRowid,
    );
    for (const doc of d.documents) {
      this.q.insertDocument.run(id, doc.seq, doc.name, doc.required ? 1 : 0, doc.present ? 1 : 0, doc.form, doc.count);
    }
    d.fees.forEach((f, i) => this.q.insertFee.run(id, i + 1, f.name, f.amount));
    return id;
  }

  /**
   * The one way a dossier's status changes: the lifecycle table gives the next state or
   * refuses (then nothing is written), and the state and the event are written together.
   */
  appendEvent(dossierId: number, at: string, event: DossierEvent, actor: Actor): DossierStatus {
    const current = this.q.statusOf.get(dossierId) as { status: DossierStatus } | undefined;
    const next = nextStatus(dossierId, current?.status, event);
    this.q.setStatus.run(next.status, dossierId);
    this.q.insertEvent.run(dossierId, at, event.kind, actor.clerkCode, actor.clerkName, actor.counterCode, JSON.stringify(next.data));
    return next.status;
  }

  /** The dossier an intake request (the page's key for one form) already made, if any. */
  requestOf(key: string): { payloadSha256: string; dossierId: number } | undefined {
    const r = this.q.requestOf.get(key) as { payload_sha256: string; dossier_id: number } | undefined;
    return r && { payloadSha256: r.payload_sha256, dossierId: r.dossier_id };
  }

  recordRequest(key: string, payloadSha256: string, dossierId: number, at: string): void {
    this.q.insertRequest.run(key, payloadSha256, dossierId, at);
  }

  /** A dossier by its item number, the agency's dossier code, or its guidance slip's code. */
  idByCode(code: string): number | undefined {
    const guided = parseGuidanceCode(code);
    if (guided !== undefined) return (this.q.guided.get(guided) as { id: number } | undefined)?.id;
    return (this.q.byCode.get(code, code) as { id: number } | undefined)?.id;
  }

  listByDay(day: string): DossierSummary[] {
    return (this.q.byDay.all(day) as SummaryRow[]).map(toSummary);
  }

  /**
   * One page of dossiers matching a lookup key and filters, newest first. Paging is by id
   * (`before`), never OFFSET, so the thousandth page costs what the first does.
   */
  search(key: LookupKey, filters: SearchFilters, limit: number): DossierSummary[] {
    // Days only, no name: walk the day index (created_day, id) backwards, so an old range costs
    // what a recent one does. The order is the same, since a later dossier never has an earlier day.
    const byDay = key.kind === 'all' && (filters.from !== undefined || filters.to !== undefined);
    const where = [KEY_WHERE[key.kind], ...(Object.keys(FILTER_WHERE) as (keyof SearchFilters)[])
      .filter((f) => filters[f] !== undefined)
      .map((f) => (!byDay ? FILTER_WHERE[f] : f === 'before' ? BEFORE_BY_DAY : notIndexed(FILTER_WHERE[f])))].filter(Boolean);
    // A name query walks the FTS5 index newest first and stops at the page's end.
    const from = key.kind === 'name' ? 'dossier_names JOIN dossiers d ON d.id = dossier_names.rowid' : 'dossiers d';
    const order = key.kind === 'name' ? 'dossier_names.rowid DESC' : byDay ? 'd.created_day DESC, d.id DESC' : 'd.id DESC';
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
    let statement = this.searches.get(sql);
    if (!statement) this.searches.set(sql, (statement = this.db.prepare(sql)));
    const { kind: _kind, ...keyParams } = key as LookupKey & Record<string, unknown>;
    const params = Object.fromEntries(Object.entries({ ...keyParams, ...filters, limit }).filter(([, v]) => v !== undefined));
    return (statement.all(params) as SummaryRow[]).map(toSummary);
  }

  get(id: number): DossierDetail | undefined {
    const r = this.q.one.get(id) as Record<string, never> | undefined;
    if (!r) return undefined;
    const documents = (this.q.documents.all(id) as { seq: number; name: string; required: number; present: number; form: 'original' | 'copy'; count: number }[]).map(
      (d) => ({ ...d, required: d.required === 1, present: d.present === 1 }),
    );
    const events = (this.q.events.all(id) as { id: number; at: string; type: EventKind; clerk_code: string; clerk_name: string; counter_code: string; data: string }[]).map(
      (e) => ({ id: e.id, at: e.at, type: e.type, clerkCode: e.clerk_code, clerkName: e.clerk_name, counterCode: e.counter_code, data: JSON.parse(e.data) as Record<string, unknown> }),
    );
    return {
      ...toSummary(r as unknown as SummaryRow),
      sender: {
        kind: r['sender_kind'],
        fullName: r['sender_name'],
        personalId: r['sender_personal_id'],
        oldId: r['sender_old_id'],
        businessCode: r['sender_business_code'],
        birthDate: r['sender_birth_date'],
        gender: r['sender_gender'],
        address: r['sender_address'],
        phone: r['sender_phone'],
        email: r['sender_email'],
      },
      agencyCode: r['agency_code'],
      catalogVersion: r['catalog_version'],
      service: r['service'],
      returnMethod: r['return_method'],
      deliveryAddress: r['delivery_address'],
      documents,
      fees: this.q.fees.all(id) as FeeLine[],
      feeReason: r['fee_reason'],
      postage: r['postage'],
      acceptedAt: r['accepted_at'],
      expectedHandoverDate: r['expected_handover_date'],
      expectedHandoverProvisional: r['expected_handover_provisional'] === 1,
      deadlineDays: r['deadline_days'],
      deadlineUnit: r['deadline_unit'],
      deadlineText: r['deadline_text'],
      estimatedResultDate: r['estimated_result_date'],
      officeCode: r['office_code'],
      officeName: r['office_name'],
      counterCode: r['counter_code'],
      clerkCode: r['clerk_code'],
      clerkName: r['clerk_name'],
      events,
    };
  }
}
