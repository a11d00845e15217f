/**
 * Every state a dossier can be in, from the counter to the citizen's hands (domain.md).
 * This list is the one to edit when the life grows: the compiler then asks for the new
 * state's facts below, its transitions (transitions.ts) and its labels (labels.ts), and a
 * test asks for the database's CHECK (a new migration).
 */
export const DOSSIER_STATUSES = [
  'draft',
  'guided-not-accepted',
  'accepted-at-post',
  'voided',
  'in-batch',
  'handed-over',
  'received-by-agency',
  'refused',
  'supplement-requested',
  'processing',
  'result-ready',
  'result-at-post',
  'out-for-delivery',
  'delivered',
  'delivery-failed',
  'returned-to-agency',
  'withdrawn',
  'stopped',
] as const;

export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** A new dossier row is born in this state; its first event (accepted or guided) moves it on. */
export const INITIAL_STATUS: DossierStatus = 'draft';

interface StateFacts {
  /** the dossier's life ends here: no event may follow (the graph test holds the table to it) */
  final: boolean;
  /** TrangThaiHoSo on the national portal and in agency updates, where the state has one */
  portalCode: number | null;
}

export const STATE_FACTS = {
  draft: { final: false, portalCode: null },
  'guided-not-accepted': { final: true, portalCode: null },
  'accepted-at-post': { final: false, portalCode: null },
  voided: { final: true, portalCode: null },
  'in-batch': { final: false, portalCode: null },
  'handed-over': { final: false, portalCode: null },
  'received-by-agency': { final: false, portalCode: 2 },
  refused: { final: true, portalCode: 3 },
  'supplement-requested': { final: false, portalCode: 5 },
  processing: { final: false, portalCode: 4 },
  'result-ready': { final: false, portalCode: 9 },
  'result-at-post': { final: false, portalCode: null },
  'out-for-delivery': { final: false, portalCode: null },
  delivered: { final: true, portalCode: 10 },
  'delivery-failed': { final: false, portalCode: null },
  'returned-to-agency': { final: true, portalCode: null },
  withdrawn: { final: true, portalCode: 7 },
  stopped: { final: true, portalCode: 8 },
} as const satisfies Record<DossierStatus, StateFacts>;
