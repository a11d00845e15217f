import { useCallback, useEffect, useState } from 'react';
import type { AutomaticBackup, BackupStatus } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { Field } from '../components/Field.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { api } from '../rpc.js';
import { useT } from '../i18n.js';
import { RestoreFromFile } from './RestoreFromFile.js';
import { NewPassphraseForm } from '../components/NewPassphraseForm.js';

/** 1,2 MB in Vietnamese, 1.2 MB in English. */
export const sizeText = (bytes: number, lang: 'vi' | 'en') =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} MB`;

/**
 * Settings → Backup and restore (administrator): a backup now, the daily automatic one, the backups
 * in the folder, and a restore from a file with its preview. This counter's SQLite data only.
 */
export function BackupSection({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const loading = useAction();
  const load = useCallback(() => void loading.run(async () => void setStatus(await api.backup.status())), [loading.run]);
  useEffect(load, [load]);

  return (
    <div className="section backup">
      <h2>{t('backupAndRestore')}</h2>
      <p className="muted">{t('backupScope')}</p>
      <NoteLine note={loading.note} />
      {status?.restorePending && <p className="alert error">{t('restorePendingNote')}</p>}
      <BackupNow folder={status?.folder ?? ''} onDone={load} />
      {status && <AutomaticSettings status={status} onSaved={setStatus} />}
      {status && <BackupList status={status} />}
      <RestoreFromFile
        onConfirmed={() => {
          load();
          onChanged();
        }}
      />
    </div>
  );
}

function BackupNow({ folder, onDone }: { folder: string; onDone: () => void }) {
  const t = useT();
  const { busy, note, setNote, run } = useAction();
  const backUp = async (passphrase: string) => {
    const ok = await run(async () => {
      const file = await api.backup.create({ passphrase });
      return `${t('backupMade')}: ${file.path} (${sizeText(file.size, t.lang)})`;
    });
    if (ok) onDone();
    return ok;
  };
  return (
    <>
      <NewPassphraseForm
        label={t('backupPassphrase')}
        againLabel={t('backupPassphraseAgain')}
        submitLabel={busy ? t('backingUp') : t('backUpNow')}
        busy={busy}
        onMismatch={() => setNote({ ok: false, text: t('passphraseMismatch') })}
        onSubmit={backUp}
      >
        <span className="muted field-button">
          {t('backupFolder')}: <code>{folder}</code>
        </span>
      </NewPassphraseForm>
      <NoteLine note={note} />
    </>
  );
}

function AutomaticSettings({ status, onSaved }: { status: BackupStatus; onSaved: (s: BackupStatus) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<AutomaticBackup>(status.automatic);
  const [passphrase, setPassphrase] = useState('');
  const { busy, note, run } = useAction();
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : 0);
  const save = () =>
    run(async () => {
      onSaved(await api.backup.setAutomatic({ ...draft, ...(passphrase ? { passphrase } : {}) }));
      setPassphrase('');
      return t('saved');
    });
  return (
    <form
      className="backup-automatic"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('automaticBackup')}</h3>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} /> {t('automaticBackupOn')}
      </label>
      <div className="row">
        <Field label={t('automaticFolder')} className="grow" hint={t('automaticFolderHint')}>
          <input value={draft.folder} onChange={(e) => setDraft({ ...draft, folder: e.target.value })} spellCheck={false} />
        </Field>
        <Field label={t('automaticHour')}>
          <input className="w-short" value={draft.hour} onChange={(e) => setDraft({ ...draft, hour: num(e.target.value) })} />
        </Field>
        <Field label={t('automaticKeep')}>
          <input className="w-short" value={draft.keep} onChange={(e) => setDraft({ ...draft, keep: num(e.target.value) })} />
        </Field>
      </div>
      <div className="row">
        <Field label={t('automaticPassphrase')} hint={status.hasKey ? t('automaticKeySet') : t('automaticKeyNeeded')}>
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
        </Field>
        <button type="submit" className="primary field-button" disabled={busy}>
          {t('saveAutomatic')}
        </button>
      </div>
      {status.problem && <p className="alert error">{t.msg(status.problem)}</p>}
      <NoteLine note={note} />
    </form>
  );
}

function BackupList({ status }: { status: BackupStatus }) {
  const t = useT();
  return (
    <>
      <h3>{t('backupList')}</h3>
      {status.files.length === 0 ? (
        <p className="muted">{t('noBackups')}</p>
      ) : (
        <table className="grid backup-list">
          <thead>
            <tr>
              <th>{t('backupMadeAt')}</th>
              <th>{t('backupKind')}</th>
              <th>{t('backupFile')}</th>
              <th>{t('backupSize')}</th>
            </tr>
          </thead>
          <tbody>
            {status.files.slice(0, 10).map((f) => (
              <tr key={f.fileName}>
                <td>{formatDateTime(f.createdAt)}</td>
                <td>{f.kind === 'automatic' ? t('backupAutomatic') : t('backupManual')}</td>
                <td className="mono">{f.fileName}</td>
                <td>{sizeText(f.size, t.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
