import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReturnDetail, ReturnLine, UnmatchedScan } from '../../../shared/contract/returns.js';
import type { DossierSummary } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { statusLabel } from '../../../shared/lifecycle/labels.js';
import { api, errorData } from '../rpc.js';
import { useT, type LabelKey } from '../i18n.js';
import { Field } from '../components/Field.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { refuseTone, useScanHandler } from '../scan/ScanContext.js';
import { ReturnPanel } from './ReturnPanel.js';
import { Tabs, type TabItem } from '../components/Tabs.js';
import { focusFirstField } from '../components/focus-first-field.js';
import type { ResultOnlyHandoff } from './result-only-handoff.js';
import { ResultOnlyForm } from './ResultOnlyForm.js';
import { RoundList } from './RoundList.js';
import type { IdCard } from '../../../shared/ids/id-card-qr.js';
import { useWaited } from './waited.js';

type Mode = 'receive' | 'deliver' | 'round' | 'result-only';

/**
 * Each tab's key, shown on it. F-keys as everywhere (decision 0027): F7, F8 and F10 are free
 * outside intake; "Chỉ nhận kết quả", also a receiving, is Shift+F7. Arrows, Home and End move
 * between the tabs once one has focus.
 */
const TABS: { mode: Mode; label: LabelKey; key: string; shift: boolean }[] = [
  { mode: 'deliver', label: 'deliverTab', key: 'F8', shift: false },
  { mode: 'receive', label: 'receiveTab', key: 'F7', shift: false },
  { mode: 'round', label: 'roundTab', key: 'F10', shift: false },
  { mode: 'result-only', label: 'resultOnlyTab', key: 'F7', shift: true },
];

/**
 * F3 Trả kết quả, four tabs. F7 receives the return items brought back from the agency (a scan
 * that matches nothing is refused with its reason and listed to be set aside); F8 finds a result
 * to hand over — by scanning its return item, or by name, ID, phone or item number through the
 * lookup — and opens it for the ID check and the delivery note. F10, the address round, lists
 * what is out with the postman (printable); a scan there opens the result to record its
 * outcome. Shift+F7 "Chỉ nhận kết quả" registers a dossier the agency already has; F2's "Nhận
 * kết quả" leads there with what was typed (`resultOnly`).
 */
export function ReturnsScreen({ resultOnly, onTaken }: { resultOnly: ResultOnlyHandoff | null; onTaken: () => void }) {
  const t = useT();
  // F2's hand-off is read once, when F3 opens; the form keeps it from then on.
  const [from] = useState(resultOnly);
  useEffect(() => void (from && onTaken()), [from, onTaken]);
  const [mode, setMode] = useState<Mode>(from ? 'result-only' : 'deliver');
  const [waiting, setWaiting] = useState<ReturnLine[]>([]);
  const [unmatched, setUnmatched] = useState<UnmatchedScan[]>([]);
  const [open, setOpen] = useState<ReturnDetail | null>(null);
  const [code, setCode] = useState('');
  const [found, setFound] = useState<DossierSummary[] | null>(null);
  const [card, setCard] = useState<{ text: string } | null>(null);
  const [changes, setChanges] = useState(0);
  const [intakeCard, setIntakeCard] = useState<{ card: IdCard } | null>(null);
  const { busy, note, setNote, run } = useAction();
  const input = useRef<HTMLInputElement>(null);
  const waited = useWaited();

  const reload = useCallback(async () => {
    const [w, u] = await Promise.all([api.returns.waiting(), api.returns.unmatched()]);
    setWaiting(w);
    setUnmatched(u);
  }, []);
  useEffect(() => void reload(), [reload]);

  const choose = useCallback(
    (next: Mode) => {
      setMode(next);
      setOpen(null);
      setFound(null);
      setNote(undefined);
    },
    [setNote],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tab = TABS.find((x) => x.key === e.key && x.shift === e.shiftKey);
      if (!tab) return;
      e.preventDefault();
      choose(tab.mode);
      // the lists' search field, or the form's first field, as on arriving at a screen
      requestAnimationFrame(() => focusFirstField(document.querySelector('.returns [role="tabpanel"]:not([hidden])')));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [choose]);

  const receive = async (item: string) => {
    const ok = await run(async () => {
      const line = await api.returns.receive({ code: item });
      setCode('');
      return `${statusLabel(line.status, t.lang)}: ${line.returnItemNumber} · ${line.senderName} · ${line.procedureName}`;
    });
    if (!ok) refuseTone();
    await reload();
  };

  const show = async (dossierId: number) => {
    await run(async () => {
      setOpen(await api.returns.get({ dossierId }));
      setFound(null);
      return undefined;
    });
  };

  /** A return item opens its result; anything else is a lookup whose single match opens at once. */
  const find = async (text: string) => {
    const ok = await run(async () => {
      try {
        setOpen(await api.returns.find({ code: text }));
        setFound(null);
        setCode('');
        return undefined;
      } catch (e) {
        if (errorData(e).code !== 'RETURN_NOT_FOUND') throw e;
      }
      const page = await api.dossiers.search({ query: text, limit: 20 });
      if (page.rows.length === 1) {
        setOpen(await api.returns.get({ dossierId: page.rows[0]!.id }));
        setFound(null);
        // as for a return item: the field is clear for the next citizen once this one is closed
        setCode('');
        return undefined;
      }
      setFound(page.rows);
      return undefined;
    });
    if (!ok) refuseTone();
  };

  // A scanned return item goes where the mode says; an ID card is the open result's business.
  useScanHandler((scan) => {
    if (mode === 'result-only') return void (scan.kind === 'id-card' ? setIntakeCard({ card: scan.card }) : refuseTone());
    if (scan.kind === 'item') return void (mode === 'receive' ? receive(scan.code) : find(scan.code));
    if (scan.kind === 'id-card' && open) return void setCard({ text: scan.text });
    refuseTone();
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const text = code.trim();
    if (text) void (mode === 'receive' ? receive(text) : find(text));
  };

  // The lists and the open result are one view whose tab decides what the field does; it is drawn
  // in the chosen tab. The result-only form stays mounted, keeping what was typed in it.
  const lists = (
    <div className="returns-grid">
      <div className="col">
        <form className="row align-end" onSubmit={submit}>
          <Field label={t(mode === 'receive' ? 'returnItemNumber' : 'findResult')} hint={t(mode === 'receive' ? 'scanReturnItem' : 'findResultHint')} className="grow">
            <input ref={input} value={code} autoComplete="off" onChange={(e) => setCode(e.target.value)} />
          </Field>
        </form>
        <NoteLine note={note} />
        {found && (
          <table className="grid">
            <tbody>
              {found.map((d) => (
                <tr key={d.id} tabIndex={0} onClick={() => void show(d.id)} onKeyDown={(e) => e.key === 'Enter' && void show(d.id)}>
                  <td>{d.itemNumber}</td>
                  <td>{d.senderName}</td>
                  <td>{d.procedureName}</td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {mode === 'round' ? (
          <RoundList version={changes} onOpen={(id) => void show(id)} />
        ) : mode === 'receive' ? (
          <>
            <h2>{t('unmatchedScans')}</h2>
            {unmatched.length === 0 ? (
              <p>{t('noneUnmatched')}</p>
            ) : (
              <table className="grid returns-table">
                <thead>
                  <tr>
                    <th>{t('returnItemNumber')}</th>
                    <th>{t('scannedAt')}</th>
                    <th>{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {unmatched.map((u) => (
                    <tr key={u.id}>
                      <td>{u.code}</td>
                      <td>{formatDateTime(u.scannedAt)}</td>
                      <td>{t.msg(u.reason)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ) : (
          <>
            <h2>{t('waitingHere')}</h2>
            {waiting.length === 0 ? (
              <p>{t('noneWaitingHere')}</p>
            ) : (
              <table className="grid returns-table">
                <thead>
                  <tr>
                    <th>{t('returnItemNumber')}</th>
                    <th>{t('fullName')}</th>
                    <th>{t('phone')}</th>
                    <th>{t('waited')}</th>
                    <th>{t('notifiedCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {waiting.map((l) => (
                    <tr key={l.dossierId} tabIndex={0} onClick={() => void show(l.dossierId)} onKeyDown={(e) => e.key === 'Enter' && void show(l.dossierId)}>
                      <td>{l.returnItemNumber}</td>
                      <td>{l.senderName}</td>
                      <td>{l.phone}</td>
                      <td>{waited(l.waitedMinutes)}</td>
                      <td>
                        {l.notifiedAt ? (
                          formatDateTime(l.notifiedAt)
                        ) : (
                          <button
                            type="button"
                            className="secondary"
                            disabled={busy}
                            onClick={(e) => {
                              e.stopPropagation();
                              void run(async () => void (await api.returns.notified({ dossierId: l.dossierId }), await reload()));
                            }}
                          >
                            {t('markNotified')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </div>
      {open && (
        <ReturnPanel
          detail={open}
          card={card}
          onChanged={(d) => {
            setOpen(d);
            setChanges((n) => n + 1);
            void reload();
          }}
          // The search field, ready for the next citizen's slip or name; the delivered result stays
          // in view until Esc or "Đóng" closes it.
          onDelivered={() => input.current?.focus()}
          onClose={() => {
            setOpen(null);
            input.current?.focus();
          }}
        />
      )}
    </div>
  );
  const tabs: TabItem<Mode>[] = TABS.map((x) => ({
    key: x.mode,
    label: t(x.label),
    shortcut: { aria: x.shift ? `Shift+${x.key}` : x.key, label: x.shift ? `Shift+${x.key}` : x.key },
    panel: x.mode === 'result-only' ? <ResultOnlyForm card={intakeCard} from={from} /> : x.mode === mode ? lists : null,
  }));
  return (
    <section className="returns">
      <h1>{t('returns')}</h1>
      <Tabs label={t('returnsTabs')} tabs={tabs} chosen={mode} onChoose={choose} />
    </section>
  );
}
