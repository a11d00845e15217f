/**
 * The right to do the work that must run once per office: sending its outbox and reading the
 * agencies' updates (decision 0034). A counter on its own SQLite file always has it (the data
 * folder's single-instance lock already keeps a second process out); counters sharing an
 * office server take turns through `AdvisoryLease` (db/postgres/advisory-lease.ts).
 */
export interface WorkLease {
  /** true while this counter may do the work; asked before each round */
  held(): Promise<boolean>;
  release(): Promise<void>;
}

export const SOLE_COUNTER: WorkLease = { held: async () => true, release: async () => undefined };
