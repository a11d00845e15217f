import type { EventKind } from './events.js';
import type { DossierStatus } from './states.js';

/**
 * The dossier's life as one table: from each state, the events allowed and the state each
 * leads to. An event not listed for the current state is refused by the core. A state
 * with no events is final (states.ts says which, and a test holds the two together).
 * Rules that need the history, not just the state (two failed deliveries at least two
 * working days apart before a return to the agency), belong to the service that records them.
 */
export const TRANSITIONS = {
  // A "receive result only" dossier is already at the agency: registered, it waits for its result.
  draft: { accepted: 'accepted-at-post', guided: 'guided-not-accepted', 'received-by-agency': 'received-by-agency' },
  'guided-not-accepted': {},
  'accepted-at-post': { batched: 'in-batch', corrected: 'accepted-at-post', voided: 'voided' },
  voided: {},
  'in-batch': { 'handed-over': 'handed-over', unbatched: 'accepted-at-post', corrected: 'in-batch' },
  'handed-over': {
    'received-by-agency': 'received-by-agency',
    refused: 'refused',
    'supplement-requested': 'supplement-requested',
    withdrawn: 'withdrawn',
  },
  'received-by-agency': {
    processing: 'processing',
    'supplement-requested': 'supplement-requested',
    'result-ready': 'result-ready',
    refused: 'refused',
    withdrawn: 'withdrawn',
    stopped: 'stopped',
  },
  refused: {},
  'supplement-requested': {
    'received-by-agency': 'received-by-agency',
    processing: 'processing',
    refused: 'refused',
    withdrawn: 'withdrawn',
    stopped: 'stopped',
  },
  processing: {
    'supplement-requested': 'supplement-requested',
    'result-ready': 'result-ready',
    refused: 'refused',
    withdrawn: 'withdrawn',
    stopped: 'stopped',
  },
  'result-ready': { 'result-at-post': 'result-at-post' },
  'result-at-post': { delivered: 'delivered', 'out-for-delivery': 'out-for-delivery' },
  'out-for-delivery': { delivered: 'delivered', 'delivery-failed': 'delivery-failed' },
  delivered: {},
  'delivery-failed': { 'out-for-delivery': 'out-for-delivery', delivered: 'delivered', 'returned-to-agency': 'returned-to-agency' },
  'returned-to-agency': {},
  withdrawn: {},
  stopped: {},
} as const satisfies Record<DossierStatus, Partial<Record<EventKind, DossierStatus>>>;

/** The state `event` leads to from `current`, or null when the table does not allow it. */
export function transition(current: DossierStatus, event: EventKind): DossierStatus | null {
  const allowed: Partial<Record<EventKind, DossierStatus>> = TRANSITIONS[current];
  return allowed[event] ?? null;
}

/** Every state the table leads to from `from`, `from` included. */
function reachableFrom(from: DossierStatus): Set<DossierStatus> {
  const seen = new Set<DossierStatus>([from]);
  for (const state of seen) for (const next of Object.values(TRANSITIONS[state]) as DossierStatus[]) seen.add(next);
  return seen;
}

const ACCEPTED_STATES = reachableFrom('accepted-at-post');

/**
 * The post office took the dossier in, whatever happened to it since: an intake's answer can
 * come back late (a retry of the same form) when the dossier is already in a batch or beyond.
 */
export const wasAccepted = (status: DossierStatus): boolean => ACCEPTED_STATES.has(status);
