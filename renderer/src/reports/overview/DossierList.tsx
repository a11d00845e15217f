import { useEffect, useRef, useState } from 'react';
import type { DashboardList, DashboardListKind } from '../../../../shared/contract/dashboard.js';
import type { Msg } from '../../../../shared/i18n/msg.js';
import { groupThousands } from '../../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../../shared/format/vn-time.js';
import { MoreOnScroll } from '../../components/MoreOnScroll.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { useT, type LabelKey } from '../../i18n.js';
import { api, errorData } from '../../rpc.js';

export const LIST_WORD: Record<DashboardListKind, LabelKey> = { 'waiting-handover': 'dashWaiting', 'past-due': 'dashPastDue', 'results-waiting': 'dashResults' };

/**
 * The dossiers behind one overview number, oldest first, all of them: the first page comes
 * with the number, the next as the list is scrolled to its end. Read again whenever the figures
 * are (`version`), so the list never disagrees with the number above it. A row opens its dossier.
 */
export function DossierList({ kind, today, version, onOpen }: { kind: DashboardListKind; today: string; version: unknown; onOpen: (dossierId: number) => void }) {
  const t = useT();
  const [list, setList] = useState<DashboardList | null>(null);
  const [problem, setProblem] = useState<Msg>();
  // An answer for an earlier kind or version never joins the list now shown; each page is asked once.
  const ticket = useRef(0);
  const asked = useRef<number | null>(null);

  useEffect(() => {
    const mine = ++ticket.current;
    asked.current = null;
    api.reports
      .dashboardList({ kind })
      .then((l) => mine === ticket.current && (setList(l), setProblem(undefined)))
      .catch((e) => setProblem(errorData(e)));
  }, [kind, version]);

  const more = () => {
    if (!list || list.rows.length >= list.total || asked.current === list.rows.length) return;
    asked.current = list.rows.length;
    const mine = ticket.current;
    api.reports
      .dashboardList({ kind, offset: list.rows.length })
      .then((page) => mine === ticket.current && setList((l) => l && { ...page, offset: 0, rows: [...l.rows, ...page.rows] }))
      .catch((e) => setProblem(errorData(e)));
  };

  if (problem) return <div className="alert error" role="alert">{t.msg(problem)}</div>;
  if (!list || list.kind !== kind) return null;
  const results = kind === 'results-waiting';
  const name = t(LIST_WORD[kind]);
  if (list.rows.length === 0) return <p className="muted">{`${name}: ${t('dashNone')}`}</p>;
  return (
    <>
      {list.rows.length < list.total && <p className="muted" aria-live="polite">{`${name}: ${t('dashShown')} ${groupThousands(list.rows.length)} / ${groupThousands(list.total)} — ${t('dashScrollForMore')}`}</p>}
      <WindowedTable
        className="dash-list"
        label={name}
        rows={list.rows}
        rowKey={(r) => r.dossierId}
        columns={7}
        onOpen={(r) => onOpen(r.dossierId)}
        headers={
          <>
            <th scope="col" className="c-register">{t('registerNo')}</th>
            <th scope="col" className="c-item">{t('itemNumber')}</th>
            <th scope="col">{t('sender')}</th>
            <th scope="col">{t('procedure')}</th>
            <th scope="col">{t('agency')}</th>
            <th scope="col" className="c-time">{t(results ? 'dashArrivedAt' : 'dashAcceptedAt')}</th>
            <th scope="col" className="c-state">{t(results ? 'status' : 'expectedHandover')}</th>
          </>
        }
        cells={(r) => {
          const late = !results && r.expectedHandoverDate !== null && r.expectedHandoverDate < today;
          return (
            <>
              <td className="mono">{r.registerNo}</td>
              <td className="mono">{r.itemNumber}</td>
              <td title={r.senderName}>{r.senderName}</td>
              <td title={r.procedureName}>{r.procedureName}</td>
              <td title={r.agencyName}>{r.agencyName}</td>
              <td>{formatDateTime(r.since)}</td>
              {results ? (
                <td><StatusBadge status={r.status} /></td>
              ) : (
                <td className={late ? 'late' : undefined}>
                  {r.expectedHandoverDate && formatDate(r.expectedHandoverDate)}
                  {late && ` (${t('dashLate')})`}
                </td>
              )}
            </>
          );
        }}
        footer={list.rows.length < list.total && <MoreOnScroll onMore={more} label={t('dashMore')} />}
      />
    </>
  );
}
