import type { DossierSearchInput, DossierSearchResult } from '../../../shared/contract/index.js';
import type { DossierRepository } from './dossier-repository.js';
import { readLookupQuery } from './lookup-query.js';

/** Finding dossiers: the lookup screen and, later, the returns screens use this one service. */
export class LookupService {
  constructor(private readonly dossiers: DossierRepository) {}

  /**
   * Every lookup of a citizen, by ID number or by name, passes through here: this is the one
   * place where it is to be recorded in the audit log (who searched, what) once clerks sign in.
   */
  search(input: DossierSearchInput): DossierSearchResult {
    const { query, limit, ...filters } = input;
    const key = readLookupQuery(query);
    // One row more than the page tells whether another page exists without counting matches.
    const rows = this.dossiers.search(key, filters, limit + 1);
    const more = rows.length > limit;
    if (more) rows.pop();
    return { rows, next: more ? rows[rows.length - 1]!.id : null, matchedBy: key.kind === 'digits' || key.kind === 'code' || key.kind === 'guidance' ? 'key' : key.kind };
  }
}
