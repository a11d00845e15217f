import { useEffect, useState } from 'react';
import { formatVnd } from '../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { api, type Api } from '../rpc.js';
import { useT } from '../i18n.js';
import { eventLabel } from '../../../shared/lifecycle/labels.js';
import { eventDetail } from './event-detail.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { HandoverDate } from '../components/HandoverDate.js';
import { useEscape } from '../components/use-escape.js';
import { JobList } from '../printing/JobList.js';
import { ReprintButtons } from '../printing/ReprintButtons.js';
import type { DossierLink, PrintJob } from '../../../shared/contract/index.js';
import { guidanceCode } from '../../../shared/ids/guidance-code.js';
import { AmendmentFacts, DossierAmendments } from '../amendments/DossierAmendments.js';

export type DossierDetail = Awaited<ReturnType<Api['dossiers']['get']>>;

/** Another dossier named in a detail: by its register number, or a guided one by its slip's code. */
function DossierLinkButton({ link, onOpen }: { link: DossierLink; onOpen: (id: number) => void }) {
  return (
    <button type="button" className="link" onClick={() => onOpen(link.id)}>
      {link.registerNo ?? guidanceCode(link.id)} — {formatDateTime(link.createdAt)} <StatusBadge status={link.status} />
    </button>
  );
}

const SERVICE_LABEL = { send: 'serviceSend', receive: 'serviceReceive', both: 'serviceBoth' } as const;

/**
 * One dossier in full: the facts, documents, print jobs, amendments and timeline. Opened from
 * Lookup and from the overview's lists; Esc or Back returns to where it was opened.
 * Without `onResume` (outside Lookup) a guided record cannot be continued from here.
 */
export function DossierView({ dossier: d, onBack, onOpen, onResume, onChanged }: { dossier: DossierDetail; onBack: () => void; onOpen: (id: number) => void; onResume?: (d: DossierDetail) => void; onChanged: (d: DossierDetail) => void }) {
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
          {d.procedureName} <StatusBadge status={d.status} length="long" />
        </h1>
        {onResume && d.status === 'guided-not-accepted' && !d.resumedBy && (
          <button type="button" className="primary" onClick={() => onResume(d)}>
            {t('resume')}
          </button>
        )}
      </div>
      <div className="dossier-grid">
        <dl className="facts">
          <dt>{t('registerNo')}</dt><dd>{d.registerNo ?? '—'}</dd>
          <dt>{t('itemNumber')}</dt><dd className="mono">{d.itemNumber ?? '—'}</dd>
          <dt>{d.sender.kind === 'individual' ? t('fullName') : t('orgName')}</dt><dd>{d.sender.fullName}</dd>
          {d.sender.kind === 'individual' ? (
            <>
              <dt>{t('personalId')}</dt><dd className="mono">{d.sender.personalId || '—'}</dd>
              {d.sender.oldId && (<><dt>{t('oldId')}</dt><dd className="mono">{d.sender.oldId}</dd></>)}
              <dt>{t('birthDate')}</dt><dd>{d.sender.birthDate ? formatDate(d.sender.birthDate) : '—'}</dd>
            </>
          ) : (
            <><dt>{t('businessCode')}</dt><dd className="mono">{d.sender.businessCode || '—'}</dd></>
          )}
          <dt>{t('address')}</dt><dd>{d.sender.address}</dd>
          {d.sender.kind === 'organisation' && (
            <><dt>{t('bearer')}</dt><dd>{d.sender.bearerName} <span className="mono">({d.sender.bearerId})</span></dd></>
          )}
          <dt>{t('phone')}</dt><dd>{d.sender.phone}</dd>
          {d.resumes && (
            <><dt>{t('resumesRecord')}</dt><dd><DossierLinkButton link={d.resumes} onOpen={onOpen} /></dd></>
          )}
          {d.resumedBy && (
            <><dt>{t('resumedAs')}</dt><dd><DossierLinkButton link={d.resumedBy} onOpen={onOpen} /></dd></>
          )}
          <dt>{t('agency')}</dt><dd>{d.agencyName} ({d.agencyCode})</dd>
          <dt>{t('service')}</dt><dd>{t(SERVICE_LABEL[d.service])}</dd>
          <dt>{t('returnMethod')}</dt>
          <dd>{d.returnMethod === 'to-address' ? `${t('toAddress')}: ${d.deliveryAddress}` : t('atOffice')}</dd>
          <dt>{t('acceptedAt')}</dt><dd>{d.acceptedAt ? formatDateTime(d.acceptedAt) : '—'}</dd>
          <dt>{t('takenInBy')}</dt><dd>{d.clerkName} ({d.clerkCode}), {t('counter')} {d.counterCode}</dd>
          <dt>{t('expectedHandover')}</dt><dd><HandoverDate date={d.expectedHandoverDate} provisional={d.expectedHandoverProvisional} /></dd>
          <dt>{t('fees')}</dt>
          <dd>
            {d.fees.length === 0 ? formatVnd(0) : d.fees.map((f, i) => <div key={i}>{f.name}: {formatVnd(f.amount)}</div>)}
            {d.feeReason && <div className="muted">{t('feeReason')}: {d.feeReason}</div>}
          </dd>
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
          <DossierAmendments dossier={d} onChanged={onChanged} />
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {d.events.map((e) => (
              <li key={e.id}>
                <time>{formatDateTime(e.at)}</time> <b>{eventLabel(e.type, t.lang)}</b>
                <span className="muted"> — {e.clerkName} ({e.clerkCode}), {t('counter')} {e.counterCode}</span>
                {eventDetail(e, t) && <div className="event-detail">{eventDetail(e, t)}</div>}
                <AmendmentFacts type={e.type} data={e.data} />
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
