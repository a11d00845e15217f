import { useState } from 'react';
import { Field } from '../components/Field.js';
import { FilePicker, toBase64 } from '../components/FilePicker.js';
import { NewPassphraseForm } from '../components/NewPassphraseForm.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { api } from '../rpc.js';
import { useT } from '../i18n.js';

/** The sealed file the core returned, saved by the browser: the key never passes through the page in clear. */
function download(fileName: string, contentBase64: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** Settings → Audit key (administrator): export it sealed with a passphrase, or take one in (decision 0055). */
export function AuditKeySection() {
  const t = useT();
  return (
    <div className="section audit-key">
      <h2>{t('auditKey')}</h2>
      <p className="muted">{t('auditKeyHint')}</p>
      <AuditKeyExport />
      <AuditKeyImport />
    </div>
  );
}

function AuditKeyExport() {
  const t = useT();
  const { busy, note, setNote, run } = useAction();
  const exportKey = (passphrase: string) =>
    run(async () => {
      const file = await api.audit.exportKey({ passphrase });
      download(file.fileName, file.contentBase64);
      return `${t('auditKeyExported')}: ${file.fileName} (${t('auditKeyFingerprint')} ${file.fingerprint})`;
    });
  return (
    <>
      <NewPassphraseForm
        label={t('auditKeyPassphrase')}
        againLabel={t('auditKeyPassphraseAgain')}
        submitLabel={t('auditKeyExport')}
        busy={busy}
        onMismatch={() => setNote({ ok: false, text: t('auditKeyMismatch') })}
        onSubmit={exportKey}
      />
      <NoteLine note={note} />
    </>
  );
}

/** Taking in the office's key: in Settings, and on the sign-in screen of a counter whose key is refused. */
export function AuditKeyImport() {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const { busy, note, setNote, run } = useAction();
  const take = async () => {
    if (!file) return setNote({ ok: false, text: t('auditKeyChooseFile') });
    const ok = await run(async () => t.msg((await api.audit.importKey({ contentBase64: await toBase64(file), passphrase })).message));
    if (ok) setPassphrase('');
  };
  return (
    <>
      <h3>{t('auditKeyImport')}</h3>
      <form
        className="row align-end"
        onSubmit={(e) => {
          e.preventDefault();
          void take();
        }}
      >
        <FilePicker label={t('auditKeyFile')} accept=".bcciauditkey" disabled={busy} onFile={setFile} />
        <Field label={t('auditKeyPassphrase')}>
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        </Field>
        <button type="submit" className="secondary field-button" disabled={busy}>
          {t('auditKeyImport')}
        </button>
      </form>
      <NoteLine note={note} />
    </>
  );
}
