import { useState } from 'react';
import type { Msg } from '../../../shared/i18n/msg.js';
import type { PrintJob, PrinterSettings as Config } from '../../../shared/contract/index.js';
import { ChoiceField } from '../components/ChoiceField.js';
import { Field } from '../components/Field.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';
import { JobList } from './JobList.js';
import { PrintPreview } from './PrintPreview.js';

/** The receipt printer: connection, paper, cut and drawer, and a test page. */
export function PrinterSettings({ value, onChange, save }: { value: Config; onChange: (c: Config) => void; save: () => Promise<boolean> }) {
  const t = useT();
  const [test, setTest] = useState<PrintJob | null>(null);
  const [problem, setProblem] = useState<Msg>();
  const set = (patch: Partial<Config>) => onChange({ ...value, ...patch });

  const printTest = async () => {
    if (!(await save())) return;
    try {
      setTest(await api.printing.testPage());
      setProblem(undefined);
    } catch (e) {
      setProblem(errorData(e));
    }
  };

  return (
    <div className="printer-settings">
      <h2>{t('printer')}</h2>
      <div className="row">
        <ChoiceField<Config['connection']>
          label={t('connection')}
          value={value.connection}
          options={[['preview', t('connPreview')], ['network', t('connNetwork')], ['serial', t('connSerial')], ['device', t('connDevice')]]}
          onChange={(connection) => set({ connection })}
        />
        {value.connection === 'network' && (
          <>
            <Field label={t('printerHost')}>
              <input className="mono" value={value.host} placeholder="192.168.1.50" onChange={(e) => set({ host: e.target.value.trim() })} />
            </Field>
            <Field label={t('printerPort')}>
              <input className="w-short mono" value={value.port} onChange={(e) => set({ port: Number(e.target.value.replace(/\D/g, '')) || 9100 })} />
            </Field>
          </>
        )}
        {value.connection === 'serial' && (
          <>
            <Field label={t('scannerPath')}>
              <input className="mono" value={value.serialPath} placeholder="COM3" onChange={(e) => set({ serialPath: e.target.value.trim() })} />
            </Field>
            <ChoiceField<Config['baudRate']> label={t('baudRate')} value={value.baudRate} options={[9600, 19200, 38400, 57600, 115200]} onChange={(baudRate) => set({ baudRate })} />
            <ChoiceField<Config['flowControl']>
              label={t('flowControl')}
              value={value.flowControl}
              options={[['none', t('parityNone')], ['rtscts', 'RTS/CTS'], ['xonxoff', 'XON/XOFF']]}
              onChange={(flowControl) => set({ flowControl })}
            />
          </>
        )}
        {value.connection === 'device' && (
          <Field label={t('devicePath')} className="grow">
            <input className="mono" value={value.devicePath} placeholder="/dev/usb/lp0 · \\MAY-TINH\MayIn" onChange={(e) => set({ devicePath: e.target.value })} />
          </Field>
        )}
        {value.connection === 'preview' && (
          <Field label={t('previewDir')} className="grow" hint={t('previewDirHint')}>
            <input className="mono" value={value.previewDir} onChange={(e) => set({ previewDir: e.target.value })} />
          </Field>
        )}
        {value.connection === 'preview' && (
          <Field label={t('previewKeepDays')} hint={t('previewKeepDaysHint')}>
            <input
              className="w-short"
              inputMode="numeric"
              value={value.previewKeepDays}
              onChange={(e) => set({ previewKeepDays: Math.min(365, Math.max(1, Number(e.target.value.replace(/\D/g, '')) || 1)) })}
            />
          </Field>
        )}
      </div>
      <div className="row">
        <ChoiceField<Config['paperWidth']>
          label={t('paperWidth')}
          value={value.paperWidth}
          options={[[80, `80 mm (576 ${t('dots')})`], [58, `58 mm (384 ${t('dots')})`]]}
          onChange={(paperWidth) => set({ paperWidth })}
        />
        <ChoiceField<Config['mode']>
          label={t('printMode')}
          value={value.mode}
          options={[['raster', t('modeRaster')], ['text-cp1258', t('modeText')]]}
          onChange={(mode) => set({ mode })}
        />
        {value.mode === 'text-cp1258' && (
          <Field label={t('codePage')}>
            <input className="w-short" value={value.codePage} onChange={(e) => set({ codePage: Math.min(255, Number(e.target.value.replace(/\D/g, '')) || 0) })} />
          </Field>
        )}
        <label className="check">
          <input type="checkbox" checked={value.cut} onChange={(e) => set({ cut: e.target.checked })} />
          {t('cutPaper')}
        </label>
        <label className="check">
          <input type="checkbox" checked={value.drawer} onChange={(e) => set({ drawer: e.target.checked })} />
          {t('openDrawer')}
        </label>
      </div>
      <div className="row">
        <Field label={t('termsLine')} className="grow">
          <input value={value.terms} onChange={(e) => set({ terms: e.target.value })} />
        </Field>
        <Field label={t('trackingUrl')} className="grow" hint={t('trackingUrlHint')}>
          <input className="mono" value={value.trackingUrl} onChange={(e) => set({ trackingUrl: e.target.value })} />
        </Field>
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void printTest()}>
          {t('printTestPage')}
        </button>
        {problem && <span className="error-text">{t.msg(problem)}</span>}
      </div>
      {test && (
        <div className="row">
          <PrintPreview jobId={test.id} label={t('docTest')} />
          <JobList jobs={[test]} />
        </div>
      )}
    </div>
  );
}
