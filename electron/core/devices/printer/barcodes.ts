import bwipjs from 'bwip-js';

/**
 * Barcodes drawn module by module from bwip-js's raw symbol data, so every bar is a whole
 * number of printer dots (no scaling blur for the 1-bit threshold to guess at).
 */
export interface Symbol1D {
  kind: '1d';
  modules: number[];
}
export interface Symbol2D {
  kind: '2d';
  size: number;
  pixels: number[];
}

export function code128(text: string): Symbol1D {
  const [raw] = bwipjs.raw('code128', text, {}) as { sbs: number[] }[];
  return { kind: '1d', modules: raw!.sbs };
}

/**
 * The last QR symbols made: a dossier's two receipt copies carry the same QR, and bwip-js takes
 * a few milliseconds to make one (more than drawing all of a receipt's text).
 */
const recentQr = new Map<string, Symbol2D>();
const RECENT_QR = 4;

/** QR with an ASCII payload only (item number or tracking URL). */
export function qrCode(text: string): Symbol2D {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError('QR payload must be ASCII');
  const known = recentQr.get(text);
  if (known) return known;
  const [raw] = bwipjs.raw('qrcode', text, 'eclevel=M') as { pixs: number[]; pixx: number }[];
  const symbol: Symbol2D = { kind: '2d', size: raw!.pixx, pixels: raw!.pixs };
  if (recentQr.size >= RECENT_QR) recentQr.delete(recentQr.keys().next().value!);
  recentQr.set(text, symbol);
  return symbol;
}

/** Fills a whole-dot rectangle; the raster sheet inks it straight into the bits. */
export type FillRect = (x: number, y: number, w: number, h: number) => void;

export const widthOf1D = (s: Symbol1D, moduleDots: number) => s.modules.reduce((a, b) => a + b, 0) * moduleDots;

/** Draws bars starting with a bar; the caller leaves the quiet zones (10 modules 1D, 4 modules QR). */
export function draw1D(fill: FillRect, s: Symbol1D, x: number, y: number, moduleDots: number, height: number): void {
  let at = x;
  s.modules.forEach((w, i) => {
    if (i % 2 === 0) fill(at, y, w * moduleDots, height);
    at += w * moduleDots;
  });
}

export function draw2D(fill: FillRect, s: Symbol2D, x: number, y: number, moduleDots: number): void {
  for (let r = 0; r < s.size; r++) {
    for (let c = 0; c < s.size; c++) {
      if (s.pixels[r * s.size + c]) fill(x + c * moduleDots, y + r * moduleDots, moduleDots, moduleDots);
    }
  }
}
