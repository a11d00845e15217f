import { sql, type SqlBool } from 'kysely';
import type { DossierSummary } from '../../../../shared/contract/index.js';
import type { Data } from '../../db/data.js';
import { summaryColumns, toSummary, type SummaryRow } from '../dossier-summary.js';
import type { LookupKey } from '../lookup-query.js';
import type { DossierSearch, SearchFilters } from './dossier-search.js';
import { lookupWhere, searchesByDay, type DossierEb } from './search-terms.js';

/**
 * PostgreSQL's text-search query: words joined by `&`, the one being typed with `:*` (a
 * prefix). The words are the folded name's [a-z0-9] runs, so none carries a query operator.
 */
export function tsQuery(words: string[], lastIsPrefix: boolean): string {
  return words.map((w, i) => `${w}${lastIsPrefix && i === words.length - 1 ? ':*' : ''}`).join(' & ');
}

/**
 * Names through the GIN index dossiers_by_name_words (migrations-pg 015): the expression must
 * be the index's own, `'simple'` written literally so it is read as the configuration.
 */
const byName = (k: { words: string[]; lastIsPrefix: boolean }) =>
  sql<SqlBool>`to_tsvector('simple', d.sender_name_key) @@ to_tsquery('simple', ${tsQuery(k.words, k.lastIsPrefix)})`;

/** Lookup on PostgreSQL: B-tree indexes for keys, the GIN text-search index for names. */
export const postgresDossierSearch: DossierSearch = {
  async search(db: Data, key: LookupKey, filters: SearchFilters, limit: number): Promise<DossierSummary[]> {
    const byDay = searchesByDay(key, filters);
    let q = db
      .selectFrom('dossiers as d')
      .select(summaryColumns)
      .where((eb) => lookupWhere(db, eb as unknown as DossierEb, key, filters, limit, { names: byName }));
    q = byDay ? q.orderBy('d.created_day', 'desc').orderBy('d.id', 'desc') : q.orderBy('d.id', 'desc');
    return (await q.limit(limit).execute()).map((r) => toSummary(r as SummaryRow));
  },
};
