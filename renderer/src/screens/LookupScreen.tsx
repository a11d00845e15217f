import { useEffect, useMemo, useRef, useState } from 'react';
import { formatVnd } from '../../../shared/format/money.js';
import { formatDateTime, parseDmy } from '../../../shared/format/vn-time.js';
import { api, errorData, type Api } from '../rpc.js';
import { useT } from '../i18n.js';
import { statusLabel } from '../../../shared/lifecycle/labels.js';
import { DOSSIER_STATUSES, INITIAL_STATUS } from '../../../shared/lifecycle/states.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { Field } from '../components/Field.js';
import { WindowedTable } from '../components/WindowedTable.js';
import { MoreOnScroll } from '../components/MoreOnScroll.js';
import { refuseTone, useScanHandler } from '../scan/ScanContext.js';
import type { DossierSearchInput, ProcedureDetail } from '../../../shared/contract/index.js';
import { ProcedurePicker } from '../intake/ProcedurePicker.js';
import { DossierView, type DossierDetail } from './DossierView.js';

type Detail = DossierDetail;
type Page = Awaited<ReturnType<Api['dossiers']['search']>>;
type Filters = Omit<DossierSearchInput, 'query' | 'before' | 'limit'>;

/** Every state a stored dossier can be in (a draft lives only inside its intake's transaction). */
const FILTER_STATUSES = DOSSIER_STATUSES.filter((s) => s !== INITIAL_STATUS);

/** Pages are fetched as the clerk scrolls, so 100,000 matches cost one page at a time. */
const PAGE = 50;

/**
 * Any dossier by name, ID, phone, register, item or agency code, with filters; results follow
 * the typing, newest first. A scan opens its dossier; Enter or a click opens a row.
 */
export function LookupScreen({ onResume }: { onResume: (dossier: Detail) => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [rows, setRows] = useState<Page['rows'] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [open, setOpen] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string>();
  const latest = useRef(0);
  const answered = useRef(0);
  // Enter pressed before the answer for the typed text arrived: open its first row when it does.
  const enterPending = useRef(false);
  const fromList = useRef(false);
  const search = useMemo(() => ({ query, ...filters, procedureCode: procedure?.code }), [query, filters, procedure]);

  // Results follow the typing; an answer to an older query never replaces a newer one.
  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      api.dossiers
        .search({ ...search, limit: PAGE })
        .then((page) => {
          if (ticket !== latest.current) return;
          answered.current = ticket;
          setProblem(undefined);
          setRows(page.rows);
          setNext(page.next);
          if (enterPending.current && page.rows[0]) void show(page.rows[0].id);
          enterPending.current = false;
        })
        .catch((e) => ticket === latest.current && setProblem(t.msg(errorData(e))));
    }, 120);
    return () => clearTimeout(timer);
  }, [search, t]);

  // The observer may fire again before the page arrives: each page is asked for once.
  const asked = useRef<number | null>(null);
  const more = () => {
    if (next === null || asked.current === next) return;
    asked.current = next;
    const ticket = latest.current;
    api.dossiers
      .search({ ...search, limit: PAGE, before: next })
      .then((page) => {
        if (ticket !== latest.current) return;
        setRows((r) => [...(r ?? []), ...page.rows]);
        setNext(page.next);
      })
      .catch((e) => setProblem(t.msg(errorData(e))));
  };

  /** `fromRow`: opened from the list, so back returns to that row rather than to the search box. */
  const show = (id: number, fromRow = false) => {
    fromList.current = fromRow;
    return api.dossiers.get({ id }).then(setOpen).catch((e) => setProblem(t.msg(errorData(e))));
  };
  const find = (value: string) =>
    api.dossiers
      .findByCode({ code: value })
      .then((r) => {
        setProblem(undefined);
        return show(r.id);
      })
      .catch((e) => {
        refuseTone();
        setProblem(t.msg(errorData(e)));
      });

  // A scanned item number or agency dossier code opens that dossier.
  useScanHandler((scan) => {
    if (scan.kind === 'item' || scan.kind === 'dossier-code') return void find(scan.code);
    refuseTone();
    setProblem(scan.kind === 'refused' ? t.msg(scan.reason) : t('notACode'));
  });

  // Back from a detail opened from the list: the list where it was, focus on the row opened
  // (the list stays mounted, hidden, so its filters and pages are kept as they were).
  const [backs, setBacks] = useState(0);
  const queryBox = useRef<HTMLInputElement>(null);
  const back = () => {
    setOpen(null);
    if (fromList.current) setBacks((n) => n + 1);
    else setTimeout(() => queryBox.current?.focus());
  };
  const setFilter = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <>
      {open && <DossierView key={open.id} dossier={open} onBack={back} onOpen={(id) => void show(id, fromList.current)} onResume={onResume} onChanged={setOpen} />}
      <section className="lookup" hidden={!!open}>
        <h1>{t('lookup')}</h1>
        <form
          className="row align-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (answered.current !== latest.current) enterPending.current = true;
            else if (rows?.[0]) void show(rows[0].id);
          }}
        >
          <Field label={t('lookupQuery')} hint={t('lookupQueryHint')} className="grow">
            <input
              type="search"
              ref={queryBox}
              value={query}
              autoFocus
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                // down from the box into the list, where the arrows go on row by row
                if (e.key !== 'ArrowDown') return;
                e.preventDefault();
                e.currentTarget.closest('section')?.querySelector<HTMLElement>('tbody tr[tabindex="0"]')?.focus();
              }}
            />
          </Field>
        </form>
        <div className="row align-end lookup-filters">
          <DayField label={t('fromDay')} onDay={(from) => setFilter({ from })} />
          <DayField label={t('toDay')} onDay={(to) => setFilter({ to })} />
          <Field label={t('status')}>
            <select value={filters.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as Filters['status'] })}>
              <option value="">{t('anyStatus')}</option>
              {FILTER_STATUSES.map((s) => (
                <option key={s} value={s}>{statusLabel(s, t.lang)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('clerkCode')}>
            <input className="short" value={filters.clerkCode ?? ''} onChange={(e) => setFilter({ clerkCode: e.target.value.trim() || undefined })} />
          </Field>
          <div className="grow">
            <ProcedurePicker selected={procedure} onPick={setProcedure} />
          </div>
          {procedure && (
            <button type="button" className="secondary" onClick={() => setProcedure(null)}>
              {t('anyProcedure')}
            </button>
          )}
        </div>
        {problem && <div className="alert error" role="alert">{problem}</div>}
        {rows && rows.length === 0 && <p className="muted">{t('noMatch')}</p>}
        {rows && rows.length > 0 && (
          <WindowedTable
            className="results"
            label={t('results')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={8}
            onOpen={(r) => void show(r.id, true)}
            headers={
              <>
                <th scope="col" className="c-time">{t('time')}</th>
                <th scope="col" className="c-register">{t('registerNo')}</th>
                <th scope="col" className="c-item">{t('itemNumber')}</th>
                <th scope="col">{t('sender')}</th>
                <th scope="col" className="c-id">{t('idNumber')}</th>
                <th scope="col">{t('procedure')}</th>
                <th scope="col" className="c-status">{t('status')}</th>
                <th scope="col" className="num c-total">{t('total')}</th>
              </>
            }
            cells={(r) => (
              <>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{r.registerNo ?? '—'}</td>
                <td className="mono">{r.itemNumber ?? '—'}</td>
                <td title={r.senderName}>{r.senderName}</td>
                <td className="mono">{r.senderIdNumber || '—'}</td>
                <td title={r.procedureName}>{r.procedureName}</td>
                <td><StatusBadge status={r.status} /></td>
                <td className="num">{formatVnd(r.total)}</td>
              </>
            )}
            footer={next !== null && <MoreOnScroll onMore={more} label={t('moreResults')} />}
            shownAgain={backs}
          />
        )}
      </section>
    </>
  );
}

/** A day typed dd/mm/yyyy as everywhere in the app; it filters only once it is a real day. */
function DayField({ label, onDay }: { label: string; onDay: (isoDay: string | undefined) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const day = text.trim() === '' ? undefined : parseDmy(text);
  return (
    <Field label={label} error={day === null && text.trim().length >= 8 ? t('badDate') : undefined}>
      <input
        className="short"
        placeholder="dd/mm/yyyy"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.trim() === '' ? undefined : parseDmy(e.target.value);
          if (next !== null) onDay(next);
        }}
      />
    </Field>
  );
}

