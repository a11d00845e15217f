import { useEffect, useState } from 'react';
import type { DashboardList, DashboardListKind } from '../../../../shared/contract/dashboard.js';
import type { Msg } from '../../../../shared/i18n/msg.js';
import { formatDate, formatDateTime } from '../../../../shared/format/vn-time.js';
import { useT, type LabelKey } from '../../i18n.js';
import { api, errorData } from '../../rpc.js';

export const LIST_WORD: Record<DashboardListKind, LabelKey> = { 'waiting-handover': 'dashWaiting', 'past-due': 'dashPastDue', 'results-waiting': 'dashResults' };

/**
 * The dossiers behind one overview number, oldest first. Read again whenever the figures are
 * (`version`), so the list never disagrees with the number above it.
 */
export function DossierList({ kind, today, version }: { kind: DashboardListKind; today: string; version: unknown }) {
  const t = useT();
  const [list, setList] = useState<DashboardList | null>(null);
  const [problem, setProblem] = useState<Msg>();

  useEffect(() => {
    api.reports
      .dashboardList({ kind })
      .then((l) => (setList(l), setProblem(undefined)))
      .catch((e) => setProblem(errorData(e)));
  }, [kind, version]);

  if (problem) return <div className="alert error" role="alert">{t.msg(problem)}</div>;
  if (!list || list.kind !== kind) return null;
  const results = kind === 'results-waiting';
  const name = t(LIST_WORD[kind]);
  if (list.rows.length === 0) return <p className="muted">{`${name}: ${t('dashNone')}`}</p>;
  return (
    <>
      {list.total > list.rows.length && <p className="muted">{`${t('dashShown')} ${list.rows.length} / ${list.total}`}</p>}
      <table className="grid" aria-label={name}>
        <thead>
          <tr>
            <th scope="col">{t('registerNo')}</th>
            <th scope="col">{t('itemNumber')}</th>
            <th scope="col">{t('sender')}</th>
            <th scope="col">{t('procedure')}</th>
            <th scope="col">{t('agency')}</th>
            <th scope="col">{t(results ? 'dashArrivedAt' : 'dashAcceptedAt')}</th>
            {!results && <th scope="col">{t('expectedHandover')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => {
            const late = r.expectedHandoverDate !== null && r.expectedHandoverDate < today;
            return (
              <tr key={r.dossierId}>
                <td className="mono">{r.registerNo}</td>
                <td className="mono">{r.itemNumber}</td>
                <td>{r.senderName}</td>
                <td>{r.procedureName}</td>
                <td>{r.agencyName}</td>
                <td>{formatDateTime(r.since)}</td>
                {!results && (
                  <td className={late ? 'late' : undefined}>
                    {r.expectedHandoverDate && formatDate(r.expectedHandoverDate)}
                    {late && ` (${t('dashLate')})`}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
