import { useT } from '../i18n.js';
import { DayClose } from '../reports/DayClose.js';
import { RegisterBook } from '../reports/RegisterBook.js';

/** F6: the office's books and reports. The clerk's day close, then the register book; period reports join them. */
export function ReportsScreen({ today }: { today: string }) {
  const t = useT();
  return (
    <section>
      <h1>{t('reports')}</h1>
      <DayClose />
      <RegisterBook today={today} />
    </section>
  );
}
