import { useCallback, useEffect, useRef, useState } from 'react';
import type { RetentionPeriod, RetentionPreview } from '../../../shared/contract/retention.js';
import { formatDate } from '../../../shared/format/vn-time.js';
import { Field } from '../components/Field.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { useEscape } from '../components/use-escape.js';
import { useT } from '../i18n.js';
import { api } from '../rpc.js';

/**
 * Settings → Retention period (administrator, decision 0044): the period, a preview of what a
 * purge would remove, and the purge after a confirmation.
 */
export function RetentionSection() {
  const t = useT();
  const [period, setPeriod] = useState<RetentionPeriod | null>(null);
  const [years, setYears] = useState('');
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const saving = useAction();
  const previewing = useAction();
  const purging = useAction();
  // The save button is disabled once the period is saved, and the preview's buttons go with it:
  // focus returns to the field and to "Xem trước", never to the page.
  const yearsBox = useRef<HTMLInputElement>(null);
  const previewButton = useRef<HTMLButtonElement>(null);
  const closePreview = () => {
    setPreview(null);
    previewButton.current?.focus();
  };
  const load = useCallback(
    () =>
      void saving.run(async () => {
        const p = await api.retention.period();
        setPeriod(p);
        setYears(String(p.years));
        return undefined;
      }),
    [saving.run],
  );
  useEffect(load, [load]);

  const save = async () => {
    const ok = await saving.run(async () => {
      setPreview(null);
      setPeriod(await api.retention.setPeriod({ years: Number(years) }));
      return t('retentionSaved');
    });
    if (ok) yearsBox.current?.focus();
  };
  const show = () => previewing.run(async () => void setPreview(await api.retention.preview()));
  const purge = async () => {
    if (!preview) return;
    const ok = await purging.run(async () => t.msg((await api.retention.purge({ cutoff: preview.cutoff })).message));
    if (ok) closePreview();
  };

  return (
    <div className="section retention">
      <h2>{t('retention')}</h2>
      <p className="muted">{t('retentionScope')}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={t('retentionYears')}>
          <input ref={yearsBox} className="w-short" inputMode="numeric" value={years} onChange={(e) => setYears(e.target.value.replace(/\D/g, ''))} />
        </Field>
        <button type="submit" className="secondary field-button" disabled={saving.busy || !years || Number(years) === period?.years}>
          {t('retentionSave')}
        </button>
        <button ref={previewButton} type="button" className="secondary field-button" disabled={previewing.busy} onClick={() => void show()}>
          {t('retentionPreview')}
        </button>
      </form>
      <NoteLine note={saving.note} />
      <NoteLine note={previewing.note} />
      {preview && <Preview preview={preview} busy={purging.busy} onPurge={() => void purge()} onClose={closePreview} />}
      <NoteLine note={purging.note} />
    </div>
  );
}

/** What a purge would remove; the purge asks here, the safe answer focused, and Esc closes it (decision 0027). */
function Preview({ preview, busy, onPurge, onClose }: { preview: RetentionPreview; busy: boolean; onPurge: () => void; onClose: () => void }) {
  const t = useT();
  useEscape(onClose);
  return (
    <div className="alert info retention-preview" role="group" aria-label={t('retentionPreview')}>
      <PreviewPairs preview={preview} />
      {preview.dossiers > 0 || preview.entries > 0 ? (
        <>
          <p>{t('retentionConfirm')}</p>
          <div className="row">
            <button type="button" className="warn" disabled={busy} onClick={onPurge}>
              {busy ? t('retentionPurging') : t('retentionPurge')}
            </button>
            <button type="button" className="secondary" disabled={busy} autoFocus onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </>
      ) : (
        <p>{t('retentionNothing')}</p>
      )}
    </div>
  );
}

function PreviewPairs({ preview }: { preview: RetentionPreview }) {
  const t = useT();
  const day = (d: string | null) => (d ? formatDate(d) : '—');
  return (
    <dl className="pairs">
      <dt>{t('retentionBefore')}</dt>
      <dd>{formatDate(preview.cutoffDay)}</dd>
      <dt>{t('retentionDossiers')}</dt>
      <dd>
        <strong>{preview.dossiers}</strong>
        {preview.dossiers > 0 && ` (${day(preview.oldest)} – ${day(preview.newest)})`}
      </dd>
      {preview.byYear.map((y) => (
        <Pair key={y.year} label={`${t('retentionYear')} ${y.year}`} value={String(y.dossiers)} />
      ))}
      <dt>{t('retentionKeptOpen')}</dt>
      <dd>{preview.keptOpen}</dd>
      <dt>{t('retentionEntries')}</dt>
      <dd>{preview.entries}</dd>
    </dl>
  );
}

const Pair = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);
