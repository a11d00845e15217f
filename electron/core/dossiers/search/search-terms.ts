import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Data } from '../../db/data.js';
import type { Schema } from '../../db/schema.js';
import type { LookupKey } from '../lookup-query.js';
import type { SearchFilters } from './dossier-search.js';

/** The conditions both engines write the same way, over the dossiers table as `d`. */
export type DossierEb = ExpressionBuilder<{ d: Schema['dossiers'] }, 'd'>;
type NameKey = Extract<LookupKey, { kind: 'name' }>;
export type FilterColumn = 'status' | 'procedure_code' | 'clerk_code';

/** The phone as its digits; the same expression as the index dossiers_by_phone (both engines). */
const phoneDigits = sql<string>`replace(replace(replace(d.sender_phone, ' ', ''), '.', ''), '-', '')`;

/** Spells a filtered column; SQLite needs a hint wherever a search walks an index in order (see `filterWhere`). */
type Column = (eb: DossierEb, name: FilterColumn) => Expression<string> | RawBuilder<string>;

/** The engine's own ways: its full-text match of names, and its column hint where an index is walked in order. */
export interface EngineTerms {
  names: (key: NameKey) => Expression<SqlBool>;
  inOrder?: Column;
}

/**
 * The conditions of one page of a lookup: the key's and the screen's filters. A key of digits
 * carries the filters inside its page of ids (`newestByDigits`); the rest filter the rows found.
 */
export function lookupWhere(db: Data, eb: DossierEb, key: LookupKey, filters: SearchFilters, limit: number, engine: EngineTerms): Expression<SqlBool> {
  if (key.kind === 'digits') return eb('d.id', 'in', newestByDigits(db, key.digits, (e) => filterWhere(e, filters, false, engine.inOrder), limit));
  const byDay = searchesByDay(key, filters);
  const terms = [keyWhere(eb, key, engine.names), ...filterWhere(eb, filters, byDay, byDay ? engine.inOrder : undefined)];
  return eb.and(terms.filter((t): t is Expression<SqlBool> => t !== null));
}

/** How each kind of lookup key but digits narrows the dossiers; names go through the engine's own index. */
function keyWhere(eb: DossierEb, key: Exclude<LookupKey, { kind: 'digits' }>, names: (key: NameKey) => Expression<SqlBool>): Expression<SqlBool> | null {
  switch (key.kind) {
    case 'all':
      return null;
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
 * Where an ID number, phone or business code may be, compared digit for digit. Each term names
 * its index's condition too, so the planner can use the partial indexes.
 */
const DIGIT_TERMS: ((eb: DossierEb, digits: string) => Expression<SqlBool>)[] = [
  (eb, digits) => eb('d.sender_personal_id', '=', digits),
  (eb, digits) => eb.and([eb('d.sender_old_id', '=', digits), eb('d.sender_old_id', '<>', '')]),
  (eb, digits) => eb.and([eb('d.sender_business_code', '=', digits), eb('d.sender_business_code', '<>', '')]),
  (eb, digits) => eb.and([eb('d.bearer_id', '=', digits), eb('d.bearer_id', '<>', '')]),
  (eb, digits) => eb.and([eb(phoneDigits, '=', digits), eb('d.sender_phone', '<>', '')]),
];

/**
 * The ids of one page of dossiers a key of digits matches, newest first. An OR of the five
 * indexes makes either engine collect every match and sort it before the first page (a company's
 * code or a courier's ID can match thousands); here each index gives its own newest `limit`, in
 * its order (equal keys are kept in id order), and only those few are merged. The filters go
 * inside each branch: a branch cut at `limit` before filtering could hold none of the page.
 */
export function newestByDigits(db: Data, digits: string, within: (eb: DossierEb) => Expression<SqlBool>[], limit: number) {
  const [first, ...rest] = DIGIT_TERMS.map((term) =>
    db
      .selectFrom((q) =>
        q
          .selectFrom('dossiers as d')
          .select('d.id')
          .where((eb) => eb.and([term(eb as unknown as DossierEb, digits), ...within(eb as unknown as DossierEb)]))
          .orderBy('d.id', 'desc')
          .limit(limit)
          .as('b'),
      )
      .select('b.id'),
  );
  const merged = rest.reduce((all, branch) => all.union(branch), first!);
  return db.selectFrom(merged.as('m')).select('m.id').orderBy('m.id', 'desc').limit(limit);
}

/**
 * The screen's filters. `column` spells a filtered column: SQLite's planner needs a hint there
 * when the search walks the day index (`byDay`), PostgreSQL's does not.
 */
export function filterWhere(
  eb: DossierEb,
  f: SearchFilters,
  byDay: boolean,
  column: Column = (e, name) => e.ref(`d.${name}`),
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
