import type { Batch, BatchUpload } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { useT, type LabelKey } from '../i18n.js';

const WORDS: Record<NonNullable<BatchUpload>['state'], [LabelKey, string]> = {
  queued: ['uploadQueued', 'tone-action'],
  sending: ['uploadSending', 'tone-progress'],
  delivered: ['uploadDelivered', 'tone-done'],
  attention: ['uploadAttention', 'tone-problem'],
};

/** A closed batch's upload in a word and a colour (an open batch has none yet). */
export function UploadBadge({ upload }: { upload: BatchUpload }) {
  const t = useT();
  if (!upload) return null;
  const [word, tone] = WORDS[upload.state];
  return <span className={`badge ${tone}`}>{t(word)}</span>;
}

/**
 * Where the batch's upload stands: the state, the tries, the last problem with what to do,
 * the items the agency rejected, and "Gửi lại" for a supervisor once a stop's cause is fixed.
 */
export function UploadState({ batch, busy, onResend }: { batch: Batch; busy: boolean; onResend: () => void }) {
  const t = useT();
  const u = batch.upload;
  if (!u) return null;
  return (
    <div className="upload-state" aria-label={t('upload')}>
      <p>
        {t('upload')}: <UploadBadge upload={u} /> · {t('attempts')}: {u.attempts}
        {u.nextAttemptAt && u.state === 'queued' ? ` · ${t('nextAttempt')} ${formatDateTime(u.nextAttemptAt)}` : ''}
      </p>
      {u.problem && <p className={u.state === 'attention' ? 'error-text' : 'muted'}>{t.msg(u.problem)}</p>}
      {u.rejected.length > 0 && (
        <>
          <h3>{t('rejectedItems')}</h3>
          <ul className="plain">
            {u.rejected.map((r) => (
              <li key={r.itemNumber}>
                <b>{r.itemNumber}</b>: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {u.state === 'attention' && (
        <button type="button" disabled={busy} onClick={onResend}>
          {t('resend')}
        </button>
      )}
    </div>
  );
}
