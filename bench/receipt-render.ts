import type { DossierDetail } from '../shared/contract/index.js';
import { layOut, type PrintContext } from '../electron/core/devices/printer/documents.js';
import { buildJob, rasterBands } from '../electron/core/devices/printer/escpos.js';
import { registerPrintFonts } from '../electron/core/devices/printer/fonts.js';
import { Sheet } from '../electron/core/devices/printer/sheet.js';
import { TextSheet } from '../electron/core/devices/printer/text-sheet.js';
import { defaultResourcesDir } from '../electron/core/system/paths.js';
import { sampleIntake, startCore } from '../tests/support/core-harness.js';
import { measure, type Row } from './stats.js';

/** Draw + threshold + pack a receipt into its ESC/POS job, raster next to CP1258 text. */
export async function benchReceiptRender(n = 60): Promise<Row[]> {
  registerPrintFonts(defaultResourcesDir());
  const h = await startCore();
  let dossier: DossierDetail;
  try {
    const r = await h.client.dossiers.intake(sampleIntake(1));
    dossier = await h.client.dossiers.get({ id: r.dossierId });
    await h.core.printing.idle();
  } finally {
    await h.stop();
  }
  const ctx: PrintContext = {
    widthDots: 576,
    office: { code: '100000', name: 'Bưu cục Trung tâm Hà Nội' },
    counterCode: 'Q01',
    clerk: { code: 'gdv01', name: 'Trần Thị Lan' },
    terms: 'Phiếu gửi có giá trị như hợp đồng giữa người gửi và bưu điện.',
    trackingUrl: '',
    copyLabel: 'Liên 1: người gửi giữ',
  };
  const raster = () => buildJob([rasterBands(layOut('receipt', dossier, ctx, new Sheet(576)))], { cut: true, drawer: false });
  const text = () => buildJob([layOut('receipt', dossier, ctx, new TextSheet(576, 52))], { cut: true, drawer: false });
  for (let i = 0; i < 5; i++) raster(); // warm-up: font loading, JIT
  const rasterBytes = raster().length;
  const textBytes = text().length;
  return [
    await measure('receipt render', 'raster 576 dots (GS v 0)', Array.from({ length: n }, () => raster), `${rasterBytes} bytes per receipt`),
    await measure('receipt render', 'CP1258 text (Font A)', Array.from({ length: n }, () => text), `${textBytes} bytes per receipt`),
  ];
}
