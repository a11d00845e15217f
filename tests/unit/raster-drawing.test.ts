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
import { PRINTED_DOSSIER, printContext as context } from '../support/print-fixtures.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

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
    'receipt 576': 'a8588c10df8c08269d3907c2c3504e9b45537535928edc0fe4de045779f65c8f',
    'receipt 384': '5ac3aa345ec3779e57bffd5bc5b0c245630ddc8a820d44cf8f5bb6944248f5a6',
    'receipt with forty documents': '641714f7736791d993ad790ca338a3d3e848e367e673499f12f8eea5f64dbc97',
    'receipt of an organisation, with its bearer': '41166d684b12767d6183402cfc60f9585374a33913a1e5099643dc1694f1c2ca',
    'receipt in training': 'ef7d085cea04bbdb890f4bdf9a05fbdc024c06f26a745191ad9b2c84fe66131f',
    'reprint after a correction': '6beb7d695d4f75b849eecec3b868ff33d4126af224968c507fcf3b59712b1ad8',
    'label 576': '701c0010d8040306b0f2cd112f5f463e06ae9c8378d3abef418e6b01d2793aee',
    'guidance slip 384': 'ce303a87175b5f3796dfa1d2c499f2fd1afa149f17519843ad27366cd3bc6dc3',
    'test page 384': '707dd719dd89bd7e41da1f31e3e9733a6e7822e341452d785dadf4f270129d41',
    'batch label 576': '40cfb3561da24e1af5e3fa6e50c71846ecced79ebcc4a8fa622b81f75a753878',
    'receipt as CP1258 text': '1b3f9e59bbe92d23cb19201435361a3e61fb9fb7cf16088a29de4f797755f7f2',
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
