import type { DossierSearchInput, DossierSearchResult } from '../../../shared/contract/index.js';
import type { Actor } from '../system/actor.js';
import type { DossierRepository } from './dossier-repository.js';
import { readLookupQuery } from './lookup-query.js';

/** Finding dossiers: the lookup screen and, later, the returns screens use this one service. */
export class LookupService {
  constructor(
    private readonly dossiers: DossierRepository,
    /** writes the audit row of a citizen lookup: who searched, when, for what */
    private readonly recordLookup: (actor: Actor, kind: string, query: string) => Promise<void>,
  ) {}

  /**
   * Every lookup of a citizen passes through here. A search by ID number, phone or name is
   * recorded (who, when, what), as the personal-data rules ask of whoever processes citizens'
   * data; once per query, not again for each further page of its results.
   */
  async search(input: DossierSearchInput, actor: Actor): Promise<DossierSearchResult> {
    const { query, limit, ...filters } = input;
    const key = readLookupQuery(query);
    if ((key.kind === 'digits' || key.kind === 'name') && filters.before === undefined) {
      await this.recordLookup(actor, key.kind === 'digits' ? 'id-or-phone' : 'name', query.trim());
    }
    // One row more than the page tells whether another page exists without counting matches.
    const rows = await this.dossiers.search(key, filters, limit + 1);
    const more = rows.length > limit;
    if (more) rows.pop();
    return { rows, next: more ? rows[rows.length - 1]!.id : null, matchedBy: key.kind === 'digits' || key.kind === 'code' || key.kind === 'guidance' ? 'key' : key.kind };
  }
}
