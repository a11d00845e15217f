import { useState } from 'react';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';

/** Reprint a dossier's receipt or label (or its guidance slip): each is its own recorded job. */
export function ReprintButtons({ dossierId, guided, onPrinted }: { dossierId: number; guided: boolean; onPrinted?: () => void }) {
  const t = useT();
  const [problem, setProblem] = useState<string>();
  const reprint = (document: 'receipt' | 'label' | 'guidance') =>
    api.printing
      .reprint({ dossierId, document })
      .then(() => {
        setProblem(undefined);
        onPrinted?.();
      })
      .catch((e) => setProblem(t.msg(errorData(e))));
  const docs = guided ? (['guidance'] as const) : (['receipt', 'label'] as const);
  return (
    <>
      {docs.map((d) => (
        <button key={d} type="button" className="secondary" onClick={() => void reprint(d)}>
          {t('reprint')}: {t(d === 'receipt' ? 'docReceipt' : d === 'label' ? 'docLabel' : 'docGuidance').toLowerCase()}
        </button>
      ))}
      {problem && <span className="error-text">{problem}</span>}
    </>
  );
}
