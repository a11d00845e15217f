import { describe, expect, it } from 'vitest';
import type { WireBatch } from '../../shared/agency/wire.js';
import { encodeBatch, splitBatch } from '../../electron/core/agency/wire-body.js';
import { backoffMs, DEFAULT_RETRY_POLICY, retryAfterMs } from '../../electron/core/agency/retry-policy.js';
import { batch } from '../support/agency.js';

describe('retry policy', () => {
  it('doubles from 1 s to a 5 min cap, with half of each delay jittered', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([0, 1, 2, 3].map((r) => backoffMs(p, r, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((r) => backoffMs(p, r, () => 0.999999))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(p, 40, () => 0.999999)).toBe(300_000);
    expect(backoffMs(p, 40, () => 0)).toBe(150_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-28T03:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sat, 28 Nov 2026 03:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('batch on the wire', () => {
  it('is the same bytes however the batch was built: contract field order, NFC strings', () => {
    const b = batch('L-1', 1, 2);
    const shuffled = JSON.parse(JSON.stringify(b, Object.keys(b).reverse())) as WireBatch;
    const reordered: WireBatch = {
      ...shuffled,
      HoSo: b.HoSo.map((h) => ({ ...Object.fromEntries(Object.entries(h).reverse()), ChuHoSo: h.ChuHoSo.normalize('NFD') }) as typeof h),
    };
    expect(reordered.HoSo[0]!.ChuHoSo).not.toBe(b.HoSo[0]!.ChuHoSo);
    expect(encodeBatch(reordered)).toBe(encodeBatch(b));
    expect(Object.keys(JSON.parse(encodeBatch(reordered)) as object)).toEqual(['MaLo', 'MaBuuCuc', 'MaQuay', 'MaCoQuan', 'ThoiGianTao', 'SoLuong', 'HoSo']);
  });

  it('splits into halves whose keys derive from the parent’s', () => {
    const [a, b] = splitBatch(batch('L-2', 1, 5));
    expect([a.MaLo, a.SoLuong, a.HoSo.length, b.MaLo, b.SoLuong, b.HoSo.length]).toEqual(['L-2-1', 3, 3, 'L-2-2', 2, 2]);
    expect(splitBatch(a)[1].MaLo).toBe('L-2-1-2');
  });
});

describe('split keys stay within the contract', () => {
  it('a long batch number split down to single dossiers keeps every key at most 64 characters, distinct and the same every time', () => {
    const longNumber = `${'9'.repeat(20)}-${'Q'.repeat(20)}-261128-01`;
    const keys = (b: WireBatch): string[] => (b.HoSo.length === 1 ? [b.MaLo] : [b.MaLo, ...splitBatch(b).flatMap(keys)]);
    const all = keys(batch(longNumber, 1, 500));
    expect(all).toHaveLength(999);
    expect(Math.max(...all.map((k) => k.length))).toBeLessThanOrEqual(64);
    expect(new Set(all).size).toBe(all.length);
    expect(keys(batch(longNumber, 1, 500))).toEqual(all);
    // Short numbers keep the readable form.
    expect(splitBatch(batch('L-3', 1, 4)).map((b) => b.MaLo)).toEqual(['L-3-1', 'L-3-2']);
  });
});
