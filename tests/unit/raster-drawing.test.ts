import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../shared/contract/index.js';
import { LAYOUT_VERSION, type DocumentKind, type PrintContext } from '../../electron/core/devices/printer/documents.js';
import { drawJob, type DrawRequest } from '../../electron/core/devices/printer/draw-job.js';
import { Drawer } from '../../electron/core/devices/printer/drawer.js';
import { registerPrintFonts } from '../../electron/core/devices/printer/fonts.js';
import { inkRect, toMono } from '../../electron/core/devices/printer/mono-bitmap.js';
import { defaultResourcesDir } from '../../electron/core/system/paths.js';
import { PRINTED_DOSSIER } from '../support/printed-dossier.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const context = (widthDots: number, more: Partial<PrintContext> = {}): PrintContext => ({
  widthDots,
  office: { code: '100000', name: 'Bưu cục Trung tâm Hà Nội' },
  counterCode: 'Q01',
  clerk: { code: 'gdv01', name: 'Trần Thị Lan' },
  terms: 'Phiếu gửi có giá trị như hợp đồng giữa người gửi và bưu điện.',
  trackingUrl: '',
  copyLabel: 'Liên 1: người gửi giữ',
  ...more,
});

const job = (kind: DocumentKind, dossier: DossierDetail | null, ctx: PrintContext, mode: 'raster' | 'text-cp1258' = 'raster'): DrawRequest => ({
  recipe: { kind, ctx, mode, codePage: 52, cut: true, drawer: false },
  dossier,
  png: false,
});

/** Forty documents: taller than the canvas a sheet starts with, so it grows while drawing. */
const longDossier: DossierDetail = {
  ...PRINTED_DOSSIER,
  documents: Array.from({ length: 40 }, (_, i) => ({ seq: i + 1, name: `Giấy tờ số ${i + 1} có tên dài, xuống dòng trong cột của phiếu`, required: true, present: true, form: 'copy' as const, count: 2 })),
};
const organisation: DossierDetail = {
  ...PRINTED_DOSSIER,
  sender: { ...PRINTED_DOSSIER.sender, kind: 'organisation', fullName: 'Công ty TNHH Ánh Dương', businessCode: '0101234567', bearerName: 'Lê Thị Hoa', bearerId: '001190000001' },
};

const DOCUMENTS: Record<string, DrawRequest> = {
  'receipt 576': job('receipt', PRINTED_DOSSIER, context(576)),
  'receipt 384': job('receipt', PRINTED_DOSSIER, context(384)),
  'receipt with forty documents': job('receipt', longDossier, context(576)),
  'receipt of an organisation, with its bearer': job('receipt', organisation, context(576)),
  'receipt in training': job('receipt', PRINTED_DOSSIER, context(576, { training: true })),
  'reprint after a correction': job(
    'receipt',
    PRINTED_DOSSIER,
    context(576, { reprint: { clerkName: 'Lê Văn Nam', clerkCode: 'gdv02', at: new Date('2026-11-28T03:00:00Z'), after: { kind: 'corrected', at: '2026-11-27T05:00:00Z' } } }),
  ),
  'label 576': job('label', PRINTED_DOSSIER, context(576, { copyLabel: '' })),
  'guidance slip 384': job('guidance', PRINTED_DOSSIER, context(384, { copyLabel: '' })),
  'test page 384': job('test', null, context(384, { copyLabel: '' })),
  'batch label 576': job(
    'batch-label',
    null,
    context(576, { copyLabel: '', batch: { number: '100000-Q01-261128-01', agencyCode: '000.00.15.H26', agencyName: 'Sở Xây dựng', items: 12, closedAt: '2026-11-28T03:15:00.000Z' } }),
  ),
  'receipt as CP1258 text': job('receipt', PRINTED_DOSSIER, context(576), 'text-cp1258'),
};

/**
 * What this layout version prints, byte for byte, as drawn on Linux x64 (where the suite runs;
 * another machine's font rasteriser may differ by an edge pixel). A job is drawn again for a
 * preview or a late resend and must give the bytes first sent (decision 0020), so drawing
 * faster must not move a dot: a change that does raises LAYOUT_VERSION and records these anew.
 */
const PRINTED = {
  layoutVersion: 2,
  platform: 'linux-x64',
  sha256: {
    'receipt 576': 'f43c0e5d250b92aa368a38f4e3e3b1b85c10cbe6582ce49ef886af68fb523646',
    'receipt 384': 'e246faa7cc5983824fc1a2303d3bb8d84910b334a10af401fb2f3497807ea9b2',
    'receipt with forty documents': '5abfba58aa1ee974349028854bd9844a9a4d932709b6a5db3094e66a04e57721',
    'receipt of an organisation, with its bearer': 'f1b39212516f592b09f5ab325b9b8ad49fe0b3f95ab5c06bc996699bb4c10ee6',
    'receipt in training': 'ebccdf0cf65caedefdb892058def4988327b13d5e503577412efb5287a439ee9',
    'reprint after a correction': '36a2dbbeb65e18983a5f216c69ade3ee7c7393bb547a1f2dbaf979ed1e56570e',
    'label 576': 'f5c12baff65d81e352cc81f1dcf5fec571325087951fb15cef356fc7b6bf9ee5',
    'guidance slip 384': '63be9f32369fcbe84873dd08404d153969e84e60b4c93763369b47caa15c7348',
    'test page 384': '707dd719dd89bd7e41da1f31e3e9733a6e7822e341452d785dadf4f270129d41',
    'batch label 576': '40cfb3561da24e1af5e3fa6e50c71846ecced79ebcc4a8fa622b81f75a753878',
    'receipt as CP1258 text': 'fbd3e82e9bc69d6280776b3f47ddfdf30af5d1c8e06518e27d937b8f7c609897',
  } as Record<string, string>,
};

const RESOURCES = defaultResourcesDir();

describe('the drawn receipt', () => {
  it.skipIf(`${process.platform}-${process.arch}` !== PRINTED.platform)('prints the very bytes this layout version has always printed', () => {
    registerPrintFonts(RESOURCES);
    const drawn = Object.fromEntries(Object.entries(DOCUMENTS).map(([name, request]) => [name, sha(drawJob(request).bytes)]));
    expect(LAYOUT_VERSION, 'the layout version the hashes below were recorded for').toBe(PRINTED.layoutVersion);
    expect(drawn, 'a printed byte moved: raise LAYOUT_VERSION (decision 0020) and record the new hashes').toEqual(PRINTED.sha256);
  });

  it('is drawn alike after a longer document or a failed one on the same drawing thread', async () => {
    const fresh = new Drawer(RESOURCES);
    const used = new Drawer(RESOURCES);
    try {
      const [label, receipt] = [DOCUMENTS['label 576']!, DOCUMENTS['receipt 576']!];
      // Ink far down the paper first, then the label on the canvas that held it.
      await used.draw(DOCUMENTS['receipt with forty documents']!);
      expect(sha((await used.draw(label)).bytes)).toBe(sha((await fresh.draw(label)).bytes));
      // A drawing that stops halfway (a QR address must be ASCII), then a receipt.
      await expect(used.draw(job('receipt', PRINTED_DOSSIER, context(576, { trackingUrl: 'https://tra-cứu.vn/{item}' })))).rejects.toThrow(/ASCII/);
      expect(sha((await used.draw(receipt)).bytes)).toBe(sha((await fresh.draw(receipt)).bytes));
    } finally {
      await fresh.close();
      await used.close();
    }
  });

  it('keeps the last dots of a width that is not whole bytes, read from the canvas or inked', () => {
    const canvas = createCanvas(13, 3);
    const ctx = canvas.getContext('2d');
    ctx.fillRect(9, 0, 4, 1);
    ctx.fillRect(0, 1, 13, 1);
    ctx.globalAlpha = 0.4; // under half covered: paper
    ctx.fillRect(0, 2, 13, 1);
    const bitmap = toMono(canvas);
    expect([...bitmap.data]).toEqual([0x00, 0x78, 0xff, 0xf8, 0x00, 0x00]);
    inkRect(bitmap, 3, 2, 20, 5); // clipped to the paper
    expect([...bitmap.data.subarray(4)]).toEqual([0x1f, 0xf8]);
  });
});
