import { statusLabel } from '../../../shared/lifecycle/labels.js';
import type { DossierStatus } from '../../../shared/lifecycle/states.js';
import { useT } from '../i18n.js';

/**
 * What each state asks of the clerk, as a colour beside its words (never a colour alone):
 * moving along, someone must act, done well, gone wrong, or over without a result.
 */
const TONE = {
  draft: 'ended',
  'guided-not-accepted': 'action',
  'accepted-at-post': 'done',
  voided: 'ended',
  'in-batch': 'progress',
  'handed-over': 'progress',
  'received-by-agency': 'progress',
  refused: 'problem',
  'supplement-requested': 'action',
  processing: 'progress',
  'result-ready': 'progress',
  'result-at-post': 'action',
  'out-for-delivery': 'progress',
  delivered: 'done',
  'delivery-failed': 'action',
  'returned-to-agency': 'problem',
  withdrawn: 'ended',
  stopped: 'ended',
} as const satisfies Record<DossierStatus, 'progress' | 'action' | 'done' | 'problem' | 'ended'>;

/** A dossier's state in the current language: the short words in lists, the long ones where there is room. */
export function StatusBadge({ status, length = 'short' }: { status: DossierStatus; length?: 'short' | 'long' }) {
  const t = useT();
  return <span className={`badge tone-${TONE[status]}`}>{statusLabel(status, t.lang, length)}</span>;
}
