import { useState } from 'react';
import type { ImportNote, ImportPreview } from '../../../shared/contract/index.js';
import { FilePicker, toBase64 } from '../components/FilePicker.js';
import type { SystemStatus } from '../components/StatusBar.js';
import { api, errorData } from '../rpc.js';
import { both, useT } from '../i18n.js';
import type { Msg } from '../../../shared/i18n/msg.js';

/** Choose a file, read the preview (changes and every bad row), then confirm: all or nothing. */
export function CatalogueImport({ status, onImported }: { status: SystemStatus; onImported: () => void }) {
  const t = useT();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: Msg }>();
  const [busy, setBusy] = useState(false);

  const choose = async (file: File) => {
    setBusy(true);
    setNote(undefined);
    setPreview(null);
    try {
      setPreview(await api.catalog.previewImport({ fileName: file.name, contentBase64: await toBase64(file) }));
    } catch (e) {
      setNote({ ok: false, text: errorData(e) });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await api.catalog.confirmImport({ previewId: preview.previewId });
      setNote({ ok: true, text: both((l) => `${l('imported')}: ${l('version')} ${r.version}, ${r.procedures} ${l('procedures')}.`) });
      setPreview(null);
      onImported();
    } catch (e) {
      setNote({ ok: false, text: errorData(e) });
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
          {t.msg(note.text)}
        </div>
      )}
      {preview && (
        <div className="preview" aria-label="preview">
          <p>
            <b>{preview.fileName}</b>: {preview.procedures} {t('procedures')}, {preview.documents} {t('documents').toLowerCase()} ·{' '}
            {(['added', 'changed', 'removed'] as const).map((k) => `${t(k)}: ${preview.changes.filter((c) => c.kind === k).length}`).join(' · ')}
          </p>
          <div className="row align-center">
            <button type="button" className="primary" disabled={!preview.canConfirm || busy} onClick={() => void confirm()}>
              {t('confirmImport')}
            </button>
            {preview.blockedBy && (
              <span role="status" className="blocked-by">
                {t.msg(preview.blockedBy)}
              </span>
            )}
          </div>
          {/* Errors first (they block), then warnings (they do not), then what would change. */}
          <NoteTable tone="error" title={t('badRows')} notes={preview.errors} />
          <NoteTable tone="warn" title={t('warnRows')} notes={preview.warnings} />
          <NoteTable tone="change" title={t('changeRows')} notes={preview.changes} />
        </div>
      )}
    </div>
  );
}

/** Long lists stay usable: the first rows show, and the count of the rest is said. */
const SHOWN_ROWS = 300;

function NoteTable({ tone, title, notes }: { tone: 'error' | 'warn' | 'change'; title: string; notes: ImportNote[] }) {
  const t = useT();
  if (notes.length === 0) return null;
  return (
    <div className="note-table">
      <table className={`grid notes ${tone}`} aria-label={title}>
        <caption>
          {title}: {notes.length}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('sheet')}</th>
            <th scope="col">{t('row')}</th>
            <th scope="col">{tone === 'change' ? t('change') : t('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {notes.slice(0, SHOWN_ROWS).map((n, i) => (
            <tr key={i}>
              <td>{n.sheet || '—'}</td>
              <td>{n.row || '—'}</td>
              <td>{t.msg(n.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notes.length > SHOWN_ROWS && (
        <p className="muted">
          … {notes.length - SHOWN_ROWS} {t('moreRows')}
        </p>
      )}
    </div>
  );
}
