import { useEffect, useState } from 'react';
import type { AttentionItem } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { api, errorData } from '../rpc.js';
import { useT, type LabelKey } from '../i18n.js';

const KIND: Record<AttentionItem['kind'], [LabelKey, string]> = {
  refused: ['attentionRefused', 'tone-problem'],
  'supplement-requested': ['attentionSupplement', 'tone-action'],
  upload: ['attentionUpload', 'tone-problem'],
  update: ['attentionUpdate', 'tone-action'],
};

/**
 * "Cần xử lý": what the agencies refused or asked for, uploads stopped for a person, and
 * decisions that could not be recorded. A line with a batch opens it.
 */
export function AttentionList({ onOpenBatch }: { onOpenBatch: (batchId: number) => void }) {
  const t = useT();
  const [items, setItems] = useState<AttentionItem[] | null>(null);
  const [problem, setProblem] = useState<string>();
  // Decisions arrive by themselves: a clerk who stays on F4 sees them within a quarter of a minute.
  useEffect(() => {
    const look = () =>
      void api.exchange
        .attention()
        .then((list) => (setItems(list), setProblem(undefined)))
        .catch((e) => setProblem(t.msg(errorData(e))));
    look();
    const timer = setInterval(look, 15_000);
    return () => clearInterval(timer);
  }, [t]);
  return (
    <section className="attention" aria-label={t('attention')}>
      <h2>{t('attention')}</h2>
      {problem && <p className="error-text">{problem}</p>}
      {items?.length === 0 && <p>{t('nothingToHandle')}</p>}
      {items && items.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('attentionKind')}</th>
              <th>{t('itemNumber')}</th>
              <th>{t('fullName')}</th>
              <th>{t('attentionWhat')}</th>
              <th>{t('time')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a, i) => {
              const [word, tone] = KIND[a.kind];
              return (
                <tr key={i}>
                  <td>
                    <span className={`badge ${tone}`}>{t(word)}</span>
                  </td>
                  <td className="mono">
                    {a.batchId !== null ? (
                      <button type="button" className="link" onClick={() => onOpenBatch(a.batchId!)}>
                        {a.batchNumber}
                      </button>
                    ) : (
                      (a.itemNumber ?? a.batchNumber)
                    )}
                  </td>
                  <td>{a.senderName ?? '—'}</td>
                  <td>{t.msg(a.detail)}</td>
                  <td>{formatDateTime(a.at)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
