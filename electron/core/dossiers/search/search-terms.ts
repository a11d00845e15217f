import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { LookupKey } from '../lookup-query.js';
import type { SearchFilters } from './dossier-search.js';

/** The conditions both engines write the same way, over the dossiers table as `d`. */
export type DossierEb = ExpressionBuilder<{ d: Schema['dossiers'] }, 'd'>;
type NameKey = Extract<LookupKey, { kind: 'name' }>;
export type FilterColumn = 'status' | 'procedure_code' | 'clerk_code';

/** The phone as its digits; the same expression as the index dossiers_by_phone (both engines). */
const phoneDigits = sql<string>`replace(replace(replace(d.sender_phone, ' ', ''), '.', ''), '-', '')`;

/** How each kind of lookup key narrows the dossiers; names go through the engine's own index. */
export function keyWhere(eb: DossierEb, key: LookupKey, names: (key: NameKey) => Expression<SqlBool>): Expression<SqlBool> | null {
  switch (key.kind) {
    case 'all':
      return null;
    case 'digits':
      // Each term names its index's condition too, so the planner can use the partial indexes.
      return eb.or([
        eb('d.sender_personal_id', '=', key.digits),
        eb.and([eb('d.sender_old_id', '=', key.digits), eb('d.sender_old_id', '<>', '')]),
        eb.and([eb('d.sender_business_code', '=', key.digits), eb('d.sender_business_code', '<>', '')]),
        eb.and([eb('d.bearer_id', '=', key.digits), eb('d.bearer_id', '<>', '')]),
        eb.and([eb(phoneDigits, '=', key.digits), eb('d.sender_phone', '<>', '')]),
      ]);
    case 'register':
      return eb.and([eb('d.register_year', '=', key.year), eb('d.register_seq', '=', key.seq)]);
    case 'code':
      return eb.or([eb('d.item_number', '=', key.code), eb('d.agency_dossier_code', '=', key.code)]);
    case 'guidance':
      return eb.and([eb('d.id', '=', key.guidedId), eb('d.status', '=', 'guided-not-accepted')]);
    case 'name':
      return names(key);
  }
}

/**
 * The screen's filters. `column` spells a filtered column: SQLite's planner needs a hint there
 * when the search walks the day index (`byDay`), PostgreSQL's does not.
 */
export function filterWhere(
  eb: DossierEb,
  f: SearchFilters,
  byDay: boolean,
  column: (eb: DossierEb, name: FilterColumn) => Expression<string> | RawBuilder<string> = (e, name) => e.ref(`d.${name}`),
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.from !== undefined) out.push(eb('d.created_day', '>=', f.from));
  if (f.to !== undefined) out.push(eb('d.created_day', '<=', f.to));
  const equal = (name: FilterColumn, value: string | undefined) => {
    if (value !== undefined) out.push(eb(column(eb, name), '=', value));
  };
  equal('status', f.status);
  equal('procedure_code', f.procedureCode);
  equal('clerk_code', f.clerkCode);
  if (f.before !== undefined) {
    // Paging along the day index: after the row `before` in (day, id) order.
    out.push(
      byDay
        ? sql<SqlBool>`(d.created_day, d.id) < ((SELECT created_day FROM dossiers WHERE id = ${f.before}), ${f.before})`
        : eb('d.id', '<', f.before),
    );
  }
  return out;
}

/** Days only, no name: the search walks the day index backwards, newest first. */
export const searchesByDay = (key: LookupKey, f: SearchFilters) => key.kind === 'all' && (f.from !== undefined || f.to !== undefined);
