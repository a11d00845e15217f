import type { DossierSearchInput, DossierSummary } from '../../../../shared/contract/index.js';
import type { Data } from '../../db/data.js';
import type { LookupKey } from '../lookup-query.js';

export type SearchFilters = Pick<DossierSearchInput, 'from' | 'to' | 'status' | 'procedureCode' | 'clerkCode' | 'before'>;

/**
 * How an engine finds dossiers for the lookup screen (decision 0023). Keys are plain index
 * lookups, but names need a full-text index, which each engine builds its own way: SQLite has
 * FTS5 (migration 010), PostgreSQL will have its own. One implementation per engine, chosen
 * where the engine is opened; the repository and the lookup service do not know which.
 */
export interface DossierSearch {
  /** One page, newest first, at most `limit` rows, run on `db` (the root handle or a transaction). */
  search(db: Data, key: LookupKey, filters: SearchFilters, limit: number): Promise<DossierSummary[]>;
}
