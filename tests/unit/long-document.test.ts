import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../shared/contract/index.js';
import { drawJob } from '../../electron/core/devices/printer/draw-job.js';
import { registerPrintFonts } from '../../electron/core/devices/printer/fonts.js';
import { rowBytes, type MonoBitmap } from '../../electron/core/devices/printer/mono-bitmap.js';
import { Sheet } from '../../electron/core/devices/printer/sheet.js';
import { defaultResourcesDir } from '../../electron/core/system/paths.js';
import { decodeEscPos } from '../support/escpos-decoder.js';
import { PRINTED_DOSSIER, printContext } from '../support/print-fixtures.js';
import { ocrVietnamese, savePng } from '../support/read-back.js';

/** The rows of a bitmap from `from` on. */
const rowsFrom = (b: MonoBitmap, from: number): MonoBitmap => ({ width: b.width, height: b.height - from, data: b.data.subarray(from * rowBytes(b.width)) });

/** The first and last rows with a black dot. */
function inkSpan(b: MonoBitmap): [number, number] {
  const stride = rowBytes(b.width);
  const inked = (row: number) => b.data.subarray(row * stride, (row + 1) * stride).some((byte) => byte !== 0);
  let first = 0;
  while (first < b.height && !inked(first)) first++;
  let last = b.height - 1;
  while (last > first && !inked(last)) last--;
  return [first, last];
}

const WORDS = 'Bản sao chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất';

/** A few kinds of line, accents and descenders close together: what a document is made of. */
function someLines(s: Sheet): MonoBitmap {
  s.text('THÀNH PHẦN HỒ SƠ — Giấy tờ kèm theo', { size: 22, bold: true });
  for (let i = 1; i <= 12; i++) {
    s.columns(
      [
        { text: `${i}. ${WORDS}`, fraction: 0.68 },
        { text: `Bản sao ×${i}`, fraction: 0.32, align: 'right' },
      ],
      { size: 22 },
    );
  }
  s.rule(true);
  s.pair('TỔNG CỘNG', '1.234.000 ₫', { size: 30, bold: true });
  return s.finish();
}

describe('a long printed document', () => {
  beforeAll(() => registerPrintFonts(defaultResourcesDir()));

  it('prints a receipt of a hundred documents to its totals and signatures', async () => {
    const dossier: DossierDetail = {
      ...PRINTED_DOSSIER,
      documents: Array.from({ length: 100 }, (_, i) => ({ seq: i + 1, name: `Giấy tờ số ${i + 1} có tên dài, xuống dòng trong cột của phiếu`, required: true, present: true, form: 'copy' as const, count: 1 })),
    };
    const { bytes } = drawJob({ recipe: { kind: 'receipt', ctx: printContext(576), mode: 'raster', codePage: 52, cut: true, drawer: false }, dossier, png: false });
    const printed = decodeEscPos(bytes);
    expect(printed.unknown).toEqual([]);
    const paper = printed.documents[0]!;
    // 100 documents of two lines each are over 5800 rows on their own.
    expect(paper.height).toBeGreaterThan(6000 + 1000);
    const end = inkSpan(paper)[1];
    expect(end, 'ink at the end of the paper, not a blank tail').toBeGreaterThan(paper.height - 80);
    // The end of the paper, read back as the clerk and the sender would read it.
    const text = await ocrVietnamese(savePng(rowsFrom(paper, paper.height - 1400), 'long-receipt-end'));
    expect(text).toMatch(/100\. Giấy tờ số 100/);
    expect(text).toMatch(/TỔNG CỘNG\s+160\.000/);
    expect(text).toContain('GIAO DỊCH VIÊN');
    expect(text).toContain('TRẦN THỊ LAN');
    expect(text).toContain('PHẠM THỊ NGỌC ÁNH');
  });

  it('prints the lines past the tallest canvas dot for dot as it prints them at the top', () => {
    const atTop = someLines(new Sheet(576));
    const below = new Sheet(576);
    // The lines start just above the tallest canvas and run past it, so it scrolls between them.
    const skipped = 5800;
    below.gap(skipped);
    const far = someLines(below);
    expect(far.height).toBe(atTop.height + skipped);
    expect(inkSpan(atTop)[1]).toBeGreaterThan(6000 - skipped);
    expect(Buffer.from(rowsFrom(far, skipped).data).equals(Buffer.from(atTop.data))).toBe(true);
  });

  it('prints every line of a cell that wraps many times, and the next row below it', () => {
    const tallCell = (s: Sheet) => {
      s.columns(
        [
          { text: `${WORDS} ${WORDS} ${WORDS} ${WORDS}`, fraction: 0.5 },
          { text: 'Bản chính ×1', fraction: 0.5, align: 'right' },
        ],
        { size: 22 },
      );
      s.text('Dòng tiếp theo', { size: 22, bold: true });
      return s.finish();
    };
    const atTop = tallCell(new Sheet(576));
    // The cell wraps to far more than the eight lines a row used to make room for.
    expect(atTop.height).toBeGreaterThan(8 + 20 * 29);
    // Drawn where the canvas a sheet starts with has room for eight lines only, it must not lose
    // a line or the next row.
    const below = new Sheet(576);
    const skipped = 2500;
    below.gap(skipped);
    const far = tallCell(below);
    expect(Buffer.from(rowsFrom(far, skipped).data).equals(Buffer.from(atTop.data))).toBe(true);
  });
});
