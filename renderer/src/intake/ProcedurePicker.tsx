import { useEffect, useId, useRef, useState } from 'react';
import type { IntakeInput, Procedure, ProcedureDetail } from '../../../shared/contract/index.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { serviceMismatch } from '../../../shared/intake/service-fit.js';
import { deadlineWords, feeWords } from './procedure-facts.js';

/**
 * Search-as-you-type combobox: arrows choose, Enter takes. Only procedures the province opened
 * to the chosen service by post are offered (the core filters).
 */
export function ProcedurePicker({
  selected,
  service,
  onPick,
  error,
}: {
  selected: ProcedureDetail | null;
  /** intake offers what fits the chosen service; without one (Lookup's filter), what takes intake by post */
  service?: IntakeInput['service'];
  onPick: (p: ProcedureDetail) => void;
  error?: string | undefined;
}) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Procedure[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<Msg>();
  const latest = useRef(0);
  const answered = useRef(0);
  // Enter pressed before the answer for the typed text arrived: take its best match when it does.
  const enterPending = useRef(false);
  const takeRef = useRef<(p: Procedure) => void>(() => {});
  // The name put in the box by picking: it is not a query to search for.
  const picked = useRef<string | null>(null);

  useEffect(() => {
    if (selected === null) setQuery('');
  }, [selected]);

  useEffect(() => {
    const q = query.trim();
    if (q === '' || query === picked.current || (selected && query === selected.name)) {
      answered.current = ++latest.current; // drops any answer still on its way
      setResults([]);
      return;
    }
    const ticket = ++latest.current;
    api.catalog
      .search({ query: q, limit: 8, service })
      .then((r) => {
        // Answers can overtake each other; only the newest query's list is shown.
        if (ticket !== latest.current) return;
        answered.current = ticket;
        setResults(r);
        setActive(0);
        setOpen(true);
        if (enterPending.current && r[0]) takeRef.current(r[0]);
        enterPending.current = false;
      })
      .catch((e) => setProblem(errorData(e)));
  }, [query, selected, service]);

  const take = (p: Procedure) => {
    picked.current = p.name;
    setOpen(false);
    setQuery(p.name);
    api.catalog
      .get({ code: p.code })
      .then((detail) => {
        setProblem(undefined);
        onPick(detail);
      })
      .catch((e) => setProblem(errorData(e)));
  };

  takeRef.current = take;

  // A procedure picked before the service was changed may no longer fit it: say so at once.
  const mismatch = selected && service ? serviceMismatch(selected, service) : null;
  const shownError = error ?? (problem && t.msg(problem)) ?? (mismatch ? t.msg(mismatch) : undefined);
  return (
    <div className={`field combobox${shownError ? ' invalid' : ''}`}>
      <label htmlFor={id}>{t('procedure')}</label>
      <input
        id={id}
        role="combobox"
        data-fill="procedure"
        aria-expanded={open && results.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && results[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={shownError ? true : undefined}
        autoComplete="off"
        placeholder={t('procedureHint')}
        value={query}
        onChange={(e) => {
          picked.current = null;
          setQuery(e.target.value);
        }}
        onFocus={() => results.length > 0 && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const n = results.length;
            if (n > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
          } else if (e.key === 'Enter' && latest.current !== answered.current) {
            e.preventDefault();
            e.stopPropagation();
            enterPending.current = true;
          } else if (e.key === 'Enter' && open && results[active]) {
            e.preventDefault();
            e.stopPropagation();
            take(results[active]);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && query.trim() !== '' && (
        <ul className="listbox" id={`${id}-list`} role="listbox" aria-label={t('procedure')}>
          {results.length === 0 && <li className="listbox-empty">{t('searching')}</li>}
          {results.map((p, i) => (
            <li
              key={p.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                take(p);
              }}
            >
              <span className="opt-name">{p.name}</span>
              <span className="opt-meta">
                {p.code} · {p.agencyName} · {feeWords(p)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {shownError && (
        <div className="field-error" role="alert">
          {shownError}
        </div>
      )}
      {selected && (
        <div className="procedure-facts">
          <span>
            {t('agency')}: <b>{selected.agencyName}</b> ({selected.agencyCode})
          </span>
          <span>
            {t('deadline')}: {deadlineWords(selected, t)}
          </span>
          <span>{selected.code}</span>
        </div>
      )}
      {selected && (selected.inPerson !== null || selected.notes !== '') && (
        <div className="procedure-notes" aria-label={t('notes')}>
          {selected.inPerson !== null && (
            <div className={selected.inPerson ? 'in-person' : undefined}>{t(selected.inPerson ? 'inPersonYes' : 'inPersonNo')}</div>
          )}
          {selected.notes !== '' && (
            <div>
              {t('notes')}: {selected.notes}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
