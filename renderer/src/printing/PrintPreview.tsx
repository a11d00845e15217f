import { useEffect, useState } from 'react';
import { api } from '../rpc.js';
import { useT } from '../i18n.js';

/** The exact bitmap the printer gets, shown at its printed size (1 dot = 1 px). */
export function PrintPreview({ jobId, label }: { jobId: number; label: string }) {
  const t = useT();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.printing
      .preview({ jobId })
      .then((r) => live && setSrc(`data:image/png;base64,${r.pngBase64}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [jobId]);
  return (
    // It scrolls when the receipt is longer than the screen: focusable, so arrows can scroll it too.
    <figure className="print-preview" tabIndex={0} aria-label={label}>
      {src ? <img src={src} alt={label} /> : <span className="muted">{t('loading')}</span>}
      <figcaption>{label}</figcaption>
    </figure>
  );
}
