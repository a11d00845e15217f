import { formatDateTime } from '../../../shared/format/vn-time.js';
import type { LabelKey } from '../i18n.js';

/**
 * What a timeline line adds to an event's label: the agency's dossier code and appointment, its
 * reasons and requests, the result's return item — the data the lifecycle recorded with it.
 */
export function eventDetail(e: { type: string; data: Record<string, unknown> }, t: (key: LabelKey) => string): string {
  const d = e.data;
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  switch (e.type) {
    case 'received-by-agency':
      return [`${t('agencyDossierCode')}: ${text('agencyDossierCode')}`, text('appointmentDate') && `${t('appointmentDate')}: ${formatDateTime(text('appointmentDate'))}`].filter(Boolean).join(' · ');
    case 'refused':
    case 'unbatched':
    case 'withdrawn':
    case 'stopped':
    case 'voided':
      return text('reason');
    case 'handed-over':
      return [`${t('batch')} ${text('batchId')}`, text('officer') && `${t('handedOverTo')}: ${text('officer')}`].filter(Boolean).join(' · ');
    case 'supplement-requested':
      return text('missing');
    case 'result-ready':
      return [`${t('returnItemNumber')}: ${text('returnItemNumber')}`, Array.isArray(d['resultDocuments']) && `${t('resultDocuments')}: ${(d['resultDocuments'] as string[]).join('; ')}`].filter(Boolean).join(' · ');
    default:
      return '';
  }
}
