import { useCallback, useEffect, useState } from 'react';
import { parseDmy } from '../../../shared/format/vn-time.js';
import type { ExportFormat, RegisterPage } from '../../../shared/contract/index.js';
import { CODE_NOTE, numberingLines, REGISTER_COLUMNS } from '../../../shared/reports/register-columns.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import { monthOf } from './month.js';
import { saveFile } from './save-file.js';

const PAGE = 50;
// The signature column is for the printed book; on screen it would only be empty.
const SCREEN_COLUMNS = REGISTER_COLUMNS.filter((c) => c.key !== 'signature');

/** The register book for a range of days: paged on screen, the numbering check, XLSX and PDF. */
export function RegisterBook({ today }: { today: string }) {
  const t = useT();
  const i = t.lang === 'vi' ? 0 : 1;
  const [text, setText] = useState(() => monthOf(today));
  const [range, setRange] = useState(() => ({ from: parseDmy(text.from)!, to: parseDmy(text.to)! }));
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RegisterPage | null>(null);
  const [problem, setProblem] = useState<{ text: string; field?: string }>();
  const [fileState, setFileState] = useState<string>();

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
    const from = parseDmy(text.from);
    const to = parseDmy(text.to);
    if (!from || !to) return setProblem({ text: t('badDate'), field: from ? 'to' : 'from' });
    setOffset(0);
    setRange({ from, to });
  };

  const save = useCallback(
    (format: ExportFormat) => {
      setFileState(t('making'));
      api.reports
        .registerFile({ ...range, format })
        .then((file) => {
          saveFile(file);
          setFileState(`${t('fileMade')}: ${file.fileName}`);
        })
        .catch((e) => {
          setFileState(undefined);
          setProblem({ text: t.msg(errorData(e)) });
        });
    },
    [range, t],
  );

  const gaps = page?.numbering.some((n) => n.gaps.length > 0) ?? false;
  const last = page ? Math.min(page.offset + page.rows.length, page.total) : 0;
  return (
    <section>
      <h2>{t('registerBook')}</h2>
      <form
        className="row align-end"
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <Field label={t('fromDay')} error={problem?.field === 'from' ? problem.text : undefined}>
          <input className="w-short" placeholder="dd/mm/yyyy" value={text.from} onChange={(e) => setText({ ...text, from: e.target.value })} />
        </Field>
        <Field label={t('toDay')} error={problem?.field === 'to' ? problem.text : undefined}>
          <input className="w-short" placeholder="dd/mm/yyyy" value={text.to} onChange={(e) => setText({ ...text, to: e.target.value })} />
        </Field>
        <button type="submit" className="secondary">{t('show')}</button>
        <span className="grow" />
        <button type="button" className="secondary" onClick={() => save('xlsx')} disabled={!page}>
          {t('saveXlsx')}
        </button>
        <button type="button" className="secondary" onClick={() => save('pdf')} disabled={!page}>
          {t('savePdf')}
        </button>
      </form>
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
                      <td key={c.key} className={c.key === 'code' ? 'mono' : undefined}>
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
