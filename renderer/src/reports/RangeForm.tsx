import { useCallback, useState, type ReactNode } from 'react';
import type { DayRange, ExportFile, ExportFormat } from '../../../shared/contract/index.js';
import { parseDmy } from '../../../shared/format/vn-time.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n.js';
import { errorData } from '../rpc.js';
import { saveFile } from './save-file.js';

/** A range of days as the clerk types it: dd/mm/yyyy at both ends. */
export interface RangeText {
  from: string;
  to: string;
}

/** What went wrong with a report: under a field when it names one, above the report otherwise. */
export interface ReportProblem {
  text: string;
  field?: string;
}

/** The typed range as days, or the field that is not a date. */
export function readRange(text: RangeText): DayRange | { field: 'from' | 'to' } {
  const from = parseDmy(text.from);
  const to = parseDmy(text.to);
  if (!from) return { field: 'from' };
  if (!to) return { field: 'to' };
  return { from, to };
}

/**
 * The top of a report: the two days, "Xem", anything the report adds (quick ranges), and the
 * buttons that save it as XLSX or PDF.
 */
export function RangeForm(props: { text: RangeText; onText: (t: RangeText) => void; onShow: () => void; onSave: (f: ExportFormat) => void; canSave: boolean; problem?: ReportProblem; extra?: ReactNode; label: string }) {
  const t = useT();
  const { text, problem } = props;
  return (
    <form
      className="row align-end"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onShow();
      }}
    >
      <Field label={t('fromDay')} error={problem?.field === 'from' ? problem.text : undefined}>
        <input className="w-short" placeholder="dd/mm/yyyy" value={text.from} onChange={(e) => props.onText({ ...text, from: e.target.value })} />
      </Field>
      <Field label={t('toDay')} error={problem?.field === 'to' ? problem.text : undefined}>
        <input className="w-short" placeholder="dd/mm/yyyy" value={text.to} onChange={(e) => props.onText({ ...text, to: e.target.value })} />
      </Field>
      <button type="submit" className="secondary">{t('show')}</button>
      {props.extra}
      <span className="grow" />
      <button type="button" className="secondary" onClick={() => props.onSave('xlsx')} disabled={!props.canSave}>
        {t('saveXlsx')}
      </button>
      <button type="button" className="secondary" onClick={() => props.onSave('pdf')} disabled={!props.canSave}>
        {t('savePdf')}
      </button>
    </form>
  );
}

/** Makes a report's file in the core and hands it to the clerk, saying how it went. */
export function useFileSaver(onProblem: (p: ReportProblem) => void) {
  const t = useT();
  const [fileState, setFileState] = useState<string>();
  const save = useCallback(
    (make: () => Promise<ExportFile>) => {
      setFileState(t('making'));
      make()
        .then((file) => {
          saveFile(file);
          setFileState(`${t('fileMade')}: ${file.fileName}`);
        })
        .catch((e) => {
          setFileState(undefined);
          onProblem({ text: t.msg(errorData(e)) });
        });
    },
    [t, onProblem],
  );
  return { fileState, save };
}
