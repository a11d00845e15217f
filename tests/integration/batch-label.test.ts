import { describe, expect, it } from 'vitest';
import { layOut, type PrintContext } from '../../electron/core/devices/printer/documents.js';
import { Sheet } from '../../electron/core/devices/printer/sheet.js';
import { printContext } from '../support/print-fixtures.js';
import { ocrVietnamese, readBarcodes, savePng } from '../support/read-back.js';

const ctx = (widthDots: number): PrintContext =>
  printContext(widthDots, {
    clerk: { code: 'KS01', name: 'Lê Văn Kiểm' },
    terms: '',
    copyLabel: undefined,
    batch: { number: '100000-Q01-261128-01', agencyCode: '000.00.15.H12', agencyName: 'Sở Giao thông vận tải', items: 37, closedAt: '2026-11-28T03:15:00.000Z' },
  });

describe('the batch label', () => {
  it.each([576, 384])('carries the batch number as a Code 128 a scanner reads, and where the bag goes (%i dots)', async (width) => {
    const png = savePng(layOut('batch-label', null, ctx(width), new Sheet(width)), `batch-label-${width}`);
    expect(await readBarcodes(png)).toEqual(['CODE-128:100000-Q01-261128-01']);
    // OCR of 1-bit print drops a mark here and there: check the words a person checks by eye.
    const text = (await ocrVietnamese(png, 6)).replace(/\s+/g, ' ');
    expect(text).toContain('Giao thông');
    expect(text).toContain('Mã cơ quan: 000.00.15.H12');
    expect(text).toMatch(/lô: ?37\b/);
    expect(text).toContain('28/11/2026 10:15');
  });

  it('is not drawn without its batch', () => {
    const { batch: _, ...bare } = ctx(576);
    expect(() => layOut('batch-label', null, bare, new Sheet(576))).toThrow(/batch/);
  });
});
