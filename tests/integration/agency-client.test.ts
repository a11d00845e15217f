import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireUpdate } from '../../shared/agency/wire.js';
import { AgencyHttp, type SentRequest } from '../../electron/core/agency/http-client.js';
import { drainUpdates, fetchUpdates } from '../../electron/core/agency/fetch-updates.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/agency/retry-policy.js';
import { reportDelivery } from '../../electron/core/agency/report-delivery.js';
import { uploadBatch, type UploadOptions } from '../../electron/core/agency/upload-batch.js';
import type { WireDelivery } from '../../shared/agency/wire.js';
import { checkRequest, checkResponse, loadContract } from '../../tools/agency-sim/openapi-check.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import type { SimOptions } from '../../tools/agency-sim/server.js';
import { batch, certificate, openHttp, recordingClock, startSim } from '../support/agency.js';
import { skipWithout } from '../support/prerequisites.js';

const doc = loadContract();
const open: { close(): unknown }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A simulator and a client to it; every request the client sends is checked against the document. */
async function setUp(opts: Partial<SimOptions> = {}, timeoutMs = 5000, checkRequests = true) {
  const sim = await startSim(opts);
  open.push(sim);
  const http = openHttp(sim, timeoutMs);
  open.push(http);
  const sent: SentRequest[] = [];
  http.onRequest = (r) => {
    sent.push(r);
    if (!checkRequests) return;
    const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(checkRequest(doc, { method: r.method, url: r.path, headers, body: r.body === undefined ? undefined : JSON.parse(r.body) }), `${r.method} ${r.path}`).toEqual([]);
  };
  const clock = recordingClock();
  const options: UploadOptions = { clock, random: () => 0.5 };
  return { sim, http, sent, clock, options };
}

/** What the server saw: each POST's key and body hash, in order; and each item's count. */
const posts = (sim: AgencySim) =>
  sim.requests.filter((r) => r.method === 'POST').map((r) => ({ key: r.headers['idempotency-key'], sha: createHash('sha256').update(r.body).digest('hex') }));
const exactlyOnce = (sim: AgencySim, items: string[]) =>
  expect(sim.store.receivedCounts('100000')).toEqual(Object.fromEntries(items.map((i) => [i, { received: 1, accepted: 1 }])));
/** Every answer the simulator gave (not dropped) is one the document allows. */
function answersFollowDocument(sim: AgencySim) {
  for (const r of sim.requests) {
    if (r.answer) expect(checkResponse(doc, r, { status: r.status as number, ...r.answer }), `${r.method} ${r.url} → ${r.status}`).toEqual([]);
  }
}
const itemsOf = (b: { HoSo: { SoHieuBuuGui: string }[] }) => b.HoSo.map((h) => h.SoHieuBuuGui);
/** Backoff with random() = 0.5: three quarters of 1 s, 2 s, 4 s … */
const backoff = (retry: number) => Math.round(0.75 * DEFAULT_RETRY_POLICY.baseMs * 2 ** retry);

describe('agency client: one batch, exactly once', () => {
  it('delivers a batch and reports each item accepted or rejected with the agency’s reason; answers follow the document', async () => {
    const { sim, http, options } = await setUp({ rejectProcedures: ['9.999999'] });
    const b = batch('L-01', 1, 3);
    b.HoSo[1]!.MaTTHC = '9.999999';
    const out = await uploadBatch(http, b, options);
    expect(out.state).toBe('delivered');
    expect(out.items.map((i) => [i.item, i.result])).toEqual([
      [b.HoSo[0]!.SoHieuBuuGui, 'accepted'],
      [b.HoSo[1]!.SoHieuBuuGui, 'rejected'],
      [b.HoSo[2]!.SoHieuBuuGui, 'accepted'],
    ]);
    expect(out.items[1]!.reason).toContain('9.999999');
    answersFollowDocument(sim);
  });

  it('a 5xx is retried with backoff, the same key and byte-identical body, after asking whether the batch landed', async () => {
    const { sim, http, clock, options } = await setUp();
    sim.faults.add({ fault: { kind: 'status', status: 500 }, method: 'POST', times: 2 });
    const b = batch('L-02', 10, 4);
    const out = await uploadBatch(http, b, options);
    expect(out.state).toBe('delivered');
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 500', 'GET 404', 'POST 500', 'GET 404', 'POST 201']);
    expect(new Set(posts(sim).map((p) => `${p.key} ${p.sha}`)).size).toBe(1);
    expect(clock.sleeps).toEqual([backoff(0), backoff(1)]);
    exactlyOnce(sim, itemsOf(b));
  });

  it('429 and 503 wait the Retry-After the server gave', async () => {
    const { sim, http, clock, options } = await setUp();
    sim.faults.add({ fault: { kind: 'status', status: 429, retryAfter: 7 } }, { fault: { kind: 'status', status: 503, retryAfter: 3 } });
    const out = await uploadBatch(http, batch('L-03', 20, 2), options);
    expect(out.state).toBe('delivered');
    expect(clock.sleeps).toEqual([7000, 3000]);
  });

  it('a wait longer than a run allows ends the run queued, with the time to come back', async () => {
    const { sim, http, options } = await setUp();
    sim.faults.add({ fault: { kind: 'status', status: 429, retryAfter: 600 } });
    const before = Date.now();
    const out = await uploadBatch(http, batch('L-04', 30, 2), options);
    expect(out).toMatchObject({ state: 'queued', problem: { code: 'AGENCY_BUSY', permanent: false } });
    if (out.state !== 'queued') return;
    expect(out.retryAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(out.problem.text.vi).toContain('Máy chủ cơ quan đang bận');
    expect(sim.requests.length).toBe(1);
  });

  it.each([
    ['before the server commits: settled by GET (404), sent again', 'drop-before-commit', ['POST dropped', 'GET 404', 'POST 201']],
    ['after the server commits (answer lost): settled by GET (200), never sent again', 'drop-after-commit', ['POST dropped', 'GET 200']],
  ] as const)('connection dropped %s; recorded once', async (_, kind, seen) => {
    const { sim, http, options } = await setUp();
    sim.faults.add({ fault: { kind }, method: 'POST' });
    const b = batch('L-05', 40, 5);
    const out = await uploadBatch(http, b, options);
    expect(out.state).toBe('delivered');
    expect(out.items.every((i) => i.result === 'accepted')).toBe(true);
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(seen);
    expect(new Set(posts(sim).map((p) => `${p.key} ${p.sha}`)).size).toBe(1);
    exactlyOnce(sim, itemsOf(b));
  });

  it('a slow server past the client’s timeout: the batch lands once although two POSTs were in flight', async () => {
    const { sim, http, options } = await setUp({}, 300);
    sim.faults.add({ fault: { kind: 'latency', ms: 900 }, method: 'POST' });
    const b = batch('L-07', 60, 5);
    const out = await uploadBatch(http, b, options);
    expect(out.state).toBe('delivered');
    await new Promise((r) => setTimeout(r, 900)); // the slow first POST finishes on the server
    // in order of arrival: the slow first POST ends as a replay of the second's record
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'GET 404', 'POST 201']);
    answersFollowDocument(sim);
    exactlyOnce(sim, itemsOf(b));
  });

  it('413 splits the batch into halves with derived keys until each fits; every item lands once', async () => {
    const { sim, http, options } = await setUp({ maxBodyBytes: 3000 });
    const b = batch('L-08', 70, 9);
    const progress: string[] = [];
    const out = await uploadBatch(http, b, { ...options, onProgress: (p) => progress.push(`${p.part} ${p.itemsDelivered}/${p.itemsTotal}`) });
    expect(progress).toEqual(['L-08 0/9', 'L-08-1 0/9', 'L-08-1-1 0/9', 'L-08-1-2 3/9', 'L-08-2 5/9']);
    expect(out.state).toBe('delivered');
    // 9 dossiers do not fit, nor 5; 3 and 4 do
    expect(out.receipts.map((r) => r.MaLo)).toEqual(['L-08-1-1', 'L-08-1-2', 'L-08-2']);
    answersFollowDocument(sim);
    expect(out.items.map((i) => i.item)).toEqual(itemsOf(b));
    exactlyOnce(sim, itemsOf(b));
    // a run after a crash splits the same way and resends the same keys and bytes: replays, nothing new
    const first = posts(sim);
    await uploadBatch(http, b, options);
    expect(posts(sim).slice(first.length)).toEqual(first);
    exactlyOnce(sim, itemsOf(b));
  });

  it('413 on a single dossier needs attention: it cannot be split further', async () => {
    const { http, options } = await setUp({ maxBodyBytes: 500 });
    const out = await uploadBatch(http, batch('L-09', 80, 2), options);
    expect(out).toMatchObject({ state: 'needs-attention', problem: { code: 'AGENCY_ITEM_TOO_LARGE', permanent: true, status: 413 } });
  });

  it.each([
    ['409 (the key used for other content)', 'AGENCY_KEY_CONFLICT', 409],
    ['400 (a malformed envelope)', 'AGENCY_BAD_REQUEST', 400],
    ['401 (a token the server does not know)', 'AGENCY_UNAUTHORIZED', 401],
    ['403 (a token for another post office)', 'AGENCY_FORBIDDEN', 403],
  ] as const)('%s stops at once with words for a person, never resent', async (_, code, status) => {
    const { sim, http, options } = await setUp({}, 5000, status !== 400);
    const b = batch('L-10', 90, 2);
    let client = http;
    if (status === 409) await uploadBatch(http, { ...b, MaQuay: 'Q09' }, options);
    if (status === 401) client = openHttp(sim, 5000, 'not-a-token');
    if (status === 401) open.push(client);
    const sent = status === 400 ? { ...b, ThoiGianTao: '28/11/2026' } : status === 403 ? { ...b, MaBuuCuc: '700000' } : b;
    const before = sim.requests.length;
    const out = await uploadBatch(client, sent, options);
    expect(out).toMatchObject({ state: 'needs-attention', problem: { code, status, permanent: true } });
    if (out.state !== 'needs-attention') return;
    expect(out.problem.text.vi).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/);
    expect(out.problem.text.en.length).toBeGreaterThan(40);
    expect(sim.requests.length - before).toBe(1);
    answersFollowDocument(sim);
  });

  it('an address that is not https (outside this machine) is refused before anything is sent', () => {
    const bad = AgencyHttp.open({ url: 'http://agency.example.gov.vn', token: 't' }, 1000);
    expect(bad).toMatchObject({ code: 'AGENCY_URL_INVALID', permanent: true });
    expect(AgencyHttp.open({ url: 'https://agency.example.gov.vn', token: 't' }, 1000)).toBeInstanceOf(AgencyHttp);
  });

  it('a server down for a whole run leaves the batch queued; the next run asks before resending and delivers once', async () => {
    const { sim, http, options } = await setUp();
    sim.faults.add({ fault: { kind: 'drop-after-commit' }, method: 'POST' }, { fault: { kind: 'status', status: 502 }, times: 100 });
    const b = batch('L-11', 100, 3);
    const first = await uploadBatch(http, b, options);
    expect(first).toMatchObject({ state: 'queued', problem: { code: 'AGENCY_SERVER_ERROR' }, resume: { unsettled: ['L-11'] } });
    if (first.state !== 'queued') return;
    expect(sim.requests.length).toBe(DEFAULT_RETRY_POLICY.attemptsPerRun);
    sim.faults.clear();
    const before = sim.requests.length;
    const second = await uploadBatch(http, b, { ...options, resume: first.resume });
    expect(second.state).toBe('delivered');
    expect(sim.requests.slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200']);
    exactlyOnce(sim, itemsOf(b));
  });

  it('many batches under random faults: every dossier lands exactly once', async () => {
    const { sim, http, options } = await setUp({}, 400);
    const kinds = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503, retryAfter: 0 },
      { kind: 'status', status: 429, retryAfter: 0 },
      { kind: 'drop-before-commit' },
      { kind: 'drop-after-commit' },
      { kind: 'latency', ms: 600 },
    ] as const;
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const all: string[] = [];
    for (let i = 0; i < 30; i++) {
      for (let f = 0; f < 3; f++) sim.faults.add({ fault: kinds[Math.floor(next() * kinds.length)]! });
      const b = batch(`L-R${i}`, 1000 + i * 10, 1 + (i % 7));
      all.push(...itemsOf(b));
      let out = await uploadBatch(http, b, options);
      while (out.state === 'queued') out = await uploadBatch(http, b, { ...options, resume: out.resume });
      expect(out.state).toBe('delivered');
      sim.faults.clear();
    }
    await new Promise((r) => setTimeout(r, 700));
    exactlyOnce(sim, all);
    answersFollowDocument(sim);
  });
});

describe('agency client: the updates feed', () => {
  it('pages by cursor; a crash before a page is stored repeats that page, never skips or doubles one', async () => {
    const { sim, http, options } = await setUp({ now: () => Date.parse('2026-11-28T02:30:00Z') });
    await uploadBatch(http, batch('L-20', 200, 40), options);
    expect(await fetchUpdates(http, undefined)).toEqual({ ok: true, updates: [], next: '0' });
    sim.advance(4 * 3600_000);

    // the local store: the applied updates and the cursor, written together
    const applied: WireUpdate[] = [];
    let stored: string | undefined;
    let pages = 0;
    const crashOnThirdPage = (updates: WireUpdate[], next: string) => {
      if (++pages === 3) throw new Error('power cut');
      applied.push(...updates);
      stored = next;
    };
    await expect(drainUpdates(http, stored, crashOnThirdPage, 13)).rejects.toThrow('power cut');
    expect(applied.length).toBe(26);
    const end = await drainUpdates(http, stored, (u, next) => void (applied.push(...u), (stored = next)), 13);
    expect(end.problem).toBeUndefined();

    const everything = await fetchUpdates(http, undefined, 500);
    if (!everything.ok) throw new Error(everything.problem.text.en);
    expect(applied).toEqual(everything.updates);
    expect(stored).toBe(everything.next);
    expect(new Set(applied.filter((u) => u.TrangThaiHoSo === 2 || u.TrangThaiHoSo === 3).map((u) => u.SoHieuBuuGui)).size).toBe(40);
    for (const r of sim.requests.filter((x) => x.method === 'GET')) {
      expect(checkRequest(doc, { method: 'GET', url: r.url, headers: r.headers })).toEqual([]);
    }
  });

  it('a busy server hands back its Retry-After; a bad token is a permanent problem', async () => {
    const { sim, http } = await setUp();
    sim.faults.add({ fault: { kind: 'status', status: 429, retryAfter: 30 } });
    expect(await fetchUpdates(http, '0')).toMatchObject({ ok: false, retryAfterMs: 30_000, problem: { permanent: false } });
    const stranger = openHttp(sim, 1000, 'nope');
    open.push(stranger);
    expect(await fetchUpdates(stranger, '0')).toMatchObject({ ok: false, problem: { code: 'AGENCY_UNAUTHORIZED', permanent: true } });
  });
});

describe('agency client: delivery reports', () => {
  const delivery: WireDelivery = {
    SoHieuBuuGuiKetQua: 'RR123456785VN',
    MaHoSo: '000.00.15.H12-261128-0007',
    TrangThai: 'DELIVERED',
    ThoiGian: '20261206100000',
    LanPhat: 1,
    NguoiNhan: { HoTen: 'Nguyễn Văn Đức', SoDinhDanh: '001090123456', UyQuyen: false },
  };

  it('an answer lost after the server recorded it: the same event sent again is a replay, recorded once', async () => {
    const { sim, http, options } = await setUp();
    sim.faults.add({ fault: { kind: 'drop-after-commit' }, method: 'POST' });
    expect(await reportDelivery(http, 'EV-1', delivery, options)).toEqual({ state: 'delivered', replayed: true });
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST dropped', 'POST 200']);
    expect(new Set(posts(sim).map((p) => `${p.key} ${p.sha}`)).size).toBe(1);
    expect(sim.store.write('100000', 'delivery', 'EV-1')).toBeDefined();
    answersFollowDocument(sim);
  });

  it('the event id reused for another report stops with a conflict', async () => {
    const { http, options } = await setUp();
    await reportDelivery(http, 'EV-2', delivery, options);
    expect(await reportDelivery(http, 'EV-2', { ...delivery, LanPhat: 2 }, options)).toMatchObject({
      state: 'needs-attention',
      problem: { code: 'AGENCY_KEY_CONFLICT', permanent: true },
    });
  });
});

describe.skipIf(skipWithout('openssl'))('agency client over HTTPS', () => {
  it('delivers to a server whose authority is configured, and names an untrusted certificate instead of “network down”', async () => {
    const tls = certificate();
    const sim = await startSim({ tls });
    open.push(sim);
    expect(sim.url).toMatch(/^https:/);
    const trusting = AgencyHttp.open({ url: sim.url, token: sim.token, ca: tls.cert }, 5000) as AgencyHttp;
    const wary = AgencyHttp.open({ url: sim.url, token: sim.token }, 5000) as AgencyHttp;
    open.push(trusting, wary);
    const options = { clock: recordingClock(), policy: { ...DEFAULT_RETRY_POLICY, attemptsPerRun: 2 } };

    const refused = await uploadBatch(wary, batch('L-30', 500, 2), options);
    expect(refused).toMatchObject({ state: 'queued', problem: { code: 'AGENCY_TLS_UNTRUSTED', permanent: false } });
    expect(sim.requests).toEqual([]);

    expect((await uploadBatch(trusting, batch('L-30', 500, 2), options)).state).toBe('delivered');
    expect(await fetchUpdates(trusting, undefined)).toMatchObject({ ok: true });
  });
});
