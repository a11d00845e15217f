import { useEffect, useState } from 'react';
import { formatVnd, formatVndSigned, parseVnd } from '../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import type { DaySummary } from '../../../shared/contract/index.js';
import { Field } from '../components/Field.js';
import { MoneyInput } from '../components/MoneyInput.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import { saveFile } from './save-file.js';
import { amendmentLine } from '../../../shared/reports/day-amendments.js';

/** Kết ca: the clerk's figures for today, the cash counted against them, and the close. */
export function DayClose() {
  const t = useT();
  const [day, setDay] = useState<DaySummary | null>(null);
  const [cash, setCash] = useState('');
  const [problem, setProblem] = useState<string>();
  const [printed, setPrinted] = useState(false);

  useEffect(() => {
    api.reports.day({}).then(setDay).catch((e) => setProblem(t.msg(errorData(e))));
  }, [t]);

  // data-loading: the screen's first field (the cash counted) is still to come; arrival focus waits for it
  if (!day) return problem ? <div className="alert error" role="alert">{problem}</div> : <div data-loading="" />;
  const counted = cash.trim() === '' ? null : parseVnd(cash);
  const close = () => {
    if (counted === null) return setProblem(t('cashInvalid'));
    api.reports
      .closeDay({ day: day.day, cashCounted: counted })
      .then((d) => {
        setDay(d);
        setProblem(undefined);
      })
      .catch((e) => setProblem(t.msg(errorData(e))));
  };

  const savePdf = () =>
    api.reports
      .dayFile({ day: day.day })
      .then(saveFile)
      .catch((e) => setProblem(t.msg(errorData(e))));

  const printReport = () =>
    api.reports
      .printDay({ day: day.day })
      .then(() => setPrinted(true))
      .catch((e) => setProblem(t.msg(errorData(e))));

  return (
    <section className="section day-close" aria-label={t('dayClose')}>
      <h2>
        {t('dayClose')} — {formatDate(day.day)} · {t('counter')} {day.counterCode} · {day.clerkName}
      </h2>
      <div className="row">
        <table className="grid figures" aria-label={t('dayFigures')}>
          <tbody>
            <tr>
              <th scope="row">{t('dayAccepted')}</th>
              <td className="num">{day.accepted}</td>
            </tr>
            <tr>
              <th scope="row">{t('dayGuided')}</th>
              <td className="num">{day.guided}</td>
            </tr>
            {day.fees.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  {f.name} ({f.count} {t('dossierUnit')})
                </th>
                <td className="num">{formatVnd(f.amount)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                {t('postage')} ({day.postage.count} {t('dossierUnit')})
              </th>
              <td className="num">{formatVnd(day.postage.amount)}</td>
            </tr>
            {day.voided > 0 && (
              <tr>
                <th scope="row">
                  {t('dayRefunds')} ({day.voided} {t('dossierUnit')})
                </th>
                <td className="num">{formatVndSigned(-day.refunds)}</td>
              </tr>
            )}
            <tr className="sum">
              <th scope="row">{t('expectedCash')}</th>
              <td className="num">{formatVnd(day.expectedCash)}</td>
            </tr>
            <tr>
              <th scope="row">{t('dayCorrected')}</th>
              <td className="num">{day.corrected}</td>
            </tr>
            <tr>
              <th scope="row">{t('dayReprints')}</th>
              <td className="num">{day.reprints}</td>
            </tr>
          </tbody>
        </table>
        <div className="grow">
          {day.amendments.length > 0 && (
            <ul className="day-amendments" aria-label={t('dayAmendments')}>
              {day.amendments.map((a) => (
                <li key={`${a.kind}-${a.dossierId}-${a.at}`}>{amendmentLine(a, t.lang)}</li>
              ))}
            </ul>
          )}
          {day.close ? (
            <div className="alert ok" role="status">
              {t('dayClosedAt')} {formatDateTime(day.close.closedAt)}
              {day.close.closedBy && ` · ${t('closedBy')} ${day.close.closedBy.name} (${day.close.closedBy.code})`}
              {'\n'}
              {t('cashCounted')}: {formatVnd(day.close.cashCounted)} · {t('difference')}: {formatVndSigned(day.close.difference)}
            </div>
          ) : (
            <form
              className="row align-end"
              onSubmit={(e) => {
                e.preventDefault();
                close();
              }}
            >
              <Field label={t('cashCounted')} error={problem} hint={counted !== null ? `${t('difference')}: ${formatVndSigned(counted - day.expectedCash)}` : undefined}>
                <MoneyInput value={cash} onChange={setCash} />
              </Field>
              <button type="submit" disabled={cash.trim() === ''}>
                {t('closeDay')}
              </button>
            </form>
          )}
          <div className="row">
            <button type="button" className="secondary" onClick={printReport}>
              {t('printDayReport')}
            </button>
            <button type="button" className="secondary" onClick={savePdf}>
              {t('saveDayPdf')}
            </button>
          </div>
          {day.close && problem && (
            <div className="alert error" role="alert">
              {problem}
            </div>
          )}
          {printed && (
            <div className="alert ok" role="status">
              {t('dayReportQueued')}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
