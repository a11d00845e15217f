import { afterEach, describe, expect, it } from 'vitest';
import { checkS10 } from '../../shared/ids/s10.js';
import type { WireUpdate } from '../../shared/agency/wire.js';
import { checkRequest, checkResponse, checkSchema, loadContract } from '../../tools/agency-sim/openapi-check.js';
import { startAgencySim, type AgencySim } from '../../tools/agency-sim/server.js';
import { tempDir } from '../support/core-harness.js';
import { batch, startSim } from '../support/agency.js';

const doc = loadContract();
const sims: AgencySim[] = [];
afterEach(async () => {
  while (sims.length) await sims.pop()!.close();
});
const sim = async (opts: Parameters<typeof startSim>[0] = {}) => {
  const s = await startSim(opts);
  sims.push(s);
  return s;
};

/** A raw request, its answer checked against the OpenAPI document before it is returned. */
async function call(s: AgencySim, method: string, url: string, opts: { key?: string; body?: string; token?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? s.token}` };
  if (opts.key !== undefined) headers['idempotency-key'] = opts.key;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${s.url}${url}`, { method, headers, body: opts.body });
  const body = (await res.json()) as Record<string, unknown>;
  const resHeaders = Object.fromEntries(res.headers.entries());
  expect(checkResponse(doc, { method, url }, { status: res.status, headers: resHeaders, body }), `${method} ${url} → ${res.status}`).toEqual([]);
  return { status: res.status, body, headers: resHeaders };
}
const post = (s: AgencySim, b: unknown, key = (b as { MaLo: string }).MaLo, token?: string) =>
  call(s, 'POST', '/v1/batches', { key, body: JSON.stringify(b), token });

describe('agency simulator: the contract as answered', () => {
  it('records a batch once: 201, then 200 with the same receipt, 409 for other content under the key, GET 200/404', async () => {
    const s = await sim();
    const b = batch('L-A', 1, 3);
    const first = await post(s, b);
    expect(first.status).toBe(201);
    expect((first.body['KetQua'] as unknown[]).length).toBe(3);
    const again = await post(s, b);
    expect(again).toMatchObject({ status: 200, body: first.body });
    const other = await post(s, { ...b, MaQuay: 'Q02' });
    expect(other.status).toBe(409);
    expect((other.body['error'] as { code: string }).code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await call(s, 'GET', '/v1/batches/L-A')).toMatchObject({ status: 200, body: first.body });
    expect((await call(s, 'GET', '/v1/batches/L-NEVER')).status).toBe(404);
    expect(s.store.receivedCounts('100000')).toEqual(Object.fromEntries(b.HoSo.map((h) => [h.SoHieuBuuGui, { received: 1, accepted: 1 }])));
    // the same dossier in a new batch is refused, naming the batch that holds it
    const dup = await post(s, { ...batch('L-A2', 3, 2) });
    expect(dup.body['KetQua']).toEqual([
      { SoHieuBuuGui: b.HoSo[2]!.SoHieuBuuGui, TrangThai: 'REJECTED', LyDo: 'Hồ sơ đã được tiếp nhận trong lô L-A' },
      { SoHieuBuuGui: batch('x', 4, 1).HoSo[0]!.SoHieuBuuGui, TrangThai: 'ACCEPTED' },
    ]);
  });

  it('refuses what the contract refuses, with the error body', async () => {
    const s = await sim({ maxBodyBytes: 4000 });
    const b = batch('L-B', 10, 1);
    const code = (r: { body: Record<string, unknown> }) => (r.body['error'] as { code: string }).code;
    expect((await call(s, 'POST', '/v1/batches', { key: 'L-B', body: '{"MaLo":' })).status).toBe(400);
    expect(code(await post(s, b, 'OTHER-KEY'))).toBe('KEY_NOT_MALO');
    expect(code(await post(s, { ...b, SoLuong: 2 }))).toBe('COUNT_MISMATCH');
    expect(code(await post(s, { ...b, SoLuong: 2, HoSo: [b.HoSo[0], b.HoSo[0]] }))).toBe('DUPLICATE_ITEM');
    expect(code(await post(s, { ...b, ThoiGianTao: '2026-11-28 09:30' }))).toBe('INVALID_BODY');
    expect(code(await post(s, { ...b, HoSo: [{ ...b.HoSo[0], ChuHoSo: 'Nguyễn Văn Đức'.normalize('NFD') }] }))).toBe('NOT_NFC');
    expect((await call(s, 'POST', '/v1/batches', { body: JSON.stringify(b) })).status).toBe(400);
    expect((await post(s, b, 'L-B', 'wrong-token')).status).toBe(401);
    expect((await post(s, { ...b, MaBuuCuc: '700000' })).status).toBe(403);
    expect((await post(s, batch('L-BIG', 20, 10))).status).toBe(413);
    expect((await call(s, 'GET', '/v1/updates?limit=501')).status).toBe(400);
    // none of these recorded anything
    expect(s.store.batchCount('100000')).toBe(0);
  });

  it('answers injected 429 and 503 with Retry-After, as the document says', async () => {
    const s = await sim({ keepRequests: 2 });
    s.faults.add({ fault: { kind: 'status', status: 429, retryAfter: 7 } }, { fault: { kind: 'status', status: 503, retryAfter: 2 } });
    const busy = await post(s, batch('L-C', 30, 1));
    expect([busy.status, busy.headers['retry-after']]).toEqual([429, '7']);
    const down = await post(s, batch('L-C', 30, 1));
    expect([down.status, down.headers['retry-after']]).toEqual([503, '2']);
    expect((await post(s, batch('L-C', 30, 1))).status).toBe(201);
    expect(s.requests.map((r) => r.status)).toEqual([503, 201]); // a simulator left running keeps only the latest
  });

  it('keeps its records in its folder across a restart', async () => {
    const dir = tempDir('bcci-agency-');
    const first = await startAgencySim({ dir });
    const receipt = (await post(first, batch('L-D', 40, 2))).body;
    await first.close();
    const second = await sim({ dir });
    expect(await post(second, batch('L-D', 40, 2))).toMatchObject({ status: 200, body: receipt });
  });

  it('decides on a seeded schedule and serves the decisions by cursor, none twice, none skipped', async () => {
    const feed = async (seed: string) => {
      const s = await sim({ seed, schedule: { refuseShare: 0.2, supplementShare: 0.2 }, now: () => Date.parse('2026-11-28T02:30:00Z') });
      await post(s, batch('L-E1', 100, 120));
      await post(s, batch('L-E2', 300, 80));
      expect((await call(s, 'GET', '/v1/updates')).body).toEqual({ items: [], next: '0' });
      s.advance(3 * 3600_000);
      const all: WireUpdate[] = [];
      let after = '0';
      for (;;) {
        const page = (await call(s, 'GET', `/v1/updates?after=${after}&limit=37`)).body as { items: WireUpdate[]; next: string };
        all.push(...page.items);
        if (page.items.length === 0) break;
        after = page.next;
      }
      return all;
    };
    const a = await feed('seed-1');
    expect(await feed('seed-1')).toEqual(a);
    expect(await feed('seed-2')).not.toEqual(a);
    expect(a.map((u) => Number(u.Cursor))).toEqual(a.map((_, i) => i + 1));
    const by = (status: number) => a.filter((u) => u.TrangThaiHoSo === status);
    expect(by(2).length + by(3).length).toBe(200); // each item received or refused, once
    expect(by(3).length).toBeGreaterThan(20);
    expect(by(3).every((u) => u.NoiDung && !u.MaHoSo)).toBe(true);
    expect(by(2).every((u) => /^000\.00\.15\.H12-\d{6}-\d{4}$/.test(u.MaHoSo!) && /^\d{14}$/.test(u.NgayHenTra!))).toBe(true);
    expect(by(5).length).toBeGreaterThan(10);
    expect(by(5).every((u) => u.NoiDung)).toBe(true);
    expect(by(9).length).toBe(by(4).length);
    expect(by(9).every((u) => checkS10(u.SoHieuBuuGuiKetQua!).kind === 's10' && u.GiayToKetQua!.length > 0)).toBe(true);
  });

  it('records deliveries once per key', async () => {
    const s = await sim();
    const d = { SoHieuBuuGuiKetQua: 'RR123456785VN', MaHoSo: '000.00.15.H12-261128-0007', TrangThai: 'DELIVERED', ThoiGian: '20261206100000', LanPhat: 1,
      NguoiNhan: { HoTen: 'Nguyễn Văn Đức', SoDinhDanh: '001090123456', UyQuyen: false } };
    const send = (body: unknown) => call(s, 'POST', '/v1/deliveries', { key: 'EV-1', body: JSON.stringify(body) });
    expect((await send(d)).status).toBe(201);
    expect((await send(d)).status).toBe(200);
    expect((await send({ ...d, LanPhat: 2 })).status).toBe(409);
    expect((await call(s, 'POST', '/v1/deliveries', { key: 'EV-2', body: JSON.stringify({ ...d, TrangThai: 'LOST' }) })).status).toBe(400);
  });
});

describe('the OpenAPI checker', () => {
  it('finds what is wrong, so a passing check means something', () => {
    const schema = doc.components['schemas']!['Batch'] as Record<string, unknown>;
    const good = batch('L-F', 1, 1);
    expect(checkSchema(doc, schema, good)).toEqual([]);
    expect(checkSchema(doc, schema, { ...good, SoLuong: 0, Extra: 1, HoSo: [{ ...good.HoSo[0], CuocBuuChinh: 1.5 }] })).toEqual([
      '$.SoLuong: below 1',
      '$.HoSo[0].CuocBuuChinh: expected integer, got number',
      '$.Extra: not in the contract',
    ]);
    expect(checkRequest(doc, { method: 'POST', url: '/v1/batches', headers: {}, body: good })).toEqual([
      'Authorization: a Bearer token is required',
      'header Idempotency-Key: required',
    ]);
    expect(checkResponse(doc, { method: 'GET', url: '/v1/batches/x' }, { status: 409, headers: {}, body: {} })).toEqual([
      'status 409: not an answer of GET /v1/batches/{MaLo}',
    ]);
    expect(checkResponse(doc, { method: 'POST', url: '/v1/batches' }, { status: 429, headers: {}, body: { error: { code: 'X', message: '' } } })).toEqual([
      'header Retry-After: required',
    ]);
  });
});
