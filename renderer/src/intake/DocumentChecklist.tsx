import type { ProcedureDocument } from '../../../shared/contract/index.js';
import { useRef } from 'react';
import { useT } from '../i18n.js';
import type { DocumentState } from './form-state.js';

/**
 * The published document list for the chosen procedure. On a row's checkbox:
 * Space ticks it and moves to the next required row still unticked (after the last one,
 * `onAllRequired` moves on); arrows move between rows; O/B marks original, C/S copy, a digit
 * sets the count.
 */
export function DocumentChecklist({
  documents,
  published,
  onChange,
  onAllRequired,
  error,
}: {
  documents: DocumentState[];
  published: ProcedureDocument[];
  onChange: (seq: number, patch: Partial<DocumentState>) => void;
  onAllRequired: () => void;
  error?: string | undefined;
}) {
  const t = useT();
  const byName = new Map(published.map((d) => [d.seq, d]));
  const rows = useRef<HTMLTableSectionElement>(null);
  const boxes = () => [...(rows.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];

  const tick = (seq: number) => {
    const doc = documents.find((d) => d.seq === seq)!;
    onChange(seq, { present: !doc.present });
    if (doc.present) return; // unticking stays on the row
    const at = documents.indexOf(doc);
    const next = documents.findIndex((d, i) => i > at && !d.present && byName.get(d.seq)?.required);
    const left = documents.some((d, i) => i !== at && !d.present && byName.get(d.seq)?.required);
    if (next >= 0) boxes()[next]?.focus();
    else if (!left) onAllRequired();
  };
  return (
    <fieldset className={`section documents${error ? ' invalid' : ''}`}>
      <legend>{t('documents')}</legend>
      {documents.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <table className="doc-table">
          <thead>
            <tr>
              <th scope="col" className="doc-name-col">
                {t('documents')}
              </th>
              <th scope="col">{t('original')}</th>
              <th scope="col">{t('copy')}</th>
              <th scope="col">{t('count')}</th>
            </tr>
          </thead>
          <tbody ref={rows}>
            {documents.map((d) => {
              const pub = byName.get(d.seq)!;
              return (
                <tr key={d.seq} className={d.present ? 'present' : undefined}>
                  <td>
                    <label className="doc-name">
                      <input
                        type="checkbox"
                        checked={d.present}
                        data-fill="documents"
                        data-required={pub.required ? '' : undefined}
                        onChange={(e) => onChange(d.seq, { present: e.target.checked })}
                        // Space is acted on at keydown; its keyup must not toggle the box back.
                        onKeyUp={(e) => e.key === ' ' && e.preventDefault()}
                        onKeyDown={(e) => {
                          const k = e.key.toLowerCase();
                          const row = documents.indexOf(d);
                          if (k === ' ') tick(d.seq);
                          else if (k === 'arrowdown' || k === 'arrowup') boxes()[row + (k === 'arrowdown' ? 1 : -1)]?.focus();
                          else if (k === 'o' || k === 'b') onChange(d.seq, { form: 'original' });
                          else if (k === 'c' || k === 's') onChange(d.seq, { form: 'copy' });
                          else if (/^[0-9]$/.test(k)) onChange(d.seq, { count: Number(k), present: Number(k) > 0 });
                          else return;
                          e.preventDefault();
                        }}
                      />
                      <span>
                        {pub.name}
                        {pub.required && <span className="required"> ({t('required')})</span>}
                      </span>
                    </label>
                  </td>
                  {(['original', 'copy'] as const).map((form) => (
                    <td className="center" key={form}>
                      <input
                        type="radio"
                        tabIndex={-1}
                        name={`form-${d.seq}`}
                        aria-label={`${t(form)}: ${pub.name}`}
                        checked={d.form === form}
                        onChange={() => onChange(d.seq, { form })}
                      />
                    </td>
                  ))}
                  <td className="center">
                    <input
                      type="number"
                      tabIndex={-1}
                      min={0}
                      max={99}
                      className="count"
                      aria-label={`${t('count')}: ${pub.name}`}
                      value={d.count}
                      onChange={(e) => onChange(d.seq, { count: Math.max(0, Math.min(99, Number(e.target.value) || 0)) })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="field-hint">{t('docKeys')}</div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
