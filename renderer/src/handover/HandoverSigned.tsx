import { useState } from 'react';
import type { Batch } from '../../../shared/contract/index.js';
import { refuseHandover } from '../../../shared/batches/rules.js';
import { formatDateTime, parseDmyHm } from '../../../shared/format/vn-time.js';
import { api } from '../rpc.js';
import { useT } from '../i18n.js';
import { Field } from '../components/Field.js';

/**
 * The agency's officer signed the handover record: the time on the paper (the legal submission
 * time) and the officer's name, typed by whoever brought it back. Checked here with the core's
 * own rule (not before the close, not in the future) so the words come before the round trip;
 * the core checks again. Once recorded, the batch shows it instead of the form.
 */
export function HandoverSigned({ batch, busy, run, onSaved }: { batch: Batch; busy: boolean; run: (work: () => Promise<string | undefined>) => Promise<boolean>; onSaved: (b: Batch) => void }) {
  const t = useT();
  const [signedAt, setSignedAt] = useState(() => formatDateTime(new Date()));
  const [officer, setOfficer] = useState('');
  const [errors, setErrors] = useState<{ signedAt?: string; officer?: string }>({});

  if (batch.state === 'handed-over') {
    return (
      <p className="handover-signed">
        <b>{t('batchHandedOver')}</b> · {t('handedOverAt')} {batch.handedOverAt ? formatDateTime(batch.handedOverAt) : '—'} · {t('handedOverTo')}: {batch.handoverOfficer ?? '—'}
      </p>
    );
  }
  if (batch.state !== 'closed') return null;

  const submit = () => {
    const at = parseDmyHm(signedAt);
    const refusal = at ? refuseHandover({ ...batch, size: batch.totals.items }, new Date(at), new Date()) : null;
    const found = {
      signedAt: !at ? t('signedAtFormat') : refusal ? t.msg(refusal.words) : undefined,
      officer: officer.trim() === '' ? t('receivingOfficerMissing') : undefined,
    };
    setErrors(found);
    if (found.signedAt || found.officer || !at) return;
    void run(async () => {
      onSaved(await api.batches.recordHandover({ batchId: batch.id, signedAt: at, officerName: officer.trim() }));
      return t('handoverSaved');
    });
  };

  return (
    <form
      className="row align-start gap handover-sign"
      aria-label={t('signedHandover')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label={t('signedAt')} hint={t('signedAtHint')} error={errors.signedAt}>
        <input value={signedAt} autoFocus autoComplete="off" inputMode="numeric" size={16} onChange={(e) => setSignedAt(e.target.value)} />
      </Field>
      <Field label={t('receivingOfficer')} hint={t('receivingOfficerHint')} error={errors.officer} className="grow">
        <input value={officer} autoComplete="off" maxLength={200} onChange={(e) => setOfficer(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {t('saveHandover')}
      </button>
    </form>
  );
}
