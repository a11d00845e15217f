import { createHmac } from 'node:crypto';
import { compiledOnce } from '../db/compiled-once.js';
import type { Data } from '../db/data.js';
import type { Schema } from '../db/schema.js';

/**
 * The MACs dossiers, their events and their print jobs carry under the audit key (decision 0066),
 * so that whoever edits the database file without the key cannot change a citizen's record,
 * rewrite its history or remove a receipt unseen.
 *
 * - content (`dossiers.mac`): what was taken in — citizen, procedure, documents, fee lines, totals.
 *   It changes only through a correction, which seals it again.
 * - state (`dossiers.state_mac`): what moves — status, register number, agency code — with the
 *   content MAC, the id, and the last event's and print job's MACs, so a row's content cannot be
 *   moved to another id and the last event or job cannot be removed unseen.
 * - each event and each print job of a dossier: its own content and the MAC of the dossier's one
 *   before it (`prev_mac`), so a removal or a reorder shows as a broken link.
 * Values are hashed as text (numbers as digits), so either engine's driver types read alike.
 */

/** The columns of the content seal: all but the id, the state and the MACs. */
export const SEALED_COLUMNS = [
  'created_at', 'created_day', 'accepted_at', 'item_number', 'catalog_version', 'procedure_code', 'procedure_name',
  'agency_code', 'agency_name', 'sender_kind', 'sender_name', 'sender_name_key', 'sender_personal_id', 'sender_old_id',
  'sender_business_code', 'sender_birth_date', 'sender_gender', 'sender_address', 'sender_phone', 'sender_email',
  'bearer_name', 'bearer_id', 'resumes_dossier_id', 'service', 'return_method', 'delivery_address', 'fee_reason',
  'fees_total', 'postage', 'expected_handover_date', 'expected_handover_provisional', 'deadline_days', 'deadline_unit',
  'deadline_text', 'estimated_result_date', 'office_code', 'office_name', 'counter_code', 'clerk_code', 'clerk_name',
] as const satisfies readonly (keyof Schema['dossiers'])[];

export type SealedContent = Record<(typeof SEALED_COLUMNS)[number], unknown>;
export type SealedDocument = { seq: unknown; name: unknown; required: unknown; present: unknown; form: unknown; count: unknown };
export type SealedFee = { line: unknown; name: unknown; amount: unknown };

export interface DossierState {
  id: unknown;
  mac: string | null;
  status: unknown;
  agency_dossier_code: unknown;
  register_year: unknown;
  register_seq: unknown;
  event_head: string | null;
  job_head: string | null;
}

export type SealedEvent = { dossier_id: unknown; at: unknown; type: unknown; clerk_code: unknown; clerk_name: unknown; counter_code: unknown; data: unknown };
export type SealedJob = { dossier_id: unknown; document: unknown; copy_label: unknown; reprint: unknown; created_at: unknown; clerk_code: unknown; clerk_name: unknown; recipe_id: unknown; layout_version: unknown };

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const hmac = (key: Buffer, fields: unknown[]): string => createHmac('sha256', key).update(JSON.stringify(fields.map(text)), 'utf8').digest('hex');

export function contentMac(key: Buffer, row: SealedContent, documents: SealedDocument[], fees: SealedFee[]): string {
  const docs = [...documents].sort((a, b) => Number(a.seq) - Number(b.seq)).map((d) => JSON.stringify([d.seq, d.name, d.required, d.present, d.form, d.count].map(text)));
  const lines = [...fees].sort((a, b) => Number(a.line) - Number(b.line)).map((f) => JSON.stringify([f.line, f.name, f.amount].map(text)));
  return hmac(key, ['bcci-dossier-v1', ...SEALED_COLUMNS.map((c) => row[c]), docs.join('\n'), lines.join('\n')]);
}

export function stateMac(key: Buffer, s: DossierState): string {
  return hmac(key, ['bcci-dossier-state-v1', s.id, s.mac, s.status, s.agency_dossier_code, s.register_year, s.register_seq, s.event_head, s.job_head]);
}

export function eventMac(key: Buffer, prevMac: string, e: SealedEvent): string {
  return hmac(key, ['bcci-event-v1', e.dossier_id, prevMac, e.at, e.type, e.clerk_code, e.clerk_name, e.counter_code, e.data]);
}

export function jobMac(key: Buffer, prevMac: string, j: SealedJob): string {
  return hmac(key, ['bcci-print-job-v1', j.dossier_id, prevMac, j.document, j.copy_label, j.reprint, j.created_at, j.clerk_code, j.clerk_name, j.recipe_id, j.layout_version]);
}

/** A dossier's state as stored, with the MACs of its last event and print job (one statement, by index). */
const stateOf = compiledOnce((db, v: { id: number }) =>
  db
    .selectFrom('dossiers as d')
    .select((eb) => [
      'd.id',
      'd.mac',
      'd.status',
      'd.agency_dossier_code',
      'd.register_year',
      'd.register_seq',
      eb.selectFrom('dossier_events as e').select('e.mac').whereRef('e.dossier_id', '=', 'd.id').orderBy('e.id', 'desc').limit(1).as('event_head'),
      eb.selectFrom('print_jobs as j').select('j.mac').whereRef('j.dossier_id', '=', 'd.id').orderBy('j.id', 'desc').limit(1).as('job_head'),
    ])
    .where('d.id', '=', v.id),
);

export const readState = async (db: Data, id: number): Promise<DossierState | undefined> => (await stateOf(db, { id }))[0];

/**
 * Takes the dossier's row lock for the rest of the transaction. On an office server two writers
 * of one dossier (two supervisors, a reprint and a void) then go one after the other, and the
 * second reads the heads the first wrote: neither chains to a head the other is replacing. A
 * counter's own file is locked whole by its write transaction already.
 */
export async function holdDossier(db: Data, id: number): Promise<void> {
  await db.updateTable('dossiers').set((eb) => ({ status: eb.ref('status') })).where('id', '=', id).execute();
}

/** Seals a dossier's state again after a write that changed it (a correction, a reprint). */
export async function resealState(db: Data, key: Buffer, id: number): Promise<void> {
  const s = await readState(db, id);
  if (s) await db.updateTable('dossiers').set({ state_mac: stateMac(key, s) }).where('id', '=', id).execute();
}

export interface StoredContent {
  row: SealedContent & { id: number; mac: string | null };
  documents: SealedDocument[];
  fees: SealedFee[];
}

/** The sealed content of the dossiers with ids in [from, to], with their documents and fee lines. */
export async function readContents(db: Data, from: number, to: number): Promise<StoredContent[]> {
  const rows = await db.selectFrom('dossiers').select(['id', 'mac', ...SEALED_COLUMNS]).where('id', '>=', from).where('id', '<=', to).orderBy('id').execute();
  const docs = await db.selectFrom('dossier_documents').select(['dossier_id', 'seq', 'name', 'required', 'present', 'form', 'count']).where('dossier_id', '>=', from).where('dossier_id', '<=', to).execute();
  const fees = await db.selectFrom('dossier_fees').select(['dossier_id', 'line', 'name', 'amount']).where('dossier_id', '>=', from).where('dossier_id', '<=', to).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), { row: { ...r, id: Number(r.id) }, documents: [] as SealedDocument[], fees: [] as SealedFee[] }]));
  for (const d of docs) byId.get(Number(d.dossier_id))?.documents.push(d);
  for (const f of fees) byId.get(Number(f.dossier_id))?.fees.push(f);
  return [...byId.values()];
}

/** Seals a dossier's content again after a correction changed it, then its state. */
export async function resealContent(db: Data, key: Buffer, id: number): Promise<void> {
  const [c] = await readContents(db, id, id);
  if (!c) return;
  await db.updateTable('dossiers').set({ mac: contentMac(key, c.row, c.documents, c.fees) }).where('id', '=', id).execute();
  await resealState(db, key, id);
}
