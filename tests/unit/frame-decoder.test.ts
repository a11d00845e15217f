import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameDecoder } from '../../electron/core/devices/scanner/frame-decoder.js';

const CARD = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';
const bytes = (s: string) => new TextEncoder().encode(s);

describe('serial frame decoding', () => {
  it('keeps a Vietnamese letter split across two chunks whole', () => {
    const all = bytes(`${CARD}\r`);
    const split = all.indexOf(0xe1); // first byte of a 3-byte letter
    const d = new FrameDecoder('CR');
    expect(d.push(all.subarray(0, split + 1))).toEqual([]);
    expect(d.push(all.subarray(split + 1))).toEqual([{ kind: 'frame', text: CARD }]);
  });

  it('decodes any chunking of a stream of frames to the same frames', () => {
    const stream = bytes(`EL471108151VN\r\n${CARD}\r\n000.00.15.H12-261128-0007\r\n`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
        const d = new FrameDecoder('CRLF');
        const points = [0, ...new Set(cuts)].sort((a, b) => a - b).concat(stream.length);
        const frames = points.slice(1).flatMap((end, i) => d.push(stream.subarray(points[i]!, end)));
        expect(frames.map((f) => (f.kind === 'frame' ? f.text : f.kind))).toEqual(['EL471108151VN', CARD, '000.00.15.H12-261128-0007']);
      }),
    );
  });

  it('takes CR, LF or CR+LF with the "any" suffix and skips empty frames', () => {
    const d = new FrameDecoder('any');
    expect(d.push(bytes('A1234\rB5678\nC9012\r\n\r\n'))).toEqual([
      { kind: 'frame', text: 'A1234' },
      { kind: 'frame', text: 'B5678' },
      { kind: 'frame', text: 'C9012' },
    ]);
  });

  it('normalises decomposed text to NFC', () => {
    const d = new FrameDecoder('CR');
    const [f] = d.push(bytes(`${CARD.normalize('NFD')}\r`));
    expect(f).toEqual({ kind: 'frame', text: CARD });
  });

  it('reports wrong-baud garbage as noise, not as a scan', () => {
    const d = new FrameDecoder('CR');
    expect(d.push(Uint8Array.from([0xff, 0xfe, 0x80, 0x01, 0x02, 0x93, 0x0d]))).toEqual([{ kind: 'noise', bytes: expect.any(Number) }]);
    expect(d.push(bytes('EL471108151VN\r'))).toEqual([{ kind: 'frame', text: 'EL471108151VN' }]);
  });

  it('drops an over-long frame once and recovers at the next suffix', () => {
    const d = new FrameDecoder('CR', 64);
    expect(d.push(bytes('x'.repeat(100)))).toEqual([{ kind: 'overlong', length: 100 }]);
    expect(d.push(bytes('y'.repeat(100)))).toEqual([]);
    expect(d.push(bytes('tail\rEL471108151VN\r'))).toEqual([{ kind: 'frame', text: 'EL471108151VN' }]);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), fc.constantFrom('CR', 'LF', 'CRLF', 'any' as const), (chunks, suffix) => {
        const d = new FrameDecoder(suffix, 128);
        for (const c of chunks) d.push(c);
      }),
    );
  });
});
