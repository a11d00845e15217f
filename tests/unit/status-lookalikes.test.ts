import { describe, expect, it } from 'vitest';
import { clearStatusLookalikes, rasterBands } from '../../electron/core/devices/printer/escpos.js';
import { STATUS_REQUESTS, answersExpected, statusProblem } from '../../electron/core/devices/printer/transports/printer-status.js';

describe('real-time status requests', () => {
  it('a picture never carries a byte run a printer would answer as a status request', () => {
    // One row of 576 dots holding 10 04 02 and 10 04 04: dots a printer would take for DLE EOT.
    const data = new Uint8Array(72);
    data.set([0x10, 0x04, 0x02], 10);
    data.set([0x10, 0x04, 0x04], 40);
    const bitmap = { width: 576, height: 1, data };
    expect(answersExpected(rasterBands(bitmap))).toBe(2);
    expect(clearStatusLookalikes(bitmap)).toBe(2);
    expect(answersExpected(Buffer.concat([rasterBands(bitmap), STATUS_REQUESTS]))).toBe(2);
    // Only the single middle dot goes.
    expect([...data.subarray(10, 13), ...data.subarray(40, 43)]).toEqual([0x10, 0x00, 0x02, 0x10, 0x00, 0x04]);
  });

  it('reads paper out, cover open and errors from the answer bits, and a healthy printer as fine', () => {
    expect(statusProblem(0x12, 0x12, 'p')).toBeNull();
    expect(statusProblem(0x12, 0x72, 'p')?.code).toBe('PRINTER_PAPER_OUT');
    expect(statusProblem(0x32, 0x12, 'p')?.code).toBe('PRINTER_PAPER_OUT');
    expect(statusProblem(0x16, 0x12, 'p')?.code).toBe('PRINTER_COVER_OPEN');
    expect(statusProblem(0x52, 0x12, 'p')?.code).toBe('PRINTER_ERROR');
    expect(statusProblem(0xff, 0x12, 'p')?.code).toBe('PRINTER_STATUS_GARBLED');
  });
});
