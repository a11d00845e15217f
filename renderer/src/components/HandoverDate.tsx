import { formatDate } from '../../../shared/format/vn-time.js';
import { useT } from '../i18n.js';

/** The expected handover date, flagged when it was computed over days off not announced yet. */
export function HandoverDate({ date, provisional }: { date: string | null; provisional: boolean }) {
  const t = useT();
  if (!date) return <>—</>;
  return (
    <>
      {formatDate(date)}
      {provisional && <span className="provisional-note"> ({t('provisionalDate')})</span>}
    </>
  );
}
