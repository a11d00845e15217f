import { useState } from 'react';
import { useT } from '../i18n.js';
import { DayClose } from '../reports/DayClose.js';
import { PeriodicReport } from '../reports/PeriodicReport.js';
import { RegisterBook } from '../reports/RegisterBook.js';
import { useSession } from '../session/SessionGate.js';
import { AuditTrailSection } from '../audit/AuditTrailSection.js';
import { CounterDays } from '../reports/CounterDays.js';
import { Overview } from '../reports/overview/Overview.js';
import { Tabs, type TabItem } from '../components/Tabs.js';

type ReportTab = 'day' | 'overview' | 'register' | 'periodic' | 'audit';

/**
 * F6: the office's books and reports, one tab each. Kết ca first (the clerk's own day, and for a
 * supervisor the close of every counter), then for a supervisor the overview; the register
 * book; and for a supervisor the periodic report and the audit trail.
 */
export function ReportsScreen({ today }: { today: string }) {
  const t = useT();
  const { clerk } = useSession();
  const [chosen, setChosen] = useState<ReportTab>('day');
  const supervisor = clerk.role !== 'clerk';
  const tabs: TabItem<ReportTab>[] = [
    {
      key: 'day',
      label: t('dayClose'),
      panel: (
        <>
          <DayClose />
          <CounterDays today={today} />
        </>
      ),
    },
    ...(supervisor ? [{ key: 'overview' as const, label: t('overview'), panel: <Overview active={chosen === 'overview'} /> }] : []),
    { key: 'register', label: t('registerTab'), panel: <RegisterBook today={today} /> },
    ...(supervisor
      ? [
          { key: 'periodic' as const, label: t('periodicReport'), panel: <PeriodicReport today={today} /> },
          { key: 'audit' as const, label: t('auditTab'), panel: <AuditTrailSection /> },
        ]
      : []),
  ];
  return (
    <section className="reports">
      <h1>{t('reports')}</h1>
      <Tabs label={t('reportTabs')} tabs={tabs} chosen={chosen} onChoose={setChosen} />
    </section>
  );
}
