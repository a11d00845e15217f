import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { DossierDetail } from '../shared/contract/index.js';
import { layOut } from '../electron/core/devices/printer/documents.js';
import type { DrawRequest } from '../electron/core/devices/printer/draw-job.js';
import { Drawer } from '../electron/core/devices/printer/drawer.js';
import { buildJob, clearStatusLookalikes, rasterBands } from '../electron/core/devices/printer/escpos.js';
import { registerPrintFonts } from '../electron/core/devices/printer/fonts.js';
import type { MonoBitmap } from '../electron/core/devices/printer/mono-bitmap.js';
import { Sheet, type Layout } from '../electron/core/devices/printer/sheet.js';
import { TextSheet } from '../electron/core/devices/printer/text-sheet.js';
import { defaultResourcesDir } from '../electron/core/system/paths.js';
import { PRINTED_DOSSIER, printContext } from '../tests/support/print-fixtures.js';
import { measure, summarise, type Row } from './stats.js';

const ctx = printContext(576);

/** Lets the event loop turn between receipts, as the drawing thread does between jobs (native buffers are freed then). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Draw + threshold + pack a receipt into its ESC/POS job: on the drawing thread, as the print
 * worker has it done; then where that time goes, in this thread; CP1258 text alongside.
 * Each receipt has its own item and register number, so its QR and barcode are made anew.
 */
export async function benchReceiptRender(n = 60): Promise<Row[]> {
  registerPrintFonts(defaultResourcesDir());
  const receipt = (i: number): DossierDetail => ({ ...PRINTED_DOSSIER, itemNumber: `EL${100_000_000 + i}VN`, registerNo: `${String(i).padStart(6, '0')}/2026` });
  const request = (i: number, copyLabel = ctx.copyLabel): DrawRequest => ({
    recipe: { kind: 'receipt', ctx: { ...ctx, copyLabel }, mode: 'raster', codePage: 52, cut: true, drawer: false },
    dossier: receipt(i),
    png: false,
  });

  const drawer = new Drawer(defaultResourcesDir());
  let threadRows: Row[];
  try {
    for (let i = 0; i <= 5; i++) await drawer.draw(request(i)); // warm-up: the thread, its fonts, JIT
    const bytes = (await drawer.draw(request(6))).bytes.length;
    const firstCopies = Array.from({ length: n }, (_, i) => () => drawer.draw(request(1000 + i)));
    // The second copy of each receipt, drawn right after the first: the same QR.
    const secondCopies = Array.from({ length: n }, (_, i) => async () => {
      await drawer.draw(request(2000 + i));
      const t0 = performance.now();
      await drawer.draw(request(2000 + i, 'Liên 2: bưu cục lưu'));
      return performance.now() - t0;
    });
    const second: number[] = [];
    for (const call of secondCopies) second.push((await call()) * 1000);
    threadRows = [
      await measure('receipt render', 'raster 576 dots (GS v 0), on the drawing thread', firstCopies, `${bytes} bytes per receipt`),
      summarise('receipt render', 'second copy of a receipt (same QR)', second),
    ];
  } finally {
    await drawer.close();
  }
  return [...threadRows, ...(await parts(n, request)), await measure('receipt render', 'CP1258 text (Font A)', Array.from({ length: n }, (_, i) => () => buildJob([layOut('receipt', receipt(i), ctx, new TextSheet(576, 52))], { cut: true, drawer: false })), 'the same layout, no drawing')];
}

/** Where a receipt's time goes, by what the layout asks of the sheet, timed in this thread. */
async function parts(n: number, request: (i: number) => DrawRequest): Promise<Row[]> {
  const groups = {
    text: 'text, pair, columns (canvas calls; it paints in finish)',
    rules: 'rule, gap',
    barcode: 'barcode: Code 128 symbol and bars',
    qr: 'qr: QR symbol (bwip-js) and modules',
    finish: 'finish: paint, read back, to 1 bit',
    encode: 'status look-alikes, GS v 0 bands, job',
  };
  type Group = keyof typeof groups;
  const groupOf: Record<string, Group> = { text: 'text', pair: 'text', columns: 'text', rule: 'rules', gap: 'rules', barcode: 'barcode', qr: 'qr', finish: 'finish' };
  const times = Object.fromEntries(Object.keys(groups).map((g) => [g, [] as number[]])) as Record<Group, number[]>;
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
  for (let i = 0; i < n + 5; i++) {
    const spent = Object.fromEntries(Object.keys(groups).map((g) => [g, 0])) as Record<Group, number>;
    const sheet = new Sheet(576);
    // The sheet behind a proxy that times each call the layout makes.
    const timed = new Proxy(sheet, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function' || !groupOf[String(key)]) return value;
        return (...args: unknown[]) => {
          const t0 = performance.now();
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          spent[groupOf[String(key)]!] += performance.now() - t0;
          return out === target ? timed : out;
        };
      },
    }) as Layout<MonoBitmap>;
    const { recipe, dossier } = request(3000 + i);
    const bitmap = layOut('receipt', dossier, recipe.ctx, timed);
    const t0 = performance.now();
    clearStatusLookalikes(bitmap);
    buildJob([rasterBands(bitmap)], { cut: true, drawer: false });
    spent.encode = performance.now() - t0;
    if (i === 4) gc.observe({ entryTypes: ['gc'] }); // the first few warm up
    if (i >= 5) for (const g of Object.keys(groups) as Group[]) times[g].push(spent[g] * 1000);
    await turn();
  }
  gc.disconnect();
  return (Object.keys(groups) as Group[]).map((g, i) => summarise('receipt render, parts', groups[g], times[g], i === 0 ? `GC paused this thread ${Math.round(gcMs)} ms over ${n} receipts` : undefined));
}
