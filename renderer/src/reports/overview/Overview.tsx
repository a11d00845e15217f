import { useEffect, useRef, useState } from 'react';
import type { Dashboard, DashboardListKind } from '../../../../shared/contract/dashboard.js';
import type { Msg } from '../../../../shared/i18n/msg.js';
import { formatDate, formatDateTime } from '../../../../shared/format/vn-time.js';
import { useT, type LabelKey } from '../../i18n.js';
import { api, errorData } from '../../rpc.js';
import { DossierView, type DossierDetail } from '../../screens/DossierView.js';
import { DossierList, LIST_WORD } from './DossierList.js';
import { Figure } from './Figure.js';

/**
 * Tổng quan: how the office stands now, as large figures a supervisor reads at a glance, each
 * opening the dossiers behind it, each of those opening in full as in Lookup; and today's and
 * the month's flow. Read again each time the tab is chosen, since the counters keep working
 * while it is hidden. The overview stays laid out under an open dossier, so Back returns to the
 * same list, scrolled where it was, with focus on the row that was opened.
 */
export function Overview({ active }: { active: boolean }) {
  const t = useT();
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [problem, setProblem] = useState<Msg>();
  const [open, setOpen] = useState<DashboardListKind | null>(null);
  const [dossier, setDossier] = useState<DossierDetail | null>(null);
  const [openProblem, setOpenProblem] = useState<Msg>();
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!active) return;
    api.reports
      .dashboard()
      .then((b) => (setBoard(b), setProblem(undefined)))
      .catch((e) => setProblem(errorData(e)));
  }, [active]);

  useEffect(() => {
    if (dossier || !opener.current) return;
    opener.current.focus();
    opener.current = null;
  }, [dossier]);

  const openDossier = (id: number) => {
    if (!dossier && document.activeElement instanceof HTMLElement) opener.current = document.activeElement;
    api.dossiers
      .get({ id })
      .then((d) => (setDossier(d), setOpenProblem(undefined)))
      .catch((e) => setOpenProblem(errorData(e)));
  };

  if (problem) return <div className="alert error" role="alert">{t.msg(problem)}</div>;
  if (!board) return null;
  const figure = (kind: DashboardListKind, value: number, extra: { late?: boolean; note?: string } = {}) => (
    <Figure label={t(LIST_WORD[kind])} value={value} {...extra} chosen={open === kind} onOpen={() => setOpen(open === kind ? null : kind)} />
  );
  const flowRow = (word: LabelKey, pick: (f: Dashboard['flow']['today']) => number, late = false) => (
    <tr>
      <th scope="row">{t(word)}</th>
      {[board.flow.today, board.flow.month].map((f, i) => (
        <td key={i} className={late && pick(f) > 0 ? 'num late' : 'num'}>
          {pick(f)}
        </td>
      ))}
    </tr>
  );

  return (
    <>
      {/* only while the tab is shown: its Esc must not reach a hidden dossier */}
      {dossier && active && <DossierView key={dossier.id} dossier={dossier} onBack={() => setDossier(null)} onOpen={openDossier} onChanged={setDossier} />}
      {/* behind an open dossier the overview keeps its layout (not display: none), so its list keeps its scroll and the opened row */}
      <section className={`section overview${dossier ? ' behind' : ''}`} aria-label={t('overview')}>
        <h2>
          {t('dashNow')} — {formatDate(board.today)}
        </h2>
        <div className="figures-row">
          {figure('waiting-handover', board.waitingHandover)}
          {figure('past-due', board.pastDueHandover, { late: board.pastDueHandover > 0 })}
          {figure('results-waiting', board.resultsWaiting, { note: board.oldestResultAt ? `${t('dashOldest')} ${formatDateTime(board.oldestResultAt)}` : undefined })}
          <Figure label={t('dashUploads')} value={board.uploadsAttention} late={board.uploadsAttention > 0} note={t('dashUploadsHint')} />
        </div>
        <p className="muted">{t('dashOpenHint')}</p>
        {openProblem && <div className="alert error" role="alert">{t.msg(openProblem)}</div>}
        {open && <DossierList kind={open} today={board.today} version={board} onOpen={openDossier} />}
        <h2>{t('dashFlow')}</h2>
        <table className="grid figures" aria-label={t('dashFlow')}>
          <thead>
            <tr>
              <td />
              <th scope="col">
                {t('dashToday')} {formatDate(board.today)}
              </th>
              <th scope="col">
                {t('thisMonth')} ({t('dashMonthFrom').toLowerCase()} {formatDate(board.monthFrom)})
              </th>
            </tr>
          </thead>
          <tbody>
            {flowRow('dashReceived', (f) => f.received)}
            {flowRow('dashHandedOver', (f) => f.handedOver)}
            {flowRow('dashHandedOverLate', (f) => f.handedOverLate, true)}
            {flowRow('dashReturned', (f) => f.returned)}
          </tbody>
        </table>
      </section>
    </>
  );
}
