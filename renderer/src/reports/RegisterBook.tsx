import { useEffect, useState } from 'react';
import { parseDmy } from '../../../shared/format/vn-time.js';
import type { RegisterPage } from '../../../shared/contract/index.js';
import { CODE_NOTE, numberingLines, REGISTER_COLUMNS } from '../../../shared/reports/register-columns.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import { monthOf } from './month.js';
import { RangeForm, readRange, useFileSaver, type ReportProblem } from './RangeForm.js';

const PAGE = 50;
// The signature column is for the printed book; on screen it would only be empty.
const SCREEN_COLUMNS = REGISTER_COLUMNS.filter((c) => c.key !== 'signature');
/** The code in a fixed-width face; the time taken in on one line, the day and the hour together. */
const CELL_CLASS: Record<string, string> = { code: 'mono', received: 'when' };

/** The register book for a range of days: paged on screen, the numbering check, XLSX and PDF. */
export function RegisterBook({ today }: { today: string }) {
  const t = useT();
  const i = t.lang === 'vi' ? 0 : 1;
  const [text, setText] = useState(() => monthOf(today));
  const [range, setRange] = useState(() => ({ from: parseDmy(text.from)!, to: parseDmy(text.to)! }));
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RegisterPage | null>(null);
  const [problem, setProblem] = useState<ReportProblem>();
  const { fileState, save } = useFileSaver(setProblem);

  useEffect(() => {
    api.reports
      .register({ ...range, offset, limit: PAGE })
      .then((p) => {
        setPage(p);
        setProblem(undefined);
      })
      .catch((e) => setProblem({ text: t.msg(errorData(e)), field: errorData(e).field }));
  }, [range, offset, t]);

  const show = () => {
    const read = readRange(text);
    if ('field' in read) return setProblem({ text: t('badDate'), field: read.field });
    setOffset(0);
    setRange(read);
  };

  const gaps = page?.numbering.some((n) => n.gaps.length > 0) ?? false;
  const last = page ? Math.min(page.offset + page.rows.length, page.total) : 0;
  return (
    <section>
      <h2>{t('registerBook')}</h2>
      <RangeForm
        label={t('registerBook')}
        text={text}
        onText={setText}
        onShow={show}
        onSave={(format) => save(() => api.reports.registerFile({ ...range, format }))}
        canSave={!!page}
        problem={problem}
      />
      {problem && !problem.field && <div className="alert error" role="alert">{problem.text}</div>}
      {fileState && <div className="alert info" role="status">{fileState}</div>}
      {page && (
        <div className={`alert ${gaps ? 'error' : 'ok'}`} role={gaps ? 'alert' : 'status'} aria-label={t('numberingCheck')}>
          <strong>{t('numberingCheck')}</strong>
          {'\n'}
          {page.numbering.flatMap((n) => numberingLines(n, t.lang)).join('\n')}
        </div>
      )}
      {page && page.total === 0 && <p className="muted">{t('noRegister')}</p>}
      {page && page.total > 0 && (
        <>
          <div className="register-scroll">
            <table className="grid register" aria-label={t('registerBook')}>
              <thead>
                <tr>
                  {SCREEN_COLUMNS.map((c) => (
                    <th scope="col" key={c.key}>
                      {c.header[i]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.registerNo}>
                    {SCREEN_COLUMNS.map((c) => (
                      <td key={c.key} className={CELL_CLASS[c.key]}>
                        {c.cell(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row align-center pager">
            <button type="button" className="secondary" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE))}>
              {t('previousPage')}
            </button>
            <span>
              {t('dossiersShown')} {page.offset + 1}–{last} / {page.total}
            </span>
            <button type="button" className="secondary" disabled={last >= page.total} onClick={() => setOffset(page.offset + PAGE)}>
              {t('nextPage')}
            </button>
          </div>
          <p className="muted small">{CODE_NOTE[t.lang]}</p>
        </>
      )}
    </section>
  );
}
