import { sql, type ExpressionBuilder } from 'kysely';
import type { DossierStatus, DossierSummary } from '../../../shared/contract/index.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import type { Schema } from '../db/schema.js';

/**
 * The columns of a dossier in a list, the same on every engine. The ID shown is the first of the
 * sender's numbers that is set; the total is what was taken (fees and postage).
 */
export const summaryColumns = (eb: ExpressionBuilder<Schema & { d: Schema['dossiers'] }, 'd'>) =>
  [
    'd.id',
    'd.status',
    'd.register_year',
    'd.register_seq',
    'd.item_number',
    'd.sender_name',
    sql<string>`coalesce(nullif(${eb.ref('d.sender_personal_id')}, ''), nullif(${eb.ref('d.sender_old_id')}, ''), ${eb.ref('d.sender_business_code')})`.as('sender_id_number'),
    'd.procedure_code',
    'd.procedure_name',
    'd.agency_name',
    'd.created_at',
    eb(eb.ref('d.fees_total'), '+', eb.ref('d.postage')).as('total'),
  ] as const;

/**
 * The two computed columns of `summaryColumns` for a row just written, which is not read back:
 * the same rules, tested equal to what the engines compute (intake-detail test).
 */
export const computedColumns = (r: Pick<Schema['dossiers'], 'sender_personal_id' | 'sender_old_id' | 'sender_business_code' | 'fees_total' | 'postage'>) => ({
  sender_id_number: r.sender_personal_id || r.sender_old_id || r.sender_business_code,
  total: r.fees_total + r.postage,
});

export interface SummaryRow {
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

export const toSummary = (r: SummaryRow): DossierSummary => ({
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
