import { useT } from '../i18n.js';
import { JobList } from './JobList.js';
import { usePrintQueue } from './PrintQueueContext.js';

/** Jobs waiting, failed or of unknown outcome: every clerk retries them, whatever their role. */
export function PrintQueueList() {
  const t = useT();
  const queue = usePrintQueue();
  return (
    <>
      <h3>{t('printQueue')}</h3>
      {queue.open.length === 0 ? <p className="muted">{t('queueEmpty')}</p> : <JobList jobs={queue.open} showDossier />}
    </>
  );
}
