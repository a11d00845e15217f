import { useEffect, useState } from 'react';
import type { AuditCheck, AuditCheckProgress } from '../../../shared/contract/audit.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import type { Msg } from '../../../shared/i18n/msg.js';

/** How often the bar asks how far a check has got: often enough to move, rarely enough to cost nothing. */
const PROGRESS_MS = 500;

/**
 * "Kiểm tra": checks the chain in the core (from where the last sound check ended, or all of it)
 * and says intact up to which entry, or names each entry found touched. The dossiers take a
 * minute on a large office: the bar shows how many are checked of how many, and the check goes on
 * in the core if the supervisor leaves the screen; coming back joins it (decision 0066).
 */
export function AuditCheckBar() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<AuditCheckProgress>(null);
  const [result, setResult] = useState<AuditCheck | null>(null);
  const [failed, setFailed] = useState<Msg | null>(null);

  const check = async (full: boolean) => {
    setBusy(true);
    setFailed(null);
    // The last verdict is not left beside a check under way: it may no longer be true.
    setResult(null);
    try {
      setResult(await api.audit.check({ full }));
    } catch (e) {
      setFailed(errorData(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  // A check started before the screen was left is still running: wait for it here again.
  useEffect(() => {
    void api.audit.checkProgress().then((running) => {
      if (running) void check(running.full);
    });
  }, []);

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void api.audit.checkProgress().then(setProgress, () => undefined), PROGRESS_MS);
    return () => clearInterval(timer);
  }, [busy]);

  // Dossiers taken in meanwhile are checked too: the count may pass the total it started with.
  const total = progress ? Math.max(progress.total, progress.checked) : 0;
  const count = (n: number) => n.toLocaleString(t.lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <div className="audit-check">
      <div className="row">
        <button type="button" className="primary" onClick={() => void check(false)} disabled={busy}>
          {t('auditCheck')}
        </button>
        <button type="button" className="secondary" onClick={() => void check(true)} disabled={busy}>
          {t('auditCheckAll')}
        </button>
        {busy && (
          <span role="status" className="audit-progress">
            {progress && total > 0 ? (
              <>
                <progress value={progress.checked} max={total} aria-label={t('auditCheckProgress')} />
                {` ${t('auditCheckingDossiers')} ${count(progress.checked)}/${count(total)}. ${t('auditCheckMeanwhile')}`}
              </>
            ) : (
              t('auditChecking')
            )}
          </span>
        )}
      </div>
      {failed && (
        <div className="alert error" role="alert">
          {t.msg(failed)}
        </div>
      )}
      {result && (
        <div className={`alert ${result.intact ? 'ok' : 'error'}`} role={result.intact ? 'status' : 'alert'}>
          <strong>{t.msg(result.headline)}</strong>
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p, n) => (
                <li key={n}>{t.msg(p.message)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
