import { useEffect, useState } from 'react';
import { formatVnd } from '../../../shared/format/money.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { api, errorData, type Api } from '../rpc.js';
import { EVENT_LABELS, STATUS_LABELS, useT } from '../i18n.js';
import { Field } from '../components/Field.js';
import { HandoverDate } from '../components/HandoverDate.js';
import { useEscape } from '../components/use-escape.js';
import { refuseTone, useScanHandler } from '../scan/ScanContext.js';
import { JobList } from '../printing/JobList.js';
import { ReprintButtons } from '../printing/ReprintButtons.js';
import type { PrintJob } from '../../../shared/contract/index.js';

type Summary = Awaited<ReturnType<Api['dossiers']['today']>>[number];
type Detail = Awaited<ReturnType<Api['dossiers']['get']>>;

/** Today's dossiers; Enter or a click opens one with its timeline. */
export function LookupScreen() {
  const t = useT();
  const [rows, setRows] = useState<Summary[] | null>(null);
  const [open, setOpen] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string>();
  const status = (s: string) => STATUS_LABELS[s]?.[t.lang === 'vi' ? 0 : 1] ?? s;

  useEffect(() => {
    api.dossiers.today().then(setRows).catch((e) => setProblem(t.msg(errorData(e))));
  }, [t]);

  const [code, setCode] = useState('');
  const show = (id: number) => api.dossiers.get({ id }).then(setOpen).catch((e) => setProblem(t.msg(errorData(e))));
  const find = (value: string) =>
    api.dossiers
      .findByCode({ code: value })
      .then((r) => {
        setProblem(undefined);
        setCode('');
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

  if (open) return <DossierView dossier={open} status={status} onBack={() => setOpen(null)} />;
  return (
    <section>
      <h1>{t('lookup')}</h1>
      <form
        className="row align-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) void find(code);
        }}
      >
        <Field label={t('findByCode')} hint={t('findByCodeHint')} className="grow">
          <input className="mono" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <button type="submit" className="secondary">
          {t('find')}
        </button>
      </form>
      {problem && <div className="alert error" role="alert">{problem}</div>}
      <h2>{t('today')}</h2>
      {rows && rows.length === 0 && <p className="muted">{t('noDossiers')}</p>}
      {rows && rows.length > 0 && (
        <table className="grid" aria-label={t('today')}>
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('registerNo')}</th>
              <th scope="col">{t('itemNumber')}</th>
              <th scope="col">{t('sender')}</th>
              <th scope="col">{t('procedure')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" className="num">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                tabIndex={0}
                onClick={() => void show(r.id)}
                onKeyDown={(e) => e.key === 'Enter' && void show(r.id)}
              >
                <td>{formatDateTime(r.createdAt).slice(11)}</td>
                <td>{r.registerNo ?? '—'}</td>
                <td className="mono">{r.itemNumber ?? '—'}</td>
                <td>{r.senderName}</td>
                <td>{r.procedureName}</td>
                <td><span className={`badge ${r.status}`}>{status(r.status)}</span></td>
                <td className="num">{formatVnd(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DossierView({ dossier: d, status, onBack }: { dossier: Detail; status: (s: string) => string; onBack: () => void }) {
  const t = useT();
  const [jobs, setJobs] = useState<PrintJob[]>([]);
  const loadJobs = () => void api.printing.jobs({ dossierId: d.id }).then(setJobs).catch(() => {});
  useEffect(loadJobs, [d.id]);
  useEscape(onBack);
  return (
    <section className="dossier">
      <div className="row align-center">
        <button type="button" className="secondary" onClick={onBack} autoFocus>
          ← {t('back')} <kbd aria-hidden="true">Esc</kbd>
        </button>
        <h1>
          {d.procedureName} <span className={`badge ${d.status}`}>{status(d.status)}</span>
        </h1>
      </div>
      <div className="dossier-grid">
        <dl className="facts">
          <dt>{t('registerNo')}</dt><dd>{d.registerNo ?? '—'}</dd>
          <dt>{t('itemNumber')}</dt><dd className="mono">{d.itemNumber ?? '—'}</dd>
          <dt>{t('fullName')}</dt><dd>{d.sender.fullName}</dd>
          <dt>{d.sender.kind === 'individual' ? t('personalId') : t('businessCode')}</dt>
          <dd>{d.sender.kind === 'individual' ? d.sender.personalId || d.sender.oldId : d.sender.businessCode}</dd>
          <dt>{t('address')}</dt><dd>{d.sender.address}</dd>
          <dt>{t('phone')}</dt><dd>{d.sender.phone}</dd>
          <dt>{t('agency')}</dt><dd>{d.agencyName} ({d.agencyCode})</dd>
          <dt>{t('acceptedAt')}</dt><dd>{d.acceptedAt ? formatDateTime(d.acceptedAt) : '—'}</dd>
          <dt>{t('expectedHandover')}</dt><dd><HandoverDate date={d.expectedHandoverDate} provisional={d.expectedHandoverProvisional} /></dd>
          <dt>{t('fees')}</dt><dd>{formatVnd(d.fees.reduce((s, f) => s + f.amount, 0))}{d.feeReason ? ` (${d.feeReason})` : ''}</dd>
          <dt>{t('postage')}</dt><dd>{formatVnd(d.postage)}</dd>
          <dt>{t('total')}</dt><dd><b>{formatVnd(d.total)}</b></dd>
        </dl>
        <div>
          <h2>{t('documents')}</h2>
          <ul className="doc-list">
            {d.documents.map((doc) => (
              <li key={doc.seq} className={doc.present ? 'present' : 'absent'}>
                {doc.present ? '✔' : '✘'} {doc.name}
                {doc.present && ` — ${doc.form === 'original' ? t('original') : t('copy')} × ${doc.count}`}
              </li>
            ))}
          </ul>
          <h2>{t('printJobs')}</h2>
          <JobList jobs={jobs} />
          <div className="actions">
            <ReprintButtons dossierId={d.id} guided={d.status === 'guided-not-accepted'} onPrinted={loadJobs} />
          </div>
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {d.events.map((e) => (
              <li key={e.id}>
                <time>{formatDateTime(e.at)}</time> <b>{EVENT_LABELS[e.type]?.[t.lang === 'vi' ? 0 : 1] ?? e.type}</b>
                <span className="muted"> — {e.clerkName} ({e.clerkCode}), {t('counter')} {e.counterCode}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
