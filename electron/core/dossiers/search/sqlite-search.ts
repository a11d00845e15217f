import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DossierSummary } from '../../../../shared/contract/index.js';
import type { Data } from '../../db/data.js';
import type { Schema } from '../../db/schema.js';
import { summaryColumns, toSummary, type SummaryRow } from '../dossier-repository.js';
import type { LookupKey } from '../lookup-query.js';
import type { DossierSearch, SearchFilters } from './dossier-search.js';

/** The FTS5 index over folded names (migration 010); its rowid is the dossier's id. */
interface WithNames extends Schema {
  dossier_names: { rowid: number; sender_name_key: string };
}
type Eb = ExpressionBuilder<WithNames & { d: Schema['dossiers'] }, 'd' | 'dossier_names'>;

/** The phone as its digits; the same expression as the index dossiers_by_phone (migration 010). */
const phoneDigits = sql<string>`replace(replace(replace(d.sender_phone, ' ', ''), '.', ''), '-', '')`;

/** How each kind of lookup key narrows the dossiers; names go through the FTS5 index. */
function keyWhere(eb: Eb, key: LookupKey): Expression<SqlBool> | null {
  switch (key.kind) {
    case 'all':
      return null;
    case 'digits':
      // Each term names its index's condition too, so the planner can use the partial indexes.
      return eb.or([
        eb('d.sender_personal_id', '=', key.digits),
        eb.and([eb('d.sender_old_id', '=', key.digits), eb('d.sender_old_id', '<>', '')]),
        eb.and([eb('d.sender_business_code', '=', key.digits), eb('d.sender_business_code', '<>', '')]),
        eb.and([eb(phoneDigits, '=', key.digits), eb('d.sender_phone', '<>', '')]),
      ]);
    case 'register':
      return eb.and([eb('d.register_year', '=', key.year), eb('d.register_seq', '=', key.seq)]);
    case 'code':
      return eb.or([eb('d.item_number', '=', key.code), eb('d.agency_dossier_code', '=', key.code)]);
    case 'guidance':
      return eb.and([eb('d.id', '=', key.guidedId), eb('d.status', '=', 'guided-not-accepted')]);
    case 'name':
      return sql<SqlBool>`dossier_names MATCH ${key.match}`;
  }
}

/**
 * A filter SQLite must check row by row ("+column" keeps the planner off that column's index),
 * so a search by days keeps walking the day index in order.
 */
const rowByRow = (column: 'status' | 'procedure_code' | 'clerk_code') => sql.raw(`+d.${column}`);

function filterWhere(eb: Eb, f: SearchFilters, byDay: boolean): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.from !== undefined) out.push(eb('d.created_day', '>=', f.from));
  if (f.to !== undefined) out.push(eb('d.created_day', '<=', f.to));
  const equal = (column: 'status' | 'procedure_code' | 'clerk_code', value: string | undefined) => {
    if (value !== undefined) out.push(eb(byDay ? rowByRow(column) : eb.ref(`d.${column}`), '=', value));
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

/** Lookup on SQLite: B-tree indexes for keys, FTS5 for names. */
export const sqliteDossierSearch: DossierSearch = {
  async search(db: Data, key: LookupKey, filters: SearchFilters, limit: number): Promise<DossierSummary[]> {
    // Days only, no name: walk the day index (created_day, id) backwards, so an old range costs
    // what a recent one does. The order is the same, since a later dossier never has an earlier day.
    const byDay = key.kind === 'all' && (filters.from !== undefined || filters.to !== undefined);
    const names = db.withTables<{ dossier_names: WithNames['dossier_names'] }>();
    // A name query walks the FTS5 index newest first and stops at the page's end.
    const base =
      key.kind === 'name'
        ? names.selectFrom('dossier_names').innerJoin('dossiers as d', 'd.id', 'dossier_names.rowid')
        : names.selectFrom('dossiers as d');
    let q = base.select(summaryColumns).where((eb) => {
      const terms = [keyWhere(eb as Eb, key), ...filterWhere(eb as Eb, filters, byDay)].filter((t): t is Expression<SqlBool> => t !== null);
      return eb.and(terms);
    });
    q = key.kind === 'name' ? q.orderBy('dossier_names.rowid', 'desc') : byDay ? q.orderBy('d.created_day', 'desc').orderBy('d.id', 'desc') : q.orderBy('d.id', 'desc');
    return (await q.limit(limit).execute()).map((r) => toSummary(r as SummaryRow));
  },
};
