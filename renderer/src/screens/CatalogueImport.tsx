import { useState } from 'react';
import type { ImportPreview } from '../../../shared/contract/index.js';
import { FilePicker, toBase64 } from '../components/FilePicker.js';
import type { SystemStatus } from '../components/StatusBar.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';

/** Choose a file, read the preview (changes and every bad row), then confirm: all or nothing. */
export function CatalogueImport({ status, onImported }: { status: SystemStatus; onImported: () => void }) {
  const t = useT();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  const choose = async (file: File) => {
    setBusy(true);
    setNote(undefined);
    setPreview(null);
    try {
      setPreview(await api.catalog.previewImport({ fileName: file.name, contentBase64: await toBase64(file) }));
    } catch (e) {
      setNote({ ok: false, text: t.msg(errorData(e)) });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await api.catalog.confirmImport({ previewId: preview.previewId });
      setNote({ ok: true, text: `${t('imported')}: ${t('version')} ${r.version}, ${r.procedures} ${t('procedures')}.` });
      setPreview(null);
      onImported();
    } catch (e) {
      setNote({ ok: false, text: t.msg(errorData(e)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="section">
      <h2>
        {t('catalogue')} — {t('version')} {status.catalog.version ?? '—'} ({status.catalog.procedures} {t('procedures')}
        {status.catalog.isDemo ? ', demo' : ''})
      </h2>
      <div className="row align-end">
        <FilePicker label={t('importFile')} accept=".xlsx,.csv,.json" disabled={busy} onFile={(f) => void choose(f)} />
      </div>
      {note && (
        <div role="status" className={`alert ${note.ok ? 'ok' : 'error'}`}>
          {note.text}
        </div>
      )}
      {preview && (
        <div className="preview" aria-label="preview">
          <p>
            <b>{preview.fileName}</b>: {preview.procedures} {t('procedures')}, {preview.documents} {t('documents').toLowerCase()} ·{' '}
            {t('added')}: {preview.added.length} · {t('changed')}: {preview.changed.length} · {t('removed')}: {preview.removed.length}
          </p>
          {preview.errors.length > 0 && (
            <table className="grid errors" aria-label={t('badRows')}>
              <caption>
                {t('badRows')}: {preview.errors.length}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('sheet')}</th>
                  <th scope="col">{t('row')}</th>
                  <th scope="col">{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.sheet}</td>
                    <td>{e.row}</td>
                    <td>{t.msg(e.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ChangeList title={t('added')} items={preview.added} />
          <ChangeList title={t('changed')} items={preview.changed} />
          <ChangeList title={t('removed')} items={preview.removed} />
          <button type="button" className="primary" disabled={!preview.canConfirm || busy} onClick={() => void confirm()}>
            {t('confirmImport')}
          </button>
        </div>
      )}
    </div>
  );
}

function ChangeList({ title, items }: { title: string; items: { code: string; name: string }[] }) {
  if (items.length === 0) return null;
  return (
    <details>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.slice(0, 200).map((p) => (
          <li key={p.code}>
            {p.code} — {p.name}
          </li>
        ))}
      </ul>
    </details>
  );
}
