import { useState } from 'react';
import type { AuditCheck } from '../../../shared/contract/audit.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import type { Msg } from '../../../shared/i18n/msg.js';

/**
 * "Kiểm tra": checks the chain in the core (from where the last sound check ended, or all of it)
 * and says intact up to which entry, or names each entry found touched.
 */
export function AuditCheckBar() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditCheck | null>(null);
  const [failed, setFailed] = useState<Msg | null>(null);

  const check = async (full: boolean) => {
    setBusy(true);
    setFailed(null);
    try {
      setResult(await api.audit.check({ full }));
    } catch (e) {
      setResult(null);
      setFailed(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="audit-check">
      <div className="row">
        <button type="button" className="primary" onClick={() => void check(false)} disabled={busy}>
          {t('auditCheck')}
        </button>
        <button type="button" className="secondary" onClick={() => void check(true)} disabled={busy}>
          {t('auditCheckAll')}
        </button>
        {busy && <span role="status">{t('auditChecking')}</span>}
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
