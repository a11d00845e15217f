import { useT } from '../i18n.js';
import { RegisterBook } from '../reports/RegisterBook.js';

/** F6: the office's books and reports. The register book comes first; day close and period reports join it. */
export function ReportsScreen({ today }: { today: string }) {
  const t = useT();
  return (
    <section>
      <h1>{t('reports')}</h1>
      <RegisterBook today={today} />
    </section>
  );
}
