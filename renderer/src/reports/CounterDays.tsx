import { useEffect, useState } from 'react';
import type { CounterDay, CounterDays as Days } from '../../../shared/contract/index.js';
import { formatVnd, formatVndSigned, parseVnd } from '../../../shared/format/money.js';
import { formatDate, formatDateTime, parseDmy } from '../../../shared/format/vn-time.js';
import { Field } from '../components/Field.js';
import { MoneyInput } from '../components/MoneyInput.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import { useSession } from '../session/SessionGate.js';

/**
 * The supervisor's day close of every counter: who worked the day, who has closed, and a close
 * on a clerk's behalf with the cash counted (recorded as done by the supervisor).
 */
export function CounterDays({ today }: { today: string }) {
  const t = useT();
  const { clerk } = useSession();
  const [dayText, setDayText] = useState(() => formatDate(today));
  const [day, setDay] = useState(today);
  const [days, setDays] = useState<Days | null>(null);
  const [problem, setProblem] = useState<string>();
  const { busy, note, run } = useAction();

  const load = (d: string) =>
    api.reports
      .counterDays({ day: d })
      .then((r) => (setDays(r), setProblem(undefined)))
      .catch((e) => setProblem(t.msg(errorData(e))));
  useEffect(() => {
    if (clerk.role !== 'clerk') void load(day);
  }, [day, clerk.role]);
  if (clerk.role === 'clerk') return null;

  const open = days?.counters.filter((c) => !c.close).length ?? 0;
  const closeFor = (c: CounterDay, cashCounted: number) =>
    run(async () => {
      await api.reports.closeDayFor({ day, counterCode: c.counterCode, clerkCode: c.clerkCode, cashCounted });
      await load(day);
      return `${t('closeForDone')} (${c.clerkName}, ${t('counter')} ${c.counterCode})`;
    });

  return (
    <section className="section counter-days" aria-label={t('counterDays')}>
      <h2>{t('counterDays')}</h2>
      <form
        className="row align-end"
        onSubmit={(e) => {
          e.preventDefault();
          const d = parseDmy(dayText);
          if (!d) return setProblem(t('badDate'));
          setDay(d);
        }}
      >
        <Field label={t('counterDaysDay')}>
          <input className="short" placeholder="dd/mm/yyyy" value={dayText} onChange={(e) => setDayText(e.target.value)} />
        </Field>
        <button type="submit" className="secondary">
          {t('showDay')}
        </button>
        {days && days.counters.length > 0 && (
          <p className={open > 0 ? 'error-text' : 'ok-text'} role="status">
            {formatDate(days.day)}: {open} {t('notClosedCount')}
          </p>
        )}
      </form>
      {problem && (
        <div className="alert error" role="alert">
          {problem}
        </div>
      )}
      {days && days.counters.length === 0 && <p className="muted">{t('noCounterDays')}</p>}
      {days && days.counters.length > 0 && (
        <table className="grid nowrap" aria-label={t('counterDays')}>
          <thead>
            <tr>
              <th scope="col">{t('counter')}</th>
              <th scope="col">{t('clerkName')}</th>
              <th scope="col" className="num">{t('dayAccepted')}</th>
              <th scope="col" className="num">{t('dayVoidedShort')}</th>
              <th scope="col" className="num">{t('dayCorrected')}</th>
              <th scope="col" className="num">{t('dayReprints')}</th>
              <th scope="col" className="num">{t('expectedCash')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" className="num">{t('cashCounted')}</th>
              <th scope="col" className="num">{t('difference')}</th>
              <th scope="col">{t('closedByColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {days.counters.map((c) => (
              <tr key={`${c.counterCode}-${c.clerkCode}`}>
                <td>{c.counterCode}</td>
                <td>
                  {c.clerkName} ({c.clerkCode})
                </td>
                <td className="num">{c.accepted}</td>
                <td className="num">{c.voided}</td>
                <td className="num">{c.corrected}</td>
                <td className="num">{c.reprints}</td>
                <td className="num">{formatVnd(c.expectedCash)}</td>
                <td className={c.close ? 'ok-text' : 'error-text'}>{c.close ? `${t('closedAtShort')} ${formatDateTime(c.close.closedAt)}` : t('notClosed')}</td>
                <td className="num">{c.close ? formatVnd(c.close.cashCounted) : '—'}</td>
                <td className="num">{c.close ? formatVndSigned(c.close.difference) : '—'}</td>
                <td>{c.close ? (c.close.closedBy ? c.close.closedBy.name : t('closedBySelf')) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {days && days.counters.some((c) => !c.close) && <CloseForForm open={days.counters.filter((c) => !c.close)} busy={busy} onClose={(c, cash) => void closeFor(c, cash)} />}
      <NoteLine note={note} />
    </section>
  );
}

/** A clerk who has not closed, the cash they counted, and the close on their behalf. */
function CloseForForm({ open, busy, onClose }: { open: CounterDay[]; busy: boolean; onClose: (c: CounterDay, cash: number) => void }) {
  const t = useT();
  const [key, setKey] = useState('');
  const [cash, setCash] = useState('');
  const chosen = open.find((c) => `${c.counterCode}/${c.clerkCode}` === key) ?? open[0]!;
  const counted = cash.trim() === '' ? null : parseVnd(cash);
  return (
    <form
      className="row align-end"
      aria-label={t('closeFor')}
      onSubmit={(e) => {
        e.preventDefault();
        if (counted !== null) onClose(chosen, counted);
      }}
    >
      <Field label={t('notClosedClerk')}>
        <select value={`${chosen.counterCode}/${chosen.clerkCode}`} onChange={(e) => setKey(e.target.value)}>
          {open.map((c) => (
            <option key={`${c.counterCode}/${c.clerkCode}`} value={`${c.counterCode}/${c.clerkCode}`}>
              {t('counter')} {c.counterCode} · {c.clerkName} ({c.clerkCode})
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('closeForCash')} hint={counted !== null ? `${t('difference')}: ${formatVndSigned(counted - chosen.expectedCash)}` : undefined}>
        <MoneyInput value={cash} onChange={setCash} />
      </Field>
      <button type="submit" disabled={busy || counted === null}>
        {t('closeFor')}
      </button>
    </form>
  );
}
