import { useCallback, useEffect, useRef, useState } from 'react';
import { AUDIT_ACTIONS } from '../../../shared/audit/actions.js';
import type { AuditListInput, AuditPage } from '../../../shared/contract/audit.js';
import type { Account } from '../../../shared/contract/index.js';
import { formatDateTime, parseDmy } from '../../../shared/format/vn-time.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';
import { useSession } from '../session/SessionGate.js';
import { AuditCheckBar } from './AuditCheckBar.js';

const PAGE = 50;
type Filter = Omit<AuditListInput, 'before' | 'limit'>;
const BLANK = { clerkCode: '', from: '', to: '', action: '', dossier: '' };

/**
 * F6, for a supervisor or the administrator: the audit trail in words, newest first, a page at a
 * time, filtered by clerk, days, action and dossier; and "Kiểm tra", the chain check.
 */
export function AuditTrailSection() {
  const t = useT();
  const { clerk } = useSession();
  // Opened on demand: F6 is the day close's screen first, and the trail's filters would sit beside the register's.
  const [open, setOpen] = useState(false);
  const section = useRef<HTMLElement>(null);
  // Below the day close and the register: brought into view once its first page is there.
  const intoView = useCallback(() => {
    section.current?.scrollIntoView({ block: 'start' });
  }, []);
  if (clerk.role === 'clerk') return null;
  return (
    <section className="section audit" aria-label={t('auditTrail')} ref={section}>
      <h2>{t('auditTrail')}</h2>
      {open ? (
        <AuditTrail onShown={intoView} />
      ) : (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('auditOpen')}
        </button>
      )}
    </section>
  );
}

function AuditTrail({ onShown }: { onShown: () => void }) {
  const t = useT();
  const [text, setText] = useState(BLANK);
  const [filter, setFilter] = useState<Filter>({});
  // The cursors of the pages shown so far: "Mới hơn" goes back one, "Cũ hơn" follows `next`.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [problem, setProblem] = useState<{ text: string; field?: string }>();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const shown = page !== null;
  useEffect(() => {
    if (shown) onShown();
  }, [shown, onShown]);

  useEffect(() => {
    api.accounts.list().then(setAccounts).catch(() => setAccounts([]));
  }, []);

  const before = cursors[cursors.length - 1];
  useEffect(() => {
    api.audit
      .list({ ...filter, ...(before !== undefined ? { before } : {}), limit: PAGE })
      .then((p) => {
        setPage(p);
        setProblem(undefined);
      })
      .catch((e) => {
        setPage(null);
        setProblem({ text: t.msg(errorData(e)), field: errorData(e).field });
      });
  }, [filter, before, t]);

  const show = () => {
    const from = text.from ? parseDmy(text.from) : undefined;
    const to = text.to ? parseDmy(text.to) : undefined;
    if (from === null || to === null) return setProblem({ text: t('badDate'), field: from === null ? 'from' : 'to' });
    setCursors([undefined]);
    setFilter({
      ...(text.clerkCode ? { clerkCode: text.clerkCode } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(text.action ? { action: text.action } : {}),
      ...(text.dossier.trim() ? { dossier: text.dossier.trim() } : {}),
    });
  };
  const fieldError = (name: string) => (problem?.field === name ? problem.text : undefined);

  return (
    <>
      <AuditCheckBar />
      <form
        className="row align-end audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <Field label={t('clerk')}>
          <select value={text.clerkCode} onChange={(e) => setText({ ...text, clerkCode: e.target.value })}>
            <option value="">{t('auditAllClerks')}</option>
            {accounts.map((a) => (
              <option key={a.code} value={a.code}>
                {a.code} · {a.name}
              </option>
            ))}
            <option value="system">{t('auditSystem')}</option>
          </select>
        </Field>
        <Field label={t('fromDay')} error={fieldError('from')}>
          <input className="w-short" placeholder="dd/mm/yyyy" value={text.from} onChange={(e) => setText({ ...text, from: e.target.value })} />
        </Field>
        <Field label={t('toDay')} error={fieldError('to')}>
          <input className="w-short" placeholder="dd/mm/yyyy" value={text.to} onChange={(e) => setText({ ...text, to: e.target.value })} />
        </Field>
        <Field label={t('auditAction')}>
          <select value={text.action} onChange={(e) => setText({ ...text, action: e.target.value })}>
            <option value="">{t('auditAllActions')}</option>
            {Object.entries(AUDIT_ACTIONS).map(([code, label]) => (
              <option key={code} value={code}>
                {t.msg(label)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('auditDossier')} error={fieldError('dossier')} className="grow">
          <input className="mono" value={text.dossier} onChange={(e) => setText({ ...text, dossier: e.target.value })} />
        </Field>
        <button type="submit" className="secondary">
          {t('show')}
        </button>
      </form>
      {problem && !problem.field && (
        <div className="alert error" role="alert">
          {problem.text}
        </div>
      )}
      {page && page.entries.length === 0 && <p className="muted">{t('auditNone')}</p>}
      {page && page.entries.length > 0 && (
        <>
          <table className="grid audit-table" aria-label={t('auditTrail')}>
            <thead>
              <tr>
                <th scope="col" className="num">{t('auditEntryNo')}</th>
                <th scope="col">{t('auditWhen')}</th>
                <th scope="col">{t('auditWho')}</th>
                <th scope="col">{t('counter')}</th>
                <th scope="col">{t('auditAction')}</th>
                <th scope="col">{t('auditAbout')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.id}>
                  <td className="num">{e.entry ?? <span className="muted">{t('auditBeforeChain')}</span>}</td>
                  <td>{formatDateTime(e.at)}</td>
                  <td>
                    {e.clerkCode === 'system' ? t('auditSystem') : e.clerkCode}
                    {e.clerkName && <span className="muted"> · {e.clerkName}</span>}
                  </td>
                  <td>{e.counterCode}</td>
                  <td>{t.msg(e.what)}</td>
                  <td>{t.msg(e.about)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row align-center pager">
            <button type="button" className="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('auditNewer')}
            </button>
            <span>
              {t('auditPageOf')} {cursors.length}
            </span>
            <button type="button" className="secondary" disabled={page.next === null} onClick={() => setCursors([...cursors, page.next!])}>
              {t('auditOlder')}
            </button>
          </div>
          <p className="muted small">{t('auditMasked')}</p>
        </>
      )}
    </>
  );
}
