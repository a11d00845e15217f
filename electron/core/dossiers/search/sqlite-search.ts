import { sql, type SqlBool } from 'kysely';
import type { DossierSummary } from '../../../../shared/contract/index.js';
import type { Data } from '../../db/data.js';
import type { Schema } from '../../db/schema.js';
import { summaryColumns, toSummary, type SummaryRow } from '../dossier-summary.js';
import type { LookupKey } from '../lookup-query.js';
import type { DossierSearch, SearchFilters } from './dossier-search.js';
import { lookupWhere, searchesByDay, type DossierEb, type EngineTerms, type FilterColumn } from './search-terms.js';

/** The FTS5 index over folded names (migration 010); its rowid is the dossier's id. */
interface WithNames extends Schema {
  dossier_names: { rowid: number; sender_name_key: string };
}

/** FTS5's query: each word quoted (whole), the one being typed with `*` (a prefix). */
function ftsMatch(words: string[], lastIsPrefix: boolean): string {
  return words.map((w, i) => `"${w}"${lastIsPrefix && i === words.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * A filter SQLite must check row by row ("+column" keeps the planner off that column's index),
 * so a search by days keeps walking the day index in order, and one by digits each key's index.
 */
const rowByRow = (_eb: DossierEb, column: FilterColumn) => sql<string>`${sql.raw(`+d.${column}`)}`;

const SQLITE: EngineTerms = {
  names: (k) => sql<SqlBool>`dossier_names MATCH ${ftsMatch(k.words, k.lastIsPrefix)}`,
  inOrder: rowByRow,
};

/** Lookup on SQLite: B-tree indexes for keys, FTS5 for names. */
export const sqliteDossierSearch: DossierSearch = {
  async search(db: Data, key: LookupKey, filters: SearchFilters, limit: number): Promise<DossierSummary[]> {
    // The order is the same by day as by id, since a later dossier never has an earlier day;
    // walking the day index makes an old range cost what a recent one does.
    const byDay = searchesByDay(key, filters);
    const names = db.withTables<{ dossier_names: WithNames['dossier_names'] }>();
    // A name query walks the FTS5 index newest first and stops at the page's end.
    const base =
      key.kind === 'name'
        ? names.selectFrom('dossier_names').innerJoin('dossiers as d', 'd.id', 'dossier_names.rowid')
        : names.selectFrom('dossiers as d');
    let q = base.select(summaryColumns).where((eb) => lookupWhere(db, eb as unknown as DossierEb, key, filters, limit, SQLITE));
    q = key.kind === 'name' ? q.orderBy('dossier_names.rowid', 'desc') : byDay ? q.orderBy('d.created_day', 'desc').orderBy('d.id', 'desc') : q.orderBy('d.id', 'desc');
    return (await q.limit(limit).execute()).map((r) => toSummary(r as SummaryRow));
  },
};
