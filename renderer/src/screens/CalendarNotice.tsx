import { useEffect, useState } from 'react';
import type { CalendarDay } from '../../../shared/calendar/year-calendar.js';
import { formatDate, formatDateTime, parseDmy } from '../../../shared/format/vn-time.js';
import { FilePicker, toBase64 } from '../components/FilePicker.js';
import { Field } from '../components/Field.js';
import { RowsTable } from '../components/RowsTable.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { api, errorData, type Api } from '../rpc.js';
import { both, useT, words } from '../i18n.js';

type YearView = Awaited<ReturnType<Api['calendar']['year']>>;
interface Row {
  dateText: string;
  kind: CalendarDay['kind'];
  name: string;
}

const rowsOf = (days: CalendarDay[]): Row[] => days.map((d) => ({ dateText: formatDate(d.date), kind: d.kind, name: d.name }));

/** Every problem of a refused notice, one a line (a file can have several bad rows). */
function problemLines(error: unknown): Msg[] {
  const d = errorData(error);
  return d.problems && d.problems.length > 1 ? d.problems : [d];
}

/**
 * A year's days off and make-up working days: the computed guess until the Government's notice is
 * entered here (by hand, or read from a file and checked), which then replaces it for that year.
 */
export function CalendarNotice({ initialYear, onSaved }: { initialYear: number; onSaved: () => void }) {
  const t = useT();
  const [year, setYear] = useState(initialYear);
  const [view, setView] = useState<YearView | null>(null);
  const [reference, setReference] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [note, setNote] = useState<{ ok: boolean; lines: Msg[] }>();
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => setNote({ ok: false, lines: problemLines(e) });

  useEffect(() => {
    if (year < 2000 || year > 2100) return;
    api.calendar
      .year({ year })
      .then((v) => {
        setView(v);
        setReference(v.official ? v.reference : '');
        setRows(rowsOf(v.days));
      })
      .catch((e) => setNote({ ok: false, lines: problemLines(e) }));
  }, [year, t]);

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const weekday = (text: string) => {
    const iso = parseDmy(text);
    return iso ? t('weekdays').split(',')[new Date(`${iso}T00:00:00Z`).getUTCDay()] : '';
  };

  const readFile = async (file: File) => {
    setBusy(true);
    setNote(undefined);
    try {
      setRows(rowsOf(await api.calendar.readNoticeFile({ year, fileName: file.name, contentBase64: await toBase64(file) })));
      setNote({ ok: true, lines: [words('noticeRead')] });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const bad = rows.find((r) => parseDmy(r.dateText) === null);
    if (bad) {
      setNote({ ok: false, lines: [both((l) => `${l('badDate')}: "${bad.dateText}"`)] });
      return;
    }
    setBusy(true);
    try {
      const days = rows.map((r) => ({ date: parseDmy(r.dateText)!, kind: r.kind, name: r.name }));
      const saved = await api.calendar.saveNotice({ year, reference, days });
      setView(saved);
      setRows(rowsOf(saved.days));
      setNote({ ok: true, lines: [words('noticeSaved')] });
      onSaved();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="section calendar-notice">
      <h2>{t('holidays')}</h2>
      <div className="row align-end">
        <Field label={t('calendarYear')}>
          <input className="w-short" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
        </Field>
        {view && (
          <span className={`state ${view.official ? 'state-connected' : 'state-searching'} calendar-state`}>
            <b>{view.official ? t('calendarOfficial') : t('calendarProvisional')}</b>
            {view.official && ` — ${view.reference}${view.enteredAt ? `, ${t('enteredAt')} ${formatDateTime(view.enteredAt)}` : ''}`}
          </span>
        )}
      </div>
      {view && !view.official && <p className="muted">{t('calendarProvisionalHelp')}</p>}
      <RowsTable<Row>
        label={t('holidays')}
        className="calendar-days"
        headers={[t('date'), t('weekday'), t('dayKind'), t('dayName')]}
        rows={rows}
        onChange={setRows}
        blank={() => ({ dateText: '', kind: 'off', name: '' })}
        addLabel={t('addDay')}
      empty={t('noDays')}
        cells={(r, i) => [
          <input aria-label={`${t('date')} ${i + 1}`} value={r.dateText} onChange={(e) => set(i, { dateText: e.target.value })} />,
          <span className="muted">{weekday(r.dateText)}</span>,
          <select aria-label={`${t('dayKind')} ${i + 1}`} value={r.kind} onChange={(e) => set(i, { kind: e.target.value as Row['kind'] })}>
            <option value="off">{t('dayOff')}</option>
            <option value="working">{t('dayWorking')}</option>
          </select>,
          <input aria-label={`${t('dayName')} ${i + 1}`} value={r.name} onChange={(e) => set(i, { name: e.target.value })} />,
        ]}
      />
      <div className="row align-end">
        <FilePicker label={t('noticeFile')} accept=".xlsx,.csv,.json" disabled={busy} onFile={(f) => void readFile(f)} />
      </div>
      <div className="row align-end">
        <Field label={t('noticeReference')} className="grow">
          <input value={reference} placeholder="Thông báo số …/TB-BNV ngày …" onChange={(e) => setReference(e.target.value)} />
        </Field>
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          {t('saveNotice')}
        </button>
      </div>
      {note && (
        <div role="status" className={`alert ${note.ok ? 'ok' : 'error'}`}>
          {note.lines.map(t.msg).join('\n')}
        </div>
      )}
    </div>
  );
}
