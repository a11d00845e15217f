import { useState } from 'react';
import type { PrintJob } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { api, errorData } from '../rpc.js';
import { useT, type LabelKey } from '../i18n.js';
import { copyLabelIn } from '../../../shared/printing/receipt-copies.js';
import { useLiveJobs } from './PrintQueueContext.js';

const STATE: Record<PrintJob['state'], LabelKey> = {
  queued: 'jobQueued',
  sending: 'jobSending',
  sent: 'jobSent',
  unconfirmed: 'jobUnconfirmed',
  saved: 'jobSaved',
  held: 'jobHeld',
  dismissed: 'jobDismissed',
  failed: 'jobFailed',
  unknown: 'jobUnknown',
};
export const DOC: Record<PrintJob['document'], LabelKey> = {
  receipt: 'docReceipt',
  label: 'docLabel',
  guidance: 'docGuidance',
  test: 'docTest',
  'batch-label': 'docBatchLabel',
  'day-report': 'docDayReport',
  'delivery-note': 'docDeliveryNote',
};

/** Print jobs with their state in words, the reason for a fault, and what the clerk may do. */
export function JobList({ jobs, showDossier = false }: { jobs: PrintJob[]; showDossier?: boolean }) {
  const t = useT();
  const live = useLiveJobs(jobs);
  const [problem, setProblem] = useState<string>();
  const [confirming, setConfirming] = useState<number | null>(null);

  const retry = (job: PrintJob, confirm: boolean) =>
    api.printing
      .retry({ jobId: job.id, confirm })
      .then(() => {
        setConfirming(null);
        setProblem(undefined);
      })
      .catch((e) => setProblem(t.msg(errorData(e))));
  const dismiss = (job: PrintJob) =>
    api.printing
      .dismiss({ jobId: job.id })
      .then(() => setProblem(undefined))
      .catch((e) => setProblem(t.msg(errorData(e))));

  if (live.length === 0) return null;
  return (
    <div className="jobs">
      <table className="grid job-table" aria-label={t('printJobs')}>
        <thead>
          <tr>
            <th scope="col">{t('document')}</th>
            {showDossier && <th scope="col">{t('dossier')}</th>}
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('printer')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {live.map((j) => (
            <tr key={j.id}>
              <td>
                {t(DOC[j.document])}
                {j.copyLabel ? ` — ${copyLabelIn(j.copyLabel, t.lang)}` : ''}
                {j.reprint ? ` (${t('reprintBy')} ${j.clerkName})` : ''}
              </td>
              {showDossier && <td className="mono small">{j.dossierRef ?? '—'}</td>}
              <td>
                <span className={`badge job-${j.state}`}>{t(STATE[j.state])}</span>
                {j.error && <div className="error-text small">{t.msg(j.error)}</div>}
                <div className="muted small">{formatDateTime(j.updatedAt)}</div>
              </td>
              <td className="small">{j.target}</td>
              <td>
                {(j.state === 'failed' || j.state === 'held') && (
                  <button type="button" className="secondary" onClick={() => void retry(j, false)}>
                    {t('retry')}
                  </button>
                )}
                {j.document === 'test' && ['failed', 'unknown', 'unconfirmed', 'held'].includes(j.state) && (
                  <button type="button" className="secondary" onClick={() => void dismiss(j)}>
                    {t('dismiss')}
                  </button>
                )}
                {(j.state === 'unknown' || j.state === 'unconfirmed') &&
                  (confirming === j.id ? (
                    <span className="confirm">
                      {t('confirmUnknown')}{' '}
                      <button type="button" className="warn" onClick={() => void retry(j, true)}>
                        {t('printAgain')}
                      </button>{' '}
                      <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="secondary" onClick={() => setConfirming(j.id)}>
                      {t('retry')}…
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem && <p className="error-text">{problem}</p>}
    </div>
  );
}
