import printerLib from 'node-thermal-printer';
import { rowBytes, type MonoBitmap } from './mono-bitmap.js';
import { isStatusRequestAt } from './transports/printer-status.js';

const { printer: ThermalPrinter, types: PrinterTypes } = printerLib as unknown as {
  printer: new (config: { type: string; width?: number }) => EscPosBuilder;
  types: Record<string, string>;
};

interface EscPosBuilder {
  initHardware(): void;
  add(buffer: Buffer): void;
  cut(options?: { verticalTabAmount?: number }): void;
  getBuffer(): Buffer;
}

/**
 * The cash drawer pulse: ESC p m t1 t2 on connector pin 2 (m = 0), on for 25 × 2 ms, off for
 * 250 × 2 ms. node-thermal-printer's openCashDrawer sends `ESC p 0` and `ESC p 1` without their
 * timing bytes, which a printer reads as one command swallowing the next bytes.
 */
export const DRAWER_PULSE = Buffer.from([0x1b, 0x70, 0x00, 25, 250]);

/**
 * Clears the one dot that makes raster bytes read as a real-time status request (`10 04 n`):
 * many printers answer those even inside image data, which would muddle the answers that prove
 * a job arrived whole. About three single dots on a receipt; done on the bitmap itself, so the
 * preview stays exactly what prints. Returns how many were cleared.
 */
export function clearStatusLookalikes(bitmap: MonoBitmap): number {
  const { data } = bitmap;
  let cleared = 0;
  // indexOf finds each 0x10 byte natively instead of testing every byte here.
  for (let i = data.indexOf(0x10); i !== -1 && i + 2 < data.length; i = data.indexOf(0x10, i + 1)) {
    if (isStatusRequestAt(data, i)) {
      data[i + 1] = 0x00; // 0x04 is a single dot
      cleared++;
    }
  }
  return cleared;
}

/** Rows per `GS v 0` command: small bands keep printers with small input buffers happy. */
export const BAND_ROWS = 128;

/** GS v 0 raster commands for a bitmap, in bands of BAND_ROWS rows. */
export function rasterBands(bitmap: MonoBitmap, bandRows = BAND_ROWS): Buffer {
  const stride = rowBytes(bitmap.width);
  const parts: Uint8Array[] = [];
  for (let top = 0; top < bitmap.height; top += bandRows) {
    const rows = Math.min(bandRows, bitmap.height - top);
    const head = Buffer.from([0x1d, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8]);
    parts.push(head, bitmap.data.subarray(top * stride, (top + rows) * stride));
  }
  return Buffer.concat(parts);
}

/**
 * One print job: init, each document (raster bands or code-page text) with a cut after it,
 * and the cash drawer pulse if asked. node-thermal-printer builds the commands; the raster
 * bytes are packed here directly (its PNG path decodes an image on every call, ~25× slower).
 */
export function buildJob(documents: Buffer[], options: { cut: boolean; drawer: boolean }): Buffer {
  const p = new ThermalPrinter({ type: PrinterTypes['EPSON']! });
  p.initHardware();
  if (options.drawer) p.add(DRAWER_PULSE);
  for (const d of documents) {
    p.add(d);
    if (options.cut) p.cut({ verticalTabAmount: 3 });
  }
  return p.getBuffer();
}
