import { useEffect, useState } from 'react';
import type { RoundLine } from '../../../shared/contract/returns.js';
import { api } from '../rpc.js';
import { useT } from '../i18n.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { saveFile } from '../reports/save-file.js';

/**
 * The postman's day: the results out for delivery, printable on A4 for the round. When the
 * postman is back, each return item is scanned here and its result opens to record the outcome.
 */
export function RoundList({ onOpen, version }: { onOpen: (dossierId: number) => void; /** changes after each recorded outcome */ version: number }) {
  const t = useT();
  const [lines, setLines] = useState<RoundLine[]>([]);
  const { busy, note, run } = useAction();

  useEffect(() => {
    void api.returns.round().then(setLines);
  }, [version]);

  return (
    <>
      <div className="row align-center">
        <h2 className="grow">
          {t('roundTitle')} ({lines.length})
        </h2>
        <button type="button" className="secondary" disabled={busy || lines.length === 0} onClick={() => void run(async () => void saveFile(await api.returns.roundPdf()))}>
          {t('roundPrint')}
        </button>
      </div>
      <NoteLine note={note} />
      {lines.length === 0 ? (
        <p>{t('roundEmpty')}</p>
      ) : (
        <table className="grid returns-table">
          <thead>
            <tr>
              <th>{t('returnItemNumber')}</th>
              <th>{t('fullName')}</th>
              <th>{t('deliveryAddress')}</th>
              <th>{t('attemptsCol')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.dossierId} tabIndex={0} onClick={() => onOpen(l.dossierId)} onKeyDown={(e) => e.key === 'Enter' && onOpen(l.dossierId)}>
                <td>{l.returnItemNumber}</td>
                <td>
                  {l.recipientName} · {l.phone}
                </td>
                <td>{l.deliveryAddress}</td>
                <td>{l.attempt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
