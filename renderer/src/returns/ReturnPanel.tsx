import { useEffect, useRef, useState } from 'react';
import type { ReturnDetail } from '../../../shared/contract/returns.js';
import { formatVnd, parseVnd } from '../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { api, errorData } from '../rpc.js';
import { useT, type LabelKey } from '../i18n.js';
import { Field } from '../components/Field.js';
import { MoneyInput } from '../components/MoneyInput.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { useEscape } from '../components/use-escape.js';
import { refuseTone } from '../scan/ScanContext.js';

const REPORT_STATE: Record<ReturnDetail['reports'][number]['state'], LabelKey> = {
  queued: 'reportQueued',
  sending: 'reportSending',
  delivered: 'reportDelivered',
  attention: 'reportAttention',
};

/**
 * One result: whose it is, what came back, and what can be done now — hand it over after the
 * ID check (a scanned card fills the field; a mismatch is refused in the core's words and the
 * authorised person's record is offered), record a failed attempt, or start the next one.
 */
export function ReturnPanel({
  detail,
  card,
  onChanged,
  onDelivered,
  onClose,
}: {
  detail: ReturnDetail;
  /** the last ID card scanned while this result is open (a new object for each scan) */
  card: { text: string } | null;
  onChanged: (d: ReturnDetail) => void;
  /** handed over: the clerk's next move is the next citizen, not this panel */
  onDelivered: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const { line, dossier } = detail;
  const [collector, setCollector] = useState('');
  const [authorised, setAuthorised] = useState(false);
  const [authName, setAuthName] = useState('');
  const [authDoc, setAuthDoc] = useState('');
  const [handed, setHanded] = useState<string[]>(detail.resultDocuments);
  const [feeName, setFeeName] = useState('');
  const [feeAmount, setFeeAmount] = useState('');
  const [reason, setReason] = useState('');
  const [idProblem, setIdProblem] = useState<string>();
  const { busy, note, run } = useAction();
  const idInput = useRef<HTMLInputElement>(null);
  useEscape(onClose);

  const deliverable = line.status === 'result-at-post' || line.status === 'out-for-delivery';
  useEffect(() => {
    setHanded(detail.resultDocuments);
    if (deliverable) idInput.current?.focus();
  }, [detail.line.dossierId, detail.resultDocuments, deliverable]);

  // The collector's card, scanned anywhere on the screen, fills the ID field.
  useEffect(() => {
    if (!card || !deliverable) return;
    setCollector(card.text);
    setIdProblem(undefined);
  }, [card, deliverable]);

  const deliver = async () => {
    setIdProblem(undefined);
    const amount = parseVnd(feeAmount);
    const fees = feeName.trim() && amount !== null ? [{ name: feeName.trim(), amount }] : [];
    await run(async () => {
      try {
        const out = await api.returns.deliver({
          dossierId: line.dossierId,
          collectorId: collector,
          authorisation: authorised ? { name: authName, document: authDoc } : undefined,
          documentsHanded: handed,
          fees,
        });
        onChanged(out.detail);
        onDelivered();
        return out.printProblem ? t.msg(out.printProblem) : t('deliveredDone');
      } catch (e) {
        const data = errorData(e);
        if (data.field === 'collectorId') {
          refuseTone();
          setIdProblem(t.msg(data));
          // The number stays selected: the right card scanned next replaces it.
          idInput.current?.select();
          return undefined;
        }
        throw e;
      }
    });
  };

  const failed = () => run(async () => void onChanged(await api.returns.attemptFailed({ dossierId: line.dossierId, reason })));
  const again = () => run(async () => void onChanged(await api.returns.nextAttempt({ dossierId: line.dossierId })));

  return (
    <aside className="grow panel returns-panel" aria-label={t('returnItemNumber')}>
      <div className="row align-center">
        <h2 className="grow">
          {line.returnItemNumber} <StatusBadge status={line.status} />
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('owner')}</dt>
        <dd>
          <strong>{dossier.sender.fullName}</strong> · {dossier.sender.phone}
        </dd>
        <dt>{t('procedure')}</dt>
        <dd>{dossier.procedureName}</dd>
        <dt>{t('itemNumber')}</dt>
        <dd>{dossier.itemNumber}</dd>
        {line.returnMethod === 'to-address' && (
          <>
            <dt>{t('deliveryAddress')}</dt>
            <dd>{dossier.deliveryAddress}</dd>
          </>
        )}
        {line.notifiedAt && (
          <>
            <dt>{t('notifiedAt')}</dt>
            <dd>{formatDateTime(line.notifiedAt)}</dd>
          </>
        )}
      </dl>

      {detail.delivery && (
        <p className="ok-text">
          {t('deliveredTo')} {detail.delivery.recipientName} ({detail.delivery.recipientIdNumber}
          {detail.delivery.authorised ? `, ${t('authorisedMark')}` : ''}) · {formatDateTime(detail.delivery.deliveredAt)} · {formatVnd(detail.delivery.feesTotal)}
        </p>
      )}

      {deliverable && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void deliver();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.ctrlKey) {
              e.preventDefault();
              void deliver();
            }
          }}
        >
          <Field label={t('collectorId')} hint={t('collectorIdHint')} error={idProblem}>
            <input ref={idInput} value={collector} autoComplete="off" onChange={(e) => setCollector(e.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={authorised} onChange={(e) => setAuthorised(e.target.checked)} /> {t('authorisedPerson')}
          </label>
          {authorised && (
            <div className="row">
              <Field label={t('authorisedName')} className="grow">
                <input value={authName} autoComplete="off" onChange={(e) => setAuthName(e.target.value)} />
              </Field>
              <Field label={t('authorisationDocument')} className="grow">
                <input value={authDoc} autoComplete="off" onChange={(e) => setAuthDoc(e.target.value)} />
              </Field>
            </div>
          )}
          <fieldset className="section">
            <legend>{t('documentsHanded')}</legend>
            {detail.resultDocuments.map((doc) => (
              <label key={doc} className="check">
                <input
                  type="checkbox"
                  checked={handed.includes(doc)}
                  onChange={(e) => setHanded((h) => (e.target.checked ? [...h, doc] : h.filter((x) => x !== doc)))}
                />{' '}
                {doc}
              </label>
            ))}
          </fieldset>
          <div className="row align-end">
            <Field label={`${t('feesAtReturn')}: ${t('feeName')}`} className="grow">
              <input value={feeName} autoComplete="off" onChange={(e) => setFeeName(e.target.value)} />
            </Field>
            <Field label={t('amount')}>
              <MoneyInput value={feeAmount} onChange={setFeeAmount} />
            </Field>
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || handed.length === 0}>
              {t('deliver')}
            </button>
            <span className="field-hint">{t('deliverKey')}</span>
          </div>
        </form>
      )}

      {line.status === 'out-for-delivery' && (
        <form
          className="row align-end"
          onSubmit={(e) => {
            e.preventDefault();
            void failed();
          }}
        >
          <Field label={t('failReason')} className="grow">
            <input value={reason} autoComplete="off" onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button type="submit" className="warn" disabled={busy || !reason.trim()}>
            {t('deliveryFailed')}
          </button>
        </form>
      )}

      {line.status === 'delivery-failed' && (
        <div className="row align-center">
          {detail.nextAttemptFrom && (
            <span>
              {t('nextAttemptFrom')}: {formatDate(detail.nextAttemptFrom)}
            </span>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void again()}>
            {t('attemptAgain')}
          </button>
        </div>
      )}
      <NoteLine note={note} />

      {detail.attempts.length > 0 && (
        <table className="grid returns-table">
          <thead>
            <tr>
              <th>{t('attemptsCol')}</th>
              <th>{t('startedAt')}</th>
              <th>{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.attempts.map((a) => (
              <tr key={a.attempt}>
                <td>{a.attempt}</td>
                <td>{formatDateTime(a.startedAt)}</td>
                <td>{a.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail.reports.length > 0 && (
        <p>
          {t('reportsToAgency')}:{' '}
          {detail.reports.map((r) => (
            <span key={`${r.status}-${r.attempt}`} className={`badge ${r.state === 'attention' ? 'tone-problem' : r.state === 'delivered' ? 'tone-done' : 'tone-action'}`}>
              {t(REPORT_STATE[r.state])}
              {r.problem ? ` — ${t.msg(r.problem)}` : ''}
            </span>
          ))}
        </p>
      )}
    </aside>
  );
}
