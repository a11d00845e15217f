import { useCallback, useEffect, useRef, useState } from 'react';
import type { Batch, BatchSummary, WaitingGroup } from '../../../shared/contract/index.js';
import { formatVnd } from '../../../shared/format/money.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { api } from '../rpc.js';
import { useT } from '../i18n.js';
import { Field } from '../components/Field.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { refuseTone, useScanHandler } from '../scan/ScanContext.js';
import { saveFile } from '../reports/save-file.js';
import { listen } from '../components/use-live.js';
import { UploadBadge, UploadState } from './UploadState.js';
import { AttentionList } from './AttentionList.js';
import { HandoverSigned } from './HandoverSigned.js';

const STATE_LABEL = { open: 'batchOpen', closed: 'batchClosed', 'handed-over': 'batchHandedOver' } as const;

/**
 * F4 Bàn giao: accepted dossiers by agency (late ones first), and the batch being built: scan
 * each sealed envelope (a refusal sounds a low tone and says why), close it, print its papers.
 */
export function HandoverScreen() {
  const t = useT();
  const [groups, setGroups] = useState<WaitingGroup[]>([]);
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [code, setCode] = useState('');
  const { busy, note, run } = useAction();

  /** counts the clerk's own changes, so a pushed refresh read before one never overwrites it */
  const acted = useRef(0);
  const reload = useCallback(async (open?: Batch) => {
    acted.current++;
    const [g, b] = await Promise.all([api.batches.waiting(), api.batches.unfinished()]);
    setGroups(g);
    setBatches(b);
    if (open) setBatch(open);
  }, []);
  useEffect(() => void reload(), [reload]);

  // The core pushes a change when an upload starts or ends, a poll answers or a handover is
  // recorded: the lists and the batch on show are read again, so "Đã gửi" appears without the
  // clerk opening the batch again. A batch opened meanwhile is not overwritten by the old one's read.
  const shown = useRef<number | null>(null);
  shown.current = batch?.id ?? null;
  useEffect(() => {
    const controller = new AbortController();
    const refresh = async () => {
      const [id, before] = [shown.current, acted.current];
      const [g, b, open] = await Promise.all([api.batches.waiting(), api.batches.unfinished(), id === null ? undefined : api.batches.get({ batchId: id })]);
      if (acted.current !== before) return;
      setGroups(g);
      setBatches(b);
      if (open && shown.current === open.id) setBatch(open);
    };
    void listen((signal) => api.exchange.events(undefined, { signal }), () => void refresh().catch(() => undefined), controller.signal);
    return () => controller.abort();
  }, []);

  /** Adds by item number; a refusal is the core's reason, with the low tone. */
  const add = async (item: string) => {
    if (!batch) return;
    const ok = await run(async () => {
      await reload(await api.batches.addByCode({ batchId: batch.id, code: item }));
      setCode('');
      return `${t('addedToBatch')}: ${item}`;
    });
    if (!ok) refuseTone();
  };
  useScanHandler((scan) => {
    if (scan.kind === 'item') return void add(scan.code);
    refuseTone();
  });

  return (
    <section className="handover">
      <h1>{t('handover')}</h1>
      <div className="row align-start gap">
        <div className="grow">
          <h2>{t('waitingByAgency')}</h2>
          {groups.length === 0 ? (
            <p>{t('nothingWaiting')}</p>
          ) : (
            <table className="grid handover-table">
              <thead>
                <tr>
                  <th>{t('agency')}</th>
                  <th>{t('count')}</th>
                  <th>{t('oldestAccepted')}</th>
                  <th>{t('late')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.agencyCode} className={g.overdue > 0 ? 'late' : undefined}>
                    <td>
                      {g.agencyName}
                      <br />
                      <small>{g.agencyCode}</small>
                    </td>
                    <td>{g.count}</td>
                    <td>{formatDateTime(g.oldestAcceptedAt)}</td>
                    <td>{g.overdue > 0 ? <span className="badge tone-problem">{`${t('pastHandover')}: ${g.overdue}`}</span> : '—'}</td>
                    <td>
                      <button type="button" disabled={busy} onClick={() => void run(async () => void (await reload(await api.batches.create({ agencyCode: g.agencyCode }))))}>
                        {t('newBatch')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('openBatches')}</h2>
          {batches.length === 0 && <p>{t('noOpenBatches')}</p>}
          <ul className="plain">
            {batches.map((b) => (
              <li key={b.id}>
                <button type="button" className="link" onClick={() => void run(async () => void setBatch(await api.batches.get({ batchId: b.id })))}>
                  {b.number}
                </button>{' '}
                {b.agencyName} · {b.totals.items} · {t(STATE_LABEL[b.state])} <UploadBadge upload={b.upload} />
              </li>
            ))}
          </ul>
        </div>
        {batch && (
          <div className="grow panel" aria-label={t('batch')}>
            <h2>
              {t('batch')} {batch.number}
            </h2>
            <p>
              {batch.agencyName} ({batch.agencyCode}) · {t(STATE_LABEL[batch.state])}
            </p>
            {batch.state === 'open' && (
              <form
                className="row align-end"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (code.trim()) void add(code.trim());
                }}
              >
                <Field label={t('itemNumber')} hint={t('scanOrType')} className="grow">
                  <input value={code} autoFocus autoComplete="off" onChange={(e) => setCode(e.target.value)} />
                </Field>
              </form>
            )}
            <NoteLine note={note} />
            <UploadState batch={batch} busy={busy} onResend={() => void run(async () => void (await reload(await api.batches.resend({ batchId: batch.id }))))} />
            <HandoverSigned key={batch.id} batch={batch} busy={busy} run={run} onSaved={(b) => void reload(b)} />
            {/* an empty batch says how to fill it, not headers over nothing */}
            {batch.items.length === 0 ? (
              <p className="muted">{t('batchEmpty')}</p>
            ) : (
              <>
                <table className="grid handover-table">
                  <thead>
                    <tr>
                      <th>{t('itemNumber')}</th>
                      <th>{t('fullName')}</th>
                      <th>{t('procedure')}</th>
                      <th>{t('fees')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {batch.items.map((i) => (
                      <tr key={i.dossierId}>
                        <td>{i.itemNumber}</td>
                        <td>{i.senderName}</td>
                        <td>{i.procedureName}</td>
                        <td className="num">{formatVnd(i.fees.reduce((s, f) => s + f.amount, 0))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p>
                  {t('total')}: {batch.totals.items} · {formatVnd(batch.totals.fees)}
                </p>
              </>
            )}
            <div className="row gap">
              {batch.state === 'open' && (
                <button type="button" disabled={busy || batch.items.length === 0} onClick={() => void run(async () => void (await reload(await api.batches.close({ batchId: batch.id }))))}>
                  {t('closeBatch')}
                </button>
              )}
              <button type="button" disabled={busy} onClick={() => void run(async () => void saveFile(await api.batches.handoverRecord({ batchId: batch.id })))}>
                {t('printHandoverRecord')}
              </button>
              {batch.state !== 'open' && (
                <button type="button" disabled={busy} onClick={() => void run(async () => void (await api.batches.printLabel({ batchId: batch.id })))}>
                  {t('printBatchLabel')}
                </button>
              )}
            </div>
          </div>
        )}
      </div>
      <AttentionList onOpenBatch={(batchId) => void run(async () => void setBatch(await api.batches.get({ batchId })))} />
    </section>
  );
}
