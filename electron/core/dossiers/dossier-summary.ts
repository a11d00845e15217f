import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { DossierStatus, DossierSummary } from '../../../shared/contract/index.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import type { Schema } from '../db/schema.js';

/** A column of the dossiers table, as the query at hand names it (`d.x` in a list, `x` in an INSERT's RETURNING). */
type DossierColumn = (name: 'sender_personal_id' | 'sender_old_id' | 'sender_business_code' | 'fees_total' | 'postage') => Expression<string | number>;

/**
 * The two columns a list computes, written once and computed by the engine wherever they are
 * read: the ID shown is the first of the sender's numbers that is set; the total is what was
 * taken (fees and postage). A row just written gets them from its INSERT's RETURNING, so the
 * dossier an intake hands its print jobs cannot differ from the one a list reads back.
 */
export const computedColumns = (col: DossierColumn) =>
  [
    sql<string>`coalesce(nullif(${col('sender_personal_id')}, ''), nullif(${col('sender_old_id')}, ''), ${col('sender_business_code')})`.as('sender_id_number'),
    sql<number>`${col('fees_total')} + ${col('postage')}`.as('total'),
  ] as const;

/** The columns of a dossier in a list, the same on every engine. */
export const summaryColumns = (eb: ExpressionBuilder<Schema & { d: Schema['dossiers'] }, 'd'>) =>
  [
    'd.id',
    'd.status',
    'd.register_year',
    'd.register_seq',
    'd.item_number',
    'd.sender_name',
    'd.procedure_code',
    'd.procedure_name',
    'd.agency_name',
    'd.created_at',
    ...computedColumns((name) => eb.ref(`d.${name}`)),
  ] as const;

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
