import { lazy, Suspense, useEffect, useState } from 'react';
import type { Msg } from '../../../shared/i18n/msg.js';
import type { ScannerSettings as Config } from '../../../shared/contract/index.js';
import type { Scan } from '../../../shared/scan/classify.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { ChoiceField } from '../components/ChoiceField.js';
import { Field } from '../components/Field.js';
import { EmptyList } from '../components/RowsTable.js';
import { api, errorData, type Api } from '../rpc.js';
import { useT, type LabelKey } from '../i18n.js';
import { useScanHandler, useScannerStatus, type ScanSource } from '../scan/ScanContext.js';

// The barcode library is large; load it only when the page is opened.
const ConfigBarcodePage = lazy(() => import('../scan/ConfigBarcodePage.js').then((m) => ({ default: m.ConfigBarcodePage })));

type Port = Awaited<ReturnType<Api['scanner']['ports']>>[number];

const KIND_LABEL: Record<Scan['kind'], LabelKey> = {
  'id-card': 'scanIdCard',
  item: 'itemNumber',
  'dossier-code': 'findByCode',
  refused: 'scanRefused',
  other: 'scanOther',
};

/** The serial scanner: port, line settings, a live test and its state. */
export function ScannerSettings({ value, onChange, officeName }: { value: Config; onChange: (c: Config) => void; officeName: string }) {
  const t = useT();
  const [showPage, setShowPage] = useState(false);
  const status = useScannerStatus();
  const [ports, setPorts] = useState<Port[]>([]);
  const [problem, setProblem] = useState<Msg>();
  const [last, setLast] = useState<{ at: Date; scan: Scan; source: ScanSource } | null>(null);

  const refresh = () =>
    api.scanner
      .ports()
      .then(setPorts)
      .catch((e) => setProblem(errorData(e)));
  useEffect(() => void refresh(), []);

  // On this screen a scan is only shown, so the clerk can test any scanner.
  useScanHandler((scan, source) => setLast({ at: new Date(), scan, source }));

  const set = (patch: Partial<Config>) => onChange({ ...value, ...patch });
  const portLabel = (p: Port) => [p.path, p.manufacturer, p.vendorId && `VID ${p.vendorId}`, p.productId && `PID ${p.productId}`, p.serialNumber && `S/N ${p.serialNumber}`].filter(Boolean).join(' · ');
  const state = status.state;

  return (
    <div className="scanner-settings">
      <h2>{t('scanner')}</h2>
      <label className="check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        {t('scannerSerialOn')}
      </label>
      <div className="row align-end">
        <Field label={t('scannerPort')} className="grow">
          <select
            value={ports.find((p) => p.path === value.path) ? value.path : ''}
            onChange={(e) => {
              const p = ports.find((x) => x.path === e.target.value);
              if (p) set({ path: p.path, vendorId: p.vendorId, productId: p.productId, serialNumber: p.serialNumber });
            }}
          >
            <option value="">{ports.length === 0 ? t('scannerNoPorts') : '—'}</option>
            {ports.map((p) => (
              <option key={p.path} value={p.path}>
                {portLabel(p)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {t('refresh')}
        </button>
        <Field label={t('scannerPath')}>
          <input className="mono" value={value.path} onChange={(e) => set({ path: e.target.value, vendorId: '', productId: '', serialNumber: '' })} />
        </Field>
      </div>
      <div className="row">
        <ChoiceField<Config['baudRate']> label={t('baudRate')} value={value.baudRate} options={[1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]} onChange={(baudRate) => set({ baudRate })} />
        <ChoiceField<Config['parity']>
          label={t('parity')}
          value={value.parity}
          options={[['none', t('parityNone')], ['even', t('parityEven')], ['odd', t('parityOdd')]]}
          onChange={(parity) => set({ parity })}
        />
        <ChoiceField<Config['dataBits']> label={t('dataBits')} value={value.dataBits} options={[8, 7]} onChange={(dataBits) => set({ dataBits })} />
        <ChoiceField<Config['stopBits']> label={t('stopBits')} value={value.stopBits} options={[1, 2]} onChange={(stopBits) => set({ stopBits })} />
        <ChoiceField<Config['suffix']>
          label={t('suffix')}
          value={value.suffix}
          options={[['any', t('suffixAny')], ['CR', 'CR'], ['LF', 'LF'], ['CRLF', 'CR+LF']]}
          onChange={(suffix) => set({ suffix })}
        />
      </div>
      {value.vendorId && (
        <p className="muted">
          {t('scannerIdentity')}: VID {value.vendorId} · PID {value.productId} · S/N {value.serialNumber || '—'}
        </p>
      )}
      <div className="scan-test" aria-live="polite">
        <b>{t('scanTest')}:</b>{' '}
        {last ? (
          <span>
            {formatDateTime(last.at).slice(11)} · {t(KIND_LABEL[last.scan.kind])} · {last.source === 'serial' ? t('serialPort') : t('scannerKeyboard')} —{' '}
            <span className="mono">{last.scan.kind === 'id-card' ? last.scan.card.fullName : last.scan.text}</span>
            {last.scan.kind === 'refused' && <span className="error-text"> ({t.msg(last.scan.reason)})</span>}
          </span>
        ) : (
          <span className="muted">{t('scanTestHint')}</span>
        )}
      </div>
      <p role="status" className={state?.state === 'connected' ? 'ok-text' : state && state.state !== 'off' ? 'error-text' : 'muted'}>
        {state?.state === 'connected' && `${t('scannerConnectedTo')}: ${state.path}`}
        {(state?.state === 'searching' || state?.state === 'error') && t.msg(state.reason)}
        {(!state || state.state === 'off') && t('scannerOffNote')}
        {status.problem && <span className="error-text"> {t.msg(status.problem.problem)}</span>}
      </p>
      {problem && <p className="error-text">{t.msg(problem)}</p>}
      <p className="muted">{t('wedgeNote')}</p>
      <h3>{t('configCodes')}</h3>
      <p className="muted small">{t('configCodesHelp')}</p>
      {value.configCodes.length === 0 && <EmptyList what={t('noConfigCodes')} addLabel={t('addConfigCode')} />}
      {value.configCodes.map((c, i) => (
        <div className="row align-end" key={i}>
          <Field label={`${t('configLabel')} ${i + 1}`} className="grow">
            <input value={c.label} onChange={(e) => set({ configCodes: value.configCodes.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
          </Field>
          <Field label={`${t('configContent')} ${i + 1}`} className="grow">
            <input className="mono" value={c.content} onChange={(e) => set({ configCodes: value.configCodes.map((x, j) => (j === i ? { ...x, content: e.target.value } : x)) })} />
          </Field>
          <button type="button" className="secondary" onClick={() => set({ configCodes: value.configCodes.filter((_, j) => j !== i) })}>
            {t('remove')}
          </button>
        </div>
      ))}
      <div className="actions">
        <button type="button" className="secondary" disabled={value.configCodes.length >= 12} onClick={() => set({ configCodes: [...value.configCodes, { label: '', content: '' }] })}>
          {t('addConfigCode')}
        </button>
        <button type="button" className="secondary" onClick={() => setShowPage(true)}>
          {t('openConfigPage')}
        </button>
      </div>
      {showPage && (
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <ConfigBarcodePage scanner={value} officeName={officeName} onClose={() => setShowPage(false)} />
        </Suspense>
      )}
    </div>
  );
}
