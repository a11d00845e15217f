import { useT } from '../i18n.js';
import { DayClose } from '../reports/DayClose.js';
import { PeriodicReport } from '../reports/PeriodicReport.js';
import { RegisterBook } from '../reports/RegisterBook.js';
import { useSession } from '../session/SessionGate.js';
import { AuditTrailSection } from '../audit/AuditTrailSection.js';
import { CounterDays } from '../reports/CounterDays.js';

/**
 * F6: the office's books and reports. The clerk's day close, a supervisor's close of every
 * counter, the register book, and for supervisors the periodic report and the audit trail.
 */
export function ReportsScreen({ today }: { today: string }) {
  const t = useT();
  const { clerk } = useSession();
  return (
    <section>
      <h1>{t('reports')}</h1>
      <DayClose />
      <CounterDays today={today} />
      <RegisterBook today={today} />
      {clerk.role !== 'clerk' && <PeriodicReport today={today} />}
      <AuditTrailSection />
    </section>
  );
}
