import { useState } from 'react';
import type { OfficeMovePreview, OfficeServer } from '../../../shared/contract/index.js';
import { formatDate } from '../../../shared/format/vn-time.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';

/**
 * Moving this counter's data to the office server (decision 0033): a preview of what moves, or
 * why it cannot, then the move after the administrator ticks that the figures were checked.
 */
export function OfficeMovePanel({ server, password }: { server: OfficeServer; password: string }) {
  const t = useT();
  const [busy, setBusy] = useState<'preview' | 'move' | null>(null);
  const [preview, setPreview] = useState<OfficeMovePreview>();
  const [confirmed, setConfirmed] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: Msg }>();

  const run = async (kind: 'preview' | 'move') => {
    setBusy(kind);
    setOutcome(undefined);
    try {
      if (kind === 'preview') {
        setPreview(await api.office.movePreview({ server, password }));
        setConfirmed(false);
      } else {
        // Saved first, so the counter's settings name the server its data went to: after the
        // move this counter takes no more writes until it is restarted on that server.
        await api.settings.update({ officeServer: server });
        const r = await api.office.move({ server, password });
        setPreview(undefined);
        setOutcome({ ok: true, text: r.summary });
      }
    } catch (e) {
      setOutcome({ ok: false, text: errorData(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="office-move">
      <h3>{t('officeMove')}</h3>
      <p className="muted">{t('officeMoveIntro')}</p>
      <div className="actions">
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void run('preview')}>
          {busy === 'preview' ? t('previewingMove') : t('previewMove')}
        </button>
      </div>
      {preview?.refusal && (
        <p role="alert" className="error-text">
          {t.msg(preview.refusal)}
        </p>
      )}
      {preview && (
        <>
          <table className="grid office-move-figures">
            <thead>
              <tr>
                <th>{t('moveKind')}</th>
                <th className="num">{t('moveRows')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.kinds.filter((k) => k.rows > 0).map((k) => (
                <tr key={k.table}>
                  <td>{t.msg(k.name)}</td>
                  <td className="num">{k.rows.toLocaleString('vi-VN')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="office-move-facts">
            {preview.registerYears.map((y) => (
              <li key={y.year}>
                {t('moveRegisterYear')} {y.year}: {y.dossiers} {t('moveDossiers')} · {t('moveNumbers')} {y.firstSeq}–{y.lastSeq} · {t('moveIssuedUpTo')} {y.lastIssued}
              </li>
            ))}
            {preview.firstDay && (
              <li>
                {t('moveDays')}: {formatDate(preview.firstDay)} – {formatDate(preview.lastDay!)}
              </li>
            )}
            <li className={preview.audit.intact ? undefined : 'error-text'}>{t.msg(preview.audit.summary)}</li>
            {preview.tokensLeftBehind && <li className="warn-text">{t.msg(preview.tokensLeftBehind)}</li>}
          </ul>
          {!preview.refusal && (
            <div className="actions">
              <label className="check">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('moveConfirm')}
              </label>
              <button type="button" disabled={!confirmed || busy !== null} onClick={() => void run('move')}>
                {busy === 'move' ? t('moving') : t('moveNow')}
              </button>
            </div>
          )}
        </>
      )}
      {outcome && (
        <p role="status" className={outcome.ok ? 'ok-text' : 'error-text'}>
          {t.msg(outcome.text)}
        </p>
      )}
    </div>
  );
}
