import { useEffect, useRef } from 'react';
import type { ProcedureDetail } from '../../../shared/contract/index.js';
import { useEscape } from '../components/use-escape.js';
import { useT } from '../i18n.js';
import { deadlineWords, feeWords } from './procedure-facts.js';

/** The key that opens the card, shown on its button (F-keys are taken by screens and the intake). */
export const CARD_KEY = { key: 'i', label: 'Ctrl+I', aria: 'Control+I' } as const;

/** The published words add something to the number read from them ("15 ngày; 30 ngày nếu…"), not just "5" or "135.000 đ". */
const saysMore = (published: string) => /[^\d\s.,₫đ]/i.test(published.replace(/vnđ|vnd|đồng/gi, ''));

/**
 * What the clerk must know of the picked procedure, as the province published it: whether the
 * citizen must come in person, the settlement time, the fees, the notes, and each document with
 * how many originals and copies. Esc closes it and focus goes back where it was.
 */
export function ProcedureCard({ procedure: p, onClose }: { procedure: ProcedureDetail; onClose: () => void }) {
  const t = useT();
  const from = useRef<Element | null>(document.activeElement);
  const close = () => {
    onClose();
    const back = from.current;
    requestAnimationFrame(() => back instanceof HTMLElement && back.isConnected && back.focus());
  };
  useEscape(close);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const count = (n: number) => (n > 0 ? String(n) : '—');
  return (
    <div className="card-backdrop" role="dialog" aria-modal="true" aria-labelledby="procedure-card-title">
      <section className="procedure-card">
        <h2 id="procedure-card-title">{p.name}</h2>
        <dl className="facts">
          <dt>{t('procedureCode')}</dt><dd className="mono">{p.code}</dd>
          <dt>{t('agency')}</dt><dd>{p.agencyName} ({p.agencyCode})</dd>
          {p.level && (<><dt>{t('level')}</dt><dd>{p.level}</dd></>)}
          <dt>{t('inPerson')}</dt>
          <dd className={p.inPerson ? 'in-person' : undefined}>{p.inPerson === null ? t('notSaid') : t(p.inPerson ? 'inPersonYes' : 'inPersonNo')}</dd>
          <dt>{t('deadline')}</dt>
          <dd>
            {deadlineWords(p, t)}
            {p.deadlineDays !== null && saysMore(p.deadlineText) && <span className="muted"> ({t('publishedFee')}: {p.deadlineText})</span>}
          </dd>
          <dt>{t('fees')}</dt>
          <dd>
            {feeWords(p)}
            {p.fee !== null && saysMore(p.feeText) && <span className="muted"> ({t('publishedFee')}: {p.feeText})</span>}
          </dd>
          {p.notes && (<><dt>{t('notes')}</dt><dd>{p.notes}</dd></>)}
        </dl>
        <table className="grid card-documents" aria-label={t('documents')}>
          <thead>
            <tr>
              <th scope="col">{t('documents')}</th>
              <th scope="col" className="num">{t('original')}</th>
              <th scope="col" className="num">{t('copy')}</th>
            </tr>
          </thead>
          <tbody>
            {p.documents.map((d) => (
              <tr key={d.seq}>
                <td>
                  {d.seq}. {d.name} {d.required && <span className="required">({t('required')})</span>}
                </td>
                <td className="num">{count(d.original)}</td>
                <td className="num">{count(d.copy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" className="secondary" ref={closeButton} onClick={close}>
            {t('close')} <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </section>
    </div>
  );
}
