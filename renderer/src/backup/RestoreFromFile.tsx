import { useState } from 'react';
import type { RestorePreview } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { Field } from '../components/Field.js';
import { FilePicker, toBase64 } from '../components/FilePicker.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { api, inElectron, relaunchForRestore } from '../rpc.js';
import { useT } from '../i18n.js';

/** Restore: a file and its passphrase are checked first and shown; only a confirmation replaces the data, at the next start. */
export function RestoreFromFile({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const { busy, note, setNote, run } = useAction();

  const check = async () => {
    if (!file) return setNote({ ok: false, text: t('chooseBackupFile') });
    setPreview(null);
    await run(async () => void setPreview(await api.backup.previewRestore({ fileName: file.name, contentBase64: await toBase64(file), passphrase })));
  };
  const confirm = (restoreId: string) =>
    run(async () => {
      await api.backup.confirmRestore({ restoreId });
      setPreview(null);
      setPassphrase('');
      onConfirmed();
      if (!inElectron) return t('restoreConfirmed');
      relaunchForRestore();
      return t('restoreRelaunching');
    });

  return (
    <div className="backup-restore">
      <h3>{t('restoreFromFile')}</h3>
      <form
        className="row align-end"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <FilePicker
          label={t('backupFile')}
          accept=".bccibak"
          disabled={busy}
          onFile={(f) => {
            setFile(f);
            setPreview(null);
          }}
        />
        <Field label={t('restorePassphrase')}>
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        </Field>
        <button type="submit" className="secondary field-button" disabled={busy}>
          {t('checkBackup')}
        </button>
      </form>
      {preview && (
        <div className="alert info restore-preview" aria-label={t('restorePreview')}>
          <dl className="pairs">
            <dt>{t('office')}</dt>
            <dd>
              {preview.office.name} ({preview.office.code})
            </dd>
            <dt>{t('backupMadeAt')}</dt>
            <dd>{formatDateTime(preview.backedUpAt)}</dd>
            <dt>{t('dossiersInBackup')}</dt>
            <dd>{preview.dossiers}</dd>
            <dt>{t('lastRegisterNo')}</dt>
            <dd className="mono">{preview.lastRegisterNo ?? '—'}</dd>
          </dl>
          <p>{t('restoreWarning')}</p>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void confirm(preview.restoreId)}>
              {t('confirmRestore')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setPreview(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <NoteLine note={note} />
    </div>
  );
}
