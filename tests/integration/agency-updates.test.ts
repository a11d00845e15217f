import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENCY_STATUS, type WireUpdate } from '../../shared/agency/wire.js';
import { fromCompactDateTime } from '../../shared/format/vn-time.js';
import { drainUpdates } from '../../electron/core/agency/fetch-updates.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/agency/retry-policy.js';
import { uploadBatch } from '../../electron/core/agency/upload-batch.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { batch as wireBatch, configureAgency, openHttp, recordingClock, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { startCore, type Harness } from '../support/core-harness.js';
import { rowOf, rowsOf } from '../support/raw-sql.js';
import { exitOf, startServeProcess } from '../support/serve-process.js';
import { onOfficeServer } from '../support/suite-postgres.js';

const open: { stop?(): unknown; close?(): unknown }[] = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await (o.stop ? o.stop() : o.close?.());
  }
});

const HOUR = 3600_000;
/** Every fate soon after the batch lands: received or refused, then supplement or processing, then a result. */
const SCHEDULE = { receiveAfterMs: 60_000, decideAfterMs: 60_000, resultAfterMs: 3 * 60_000, refuseShare: 0.25, supplementShare: 0.5 };

async function counter(sim: AgencySim, dataDir?: string): Promise<Harness> {
  const h = await startCore({ dataDir, agencyClock: recordingClock(), agencyPolicy: DEFAULT_RETRY_POLICY, outboxIdleMs: 20, updatesIntervalMs: 50 });
  open.push(h);
  if (!dataDir) await configureAgency(h.client, sim);
  return h;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** `n` dossiers taken in, batched, closed, delivered to `sim`; handed over unless told not to. */
async function delivered(h: Harness, n: number, handOver = true) {
  const items = [];
  for (let i = 0; i < n; i++) items.push(await takeIn(h.client));
  const b = await h.client.batches.create({ agencyCode: BUILDING });
  await h.client.batches.addByPick({ batchId: b.id, dossierIds: items.map((d) => d.id) });
  await h.client.batches.close({ batchId: b.id });
  await until('the upload', async () => (await h.client.batches.get({ batchId: b.id })).upload?.state === 'delivered');
  if (handOver) await handOverBatch(h, b.id);
  return { batchId: b.id, items };
}

async function handOverBatch(h: Harness, batchId: number) {
  const signedAt = new Date(h.clock.now.getTime() + 30 * 60_000);
  await h.setClock(new Date(h.clock.now.getTime() + HOUR));
  await h.client.batches.recordHandover({ batchId, signedAt: signedAt.toISOString(), officerName: 'Phạm Thị Nhận' });
}

/** The whole feed as the server has it now, read with a client of its own. */
async function feed(sim: AgencySim): Promise<WireUpdate[]> {
  const all: WireUpdate[] = [];
  await drainUpdates(openHttp(sim), undefined, (page) => void all.push(...page));
  return all;
}

const cursorOf = async (h: Harness) => (await rowOf<{ cursor: string }>(h, 'SELECT cursor FROM agency_cursors'))?.cursor;
const heldRows = (h: Harness) => rowsOf<{ item_number: string; cursor: string; problem_code: string; problem_vi: string }>(h, "SELECT item_number, cursor, problem_code, problem_vi FROM agency_updates WHERE state = 'held' ORDER BY id");
const agencyEvents = async (h: Harness, id: number) =>
  (await rowsOf<{ type: string; data: string }>(h, "SELECT type, data FROM dossier_events WHERE dossier_id = ? AND type NOT IN ('accepted', 'batched', 'handed-over') ORDER BY id", id)).map((e) => ({ type: e.type, data: JSON.parse(e.data) as unknown }));
const updateCount = (h: Harness) => rowOf<{ n: number }>(h, 'SELECT count(*) AS n FROM agency_updates');

/** What the counter must have recorded for one update of the feed. */
function expectedEvent(u: WireUpdate) {
  switch (u.TrangThaiHoSo) {
    case AGENCY_STATUS.received:
      return { type: 'received-by-agency', data: { agencyDossierCode: u.MaHoSo, appointmentDate: fromCompactDateTime(u.NgayHenTra!) } };
    case AGENCY_STATUS.refused:
      return { type: 'refused', data: { reason: u.NoiDung } };
    case AGENCY_STATUS.supplementRequested:
      return { type: 'supplement-requested', data: { missing: u.NoiDung } };
    case AGENCY_STATUS.processing:
      return { type: 'processing', data: {} };
    case AGENCY_STATUS.resultReady:
      return { type: 'result-ready', data: { returnItemNumber: u.SoHieuBuuGuiKetQua, resultDocuments: u.GiayToKetQua } };
    default:
      throw new Error(`the simulator does not send ${u.TrangThaiHoSo}`);
  }
}

describe('the agencies’ decisions come back by themselves', () => {
  it('applies every update of the feed once, through the lifecycle, with the contract’s data, and stores the cursor', async () => {
    const sim = await startSim({ schedule: SCHEDULE });
    open.push(sim);
    const h = await counter(sim);
    const { items } = await delivered(h, 12);
    sim.advance(HOUR);
    const all = await feed(sim);
    // The seed gives this batch every kind of decision the simulator makes.
    expect(new Set(all.map((u) => u.TrangThaiHoSo))).toEqual(new Set([2, 3, 4, 5, 9]));

    await until('the last cursor', async () => (await cursorOf(h)) === all.at(-1)!.Cursor);
    expect(await heldRows(h)).toEqual([]);
    for (const d of items) {
      const mine = all.filter((u) => u.SoHieuBuuGui === d.item);
      expect(await agencyEvents(h, d.id)).toEqual(mine.map(expectedEvent));
      const last = mine.at(-1)!;
      const dossier = await h.client.dossiers.get({ id: d.id });
      expect(dossier.status).toBe(expectedEvent(last).type);
      // The agency's dossier code finds the dossier from then on.
      if (mine[0]!.MaHoSo) expect(await h.client.dossiers.findByCode({ code: mine[0]!.MaHoSo })).toEqual({ id: d.id });
    }
    // Refusals and supplement requests wait in "Cần xử lý" with the agency's words.
    const lastOf = (item: string) => all.filter((u) => u.SoHieuBuuGui === item).at(-1)!;
    const decided = items.filter((d) => [3, 5].includes(lastOf(d.item).TrangThaiHoSo));
    const attention = await h.client.exchange.attention();
    expect(attention.map((a) => [a.kind, a.dossierId, a.detail.vi]).sort()).toEqual(
      decided.map((d) => [lastOf(d.item).TrangThaiHoSo === 3 ? 'refused' : 'supplement-requested', d.id, lastOf(d.item).NoiDung]).sort(),
    );
    expect(await h.client.exchange.status()).toMatchObject({ uploadsWaiting: 0, agencyServer: 'reachable', problem: null, attention: decided.length });
    // Polling on asks only for what is newer.
    const asked = sim.requests.filter((r) => r.url.startsWith('/v1/updates')).length;
    await new Promise((r) => setTimeout(r, 300));
    const later = sim.requests.filter((r) => r.url.startsWith('/v1/updates')).slice(asked);
    expect(later.length).toBeGreaterThan(0);
    for (const r of later) expect(r.url).toContain(`after=${all.at(-1)!.Cursor}`);
  });

  it('holds an update the lifecycle refuses (before the handover is recorded), shows why, and applies it once the handover is', async () => {
    const sim = await startSim({ schedule: SCHEDULE });
    open.push(sim);
    const h = await counter(sim);
    const { batchId, items } = await delivered(h, 2, false);
    sim.advance(HOUR);
    const all = await feed(sim);
    await until('the last cursor', async () => (await cursorOf(h)) === all.at(-1)!.Cursor);

    const held = await heldRows(h);
    expect(held.map((r) => r.cursor)).toEqual(all.map((u) => u.Cursor));
    expect(held[0]).toMatchObject({ problem_code: 'UPDATE_REFUSED_BY_LIFECYCLE', problem_vi: expect.stringContaining('Trong lô') });
    expect(held.slice(1).every((r) => ['UPDATE_BEHIND_HELD', 'UPDATE_REFUSED_BY_LIFECYCLE'].includes(r.problem_code))).toBe(true);
    for (const d of items) expect((await h.client.dossiers.get({ id: d.id })).status).toBe('in-batch');
    const shown = await h.client.exchange.attention();
    expect(shown.filter((a) => a.kind === 'update')).toHaveLength(all.length);
    const refusedHere = shown.find((a) => a.kind === 'update' && a.detail.vi.includes('Trong lô'));
    expect(refusedHere).toMatchObject({ senderName: expect.stringContaining('Nguyễn') });
    expect(items.map((d) => d.id)).toContain(refusedHere!.dossierId);

    await handOverBatch(h, batchId);
    await until('the held updates applied', async () => (await heldRows(h)).length === 0);
    for (const d of items) expect(await agencyEvents(h, d.id)).toEqual(all.filter((u) => u.SoHieuBuuGui === d.item).map(expectedEvent));
  });

  it('keeps an update for a dossier it does not know, moves on past it, and never asks for it again', async () => {
    const sim = await startSim({ schedule: SCHEDULE });
    open.push(sim);
    const h = await counter(sim);
    // Another counter of the office sent this one: this counter has never seen it.
    expect((await uploadBatch(openHttp(sim), wireBatch('OTHER-COUNTER-1', 90_000_000, 1, { MaCoQuan: BUILDING }))).state).toBe('delivered');
    const { items } = await delivered(h, 1);
    sim.advance(HOUR);
    const all = await feed(sim);
    await until('the last cursor', async () => (await cursorOf(h)) === all.at(-1)!.Cursor);

    const stranger = all.filter((u) => u.SoHieuBuuGui !== items[0]!.item);
    expect((await heldRows(h)).map((r) => [r.cursor, r.problem_code])).toEqual(stranger.map((u, i) => [u.Cursor, i === 0 ? 'UPDATE_UNKNOWN_DOSSIER' : expect.stringMatching(/UPDATE_(UNKNOWN_DOSSIER|BEHIND_HELD)/)]));
    expect(await agencyEvents(h, items[0]!.id)).toEqual(all.filter((u) => u.SoHieuBuuGui === items[0]!.item).map(expectedEvent));
    const rows = await updateCount(h);
    await new Promise((r) => setTimeout(r, 300));
    expect(await updateCount(h)).toEqual(rows);
  });

  it('rides out 500, 429 and dropped connections on the feed without applying anything twice', async () => {
    const sim = await startSim({ schedule: SCHEDULE });
    open.push(sim);
    const h = await counter(sim);
    const { items } = await delivered(h, 4);
    sim.advance(HOUR);
    const all = await feed(sim);
    sim.faults.add(
      { fault: { kind: 'status', status: 500 }, method: 'GET', path: '/v1/updates', times: 2 },
      { fault: { kind: 'status', status: 429, retryAfter: 1 }, method: 'GET', path: '/v1/updates' },
      { fault: { kind: 'drop-after-commit' }, method: 'GET', path: '/v1/updates', times: 2 },
    );
    await until('the last cursor', async () => (await cursorOf(h)) === all.at(-1)!.Cursor, 20_000);
    for (const d of items) expect(await agencyEvents(h, d.id)).toEqual(all.filter((u) => u.SoHieuBuuGui === d.item).map(expectedEvent));
  });

  // Reads the killed counter's own file; on the office server the page's transaction is the server's to roll back.
  it.skipIf(onOfficeServer())('a counter killed in the middle of a page applies that page whole, once, when it starts again', async () => {
    const sim = await startSim({ schedule: SCHEDULE });
    open.push(sim);
    const h = await counter(sim);
    const { items } = await delivered(h, 5);
    const dataDir = h.dataDir;
    await h.stop();
    open.splice(open.indexOf(h), 1);
    sim.advance(HOUR);
    const all = await feed(sim);

    // Killed (SIGKILL) inside the page's transaction, after its first update was applied.
    const dying = await startServeProcess(dataDir, { BCCI_FAILPOINTS: 'updates.page-half-applied' }, false);
    expect(await exitOf(dying.process)).toMatchObject({ signal: 'SIGKILL' });

    const file = new Database(join(dataDir, 'counter.sqlite'), { readonly: true });
    expect(file.prepare('SELECT (SELECT count(*) FROM agency_updates) AS updates, (SELECT count(*) FROM agency_cursors) AS cursors').get()).toEqual({ updates: 0, cursors: 0 });
    file.close();
    const again = await counter(sim, dataDir);
    await until('the last cursor', async () => (await cursorOf(again)) === all.at(-1)!.Cursor);
    for (const d of items) expect(await agencyEvents(again, d.id)).toEqual(all.filter((u) => u.SoHieuBuuGui === d.item).map(expectedEvent));
    expect(await updateCount(again)).toEqual({ n: all.length });
  });
});
