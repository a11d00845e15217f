import { useEffect, useState } from 'react';
import { api, type Api } from '../rpc.js';
import type { ExchangeStatus } from '../../../shared/contract/index.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { useT } from '../i18n.js';
import { useScannerStatus } from '../scan/ScanContext.js';
import { usePrintQueue } from '../printing/PrintQueueContext.js';
import { useOfficeLink } from '../office/useOfficeLink.js';
import { listen } from './use-live.js';

/** The office link's state as the bar names it (a counter on its own file shows nothing). */
const OFFICE_WORDS = { up: 'officeUp', connecting: 'officeConnecting', down: 'officeDown', refused: 'officeRefused' } as const;

export type SystemStatus = Awaited<ReturnType<Api['system']['status']>>;

/** Always visible: who is signed in, where, and which catalogue is in use. */
export function StatusBar({
  status,
  onOpenQueue,
  onOpenSettings,
  onOpenHandover,
}: {
  status: SystemStatus | null;
  onOpenQueue: () => void;
  onOpenSettings: () => void;
  onOpenHandover: () => void;
}) {
  const t = useT();
  const scanner = useScannerStatus();
  const queue = usePrintQueue();
  const office = useOfficeLink();
  if (!status) return <footer className="statusbar">{t('loading')}</footer>;
  const st = scanner.state?.state ?? 'off';
  // A word and a colour, never a colour alone.
  const scannerWord = { off: t('scannerKeyboard'), connected: t('scannerConnected'), searching: t('scannerSearching'), error: t('scannerError') }[st];
  return (
    <footer className="statusbar" aria-label={t('statusBar')}>
      {status.training.on && (
        <span className="state state-error">
          <b title={t('trainingMode')}>{t('trainingShort')}</b>
        </span>
      )}
      {/* The name and code speak for themselves: the word "clerk" is for screen readers and the
          title, its room goes to a long name. The notices give way before the name does. */}
      <span className="statusbar-clerk" title={`${t('clerk')}: ${status.clerk.name} (${status.clerk.code})`}>
        <span className="visually-hidden">{t('clerk')}: </span>
        <b>{status.clerk.name}</b> ({status.clerk.code})
      </span>
      {/* one part for both codes: the bar also carries the uploads at 1366 px */}
      <span title={status.office.name}>
        {t('counter')}: <b>{status.counter}</b> · {t('office')}: <b>{status.office.code}</b>
      </span>
      {/* the count alone, its unit in the title: room for the uploads at 1366 px */}
      <span title={`${t('catalogue')}: ${status.catalog.procedures} ${t('procedures')} — ${t('version')} ${status.catalog.version ?? '—'}`}>
        {t('catalogueShort')}: <b>{status.catalog.procedures}</b>
        {status.catalog.isDemo ? ' (demo)' : ''}
      </span>
      {office && office.state !== 'local' && (
        // The whole reason is the title; the alert above the screen says it too.
        <span className={`state state-${office.state === 'up' ? 'connected' : 'error'}`} title={office.words ? t.msg(office.words) : undefined}>
          {t('officeData')}: <b>{t(OFFICE_WORDS[office.state])}</b>
        </span>
      )}
      <PrinterState open={queue.open} onOpen={onOpenQueue} />
      {status.training.on ? (
        // Nothing is sent in training: the bar says so instead of counting uploads that will never leave.
        <span className="state state-searching">
          {t('exchangeShort')}: <b>{t('trainingNoUploads')}</b>
        </span>
      ) : (
        <ExchangeState onOpen={onOpenHandover} />
      )}
      <span className={`state state-${st}`} title={scanner.state && 'reason' in scanner.state ? t.msg(scanner.state.reason) : undefined}>
        {t('scanner')}: <b>{scannerWord}</b>
        {scanner.state?.state === 'connected' ? ` (${scanner.state.path.split(/[\\/]/).pop()})` : ''}
      </span>
      {status.calendarNoticeMissing !== null && (
        // From 1 October until next year's notice is entered: dates past New Year are only provisional.
        <button
          type="button"
          className="state state-error statusbar-link statusbar-notice"
          onClick={onOpenSettings}
          title={`${t('holidays')}: ${t('calendarShort')} ${status.calendarNoticeMissing} — ${t('noticeMissing')}`}
        >
          {t('calendarShort')} {status.calendarNoticeMissing}: <b>{t('noticeMissing')}</b>
        </button>
      )}
      {status.backupNotice && (
        // The whole sentence is long for the bar: it is the button's title, and Settings shows it.
        <button type="button" className="state state-error statusbar-link statusbar-notice" onClick={onOpenSettings} title={t.msg(status.backupNotice)}>
          {t('backupShort')}: <b>{t('backupAttention')}</b>
        </button>
      )}
      <span className="statusbar-date">{formatDate(status.today)}</span>
    </footer>
  );
}

/** Ready, printing, or a problem with how many jobs wait: a word and a colour. */
function PrinterState({ open, onOpen }: { open: ReturnType<typeof usePrintQueue>['open']; onOpen: () => void }) {
  const t = useT();
  const problems = open.filter((j) => j.state === 'failed' || j.state === 'unknown' || j.state === 'held').length;
  const busy = open.length - problems;
  const state = problems > 0 ? 'error' : busy > 0 ? 'searching' : 'connected';
  // A click opens the print queue in Settings, where jobs are retried.
  return (
    <button type="button" className={`state state-${state} statusbar-link`} onClick={onOpen} title={t('printQueue')}>
      {t('printer')}: <b>{problems > 0 ? t('printerProblem') : busy > 0 ? t('printerWaiting') : t('printerReady')}</b>
      {open.length > 0 ? ` (${open.length} ${t('printJobs').toLowerCase()})` : ''}
    </button>
  );
}

/** Between pushes, a look now and then: on an office server another counter's batches count too. */
const EXCHANGE_BACKSTOP_MS = 30_000;

/**
 * Uploads waiting (amber, with the count) and whether the agency server answers, pushed by the
 * core on each change; "Cần xử lý" in red when a person must act. A click opens F4.
 */
function ExchangeState({ onOpen }: { onOpen: () => void }) {
  const t = useT();
  const [x, setX] = useState<ExchangeStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void listen((signal) => api.exchange.events(undefined, { signal }), setX, controller.signal);
    const timer = setInterval(() => void api.exchange.status().then(setX, () => undefined), EXCHANGE_BACKSTOP_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);
  if (!x) return null;
  const server = { none: 'serverNone', unknown: 'serverUnknown', reachable: 'serverReachable', unreachable: 'serverUnreachable' } as const;
  // Red for a server that does not answer; amber while something waits or the server is not known yet.
  const state = x.agencyServer === 'unreachable' ? 'error' : x.uploadsWaiting > 0 || x.agencyServer !== 'reachable' ? 'waiting' : 'connected';
  const title = [x.problem ? t.msg(x.problem) : '', x.oldestWaitingAt ? `${t('oldestWaiting')}: ${formatDateTime(x.oldestWaitingAt)}` : ''].filter(Boolean).join(' · ');
  // One button, so the bar still fits at 1366 px when the printer and the calendar speak too.
  return (
    <button type="button" className={`state state-${state} statusbar-link`} onClick={onOpen} title={title || undefined}>
      {t('exchangeShort')}: <b>{x.uploadsWaiting > 0 ? `${x.uploadsWaiting} ${t('uploadsWaiting')}` : t(server[x.agencyServer])}</b>
      {x.uploadsWaiting > 0 ? ` · ${t(server[x.agencyServer])}` : ''}
      {x.attention > 0 && (
        <>
          {' · '}
          <b className="attention-count">{`${t('attention')} ${x.attention}`}</b>
        </>
      )}
    </button>
  );
}
