import { useMemo } from 'react';
import { useEscape } from '../components/use-escape.js';
// Only the two encoders this page draws: the default export carries all of them (about 900 kB).
import { code128, drawingSVG, qrcode } from 'bwip-js/browser';
import type { ScannerSettings } from '../../../shared/contract/index.js';
import { useT } from '../i18n.js';

/** A sample card in the chip ID card's QR layout, with every kind of Vietnamese mark. */
const SAMPLE_CARD = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội|01012021';

function Barcode({ kind, text, caption }: { kind: 'code128' | 'qrcode'; text: string; caption: string }) {
  const svg = useMemo(() => {
    try {
      // bwip-js puts Vietnamese text into the QR as UTF-8 bytes, as the chip ID card's QR has it.
      const common = { text, scale: 3, paddingwidth: 10, paddingheight: 4 };
      return kind === 'code128'
        ? code128({ ...common, bcid: kind, height: 14, includetext: true, textxalign: 'center' }, drawingSVG())
        : qrcode({ ...common, bcid: kind }, drawingSVG());
    } catch {
      return null;
    }
  }, [kind, text]);
  return (
    <figure className="config-code">
      {svg ? <div className={`config-svg ${kind}`} dangerouslySetInnerHTML={{ __html: svg }} /> : <div className="error-text">{text}</div>}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/**
 * The printable page a clerk needs to set a scanner up and check it: test codes for each
 * kind of scan (the QR carries full Vietnamese, to see whether letters survive), and the
 * programming codes the supervisor copied from this scanner model's manual.
 */
export function ConfigBarcodePage({ scanner, officeName, onClose }: { scanner: ScannerSettings; officeName: string; onClose: () => void }) {
  const t = useT();
  useEscape(onClose);
  return (
    <div className="print-page-backdrop" role="dialog" aria-modal="true" aria-label={t('configPage')}>
      <div className="print-page">
        <div className="no-print actions">
          <button type="button" className="primary" onClick={() => window.print()} autoFocus>
            {t('printThisPage')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('close')} <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
        <h1>{t('configPage')}</h1>
        <p className="muted">{officeName}</p>
        <h2>{t('configCodes')}</h2>
        {scanner.configCodes.length === 0 ? (
          <p className="muted">{t('configCodesNone')}</p>
        ) : (
          <div className="config-grid">
            {scanner.configCodes.map((c, i) => (
              <Barcode key={i} kind="code128" text={c.content} caption={c.label} />
            ))}
          </div>
        )}
        <h2>{t('testCodes')}</h2>
        <div className="config-grid">
          <Barcode kind="code128" text="EL471108151VN" caption={t('testItem')} />
          <Barcode kind="code128" text="000.00.15.H12-261128-0007" caption={t('testDossierCode')} />
          <Barcode kind="qrcode" text={SAMPLE_CARD} caption={t('testCard')} />
        </div>
        <p>{t('wedgeNote')}</p>
      </div>
    </div>
  );
}
