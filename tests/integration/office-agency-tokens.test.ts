import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { startCore, tempDir, type Harness } from '../support/core-harness.js';
import { officeDataDir } from '../support/office-counter.js';
import { officeServerOf, pointAt } from '../support/office-move.js';
import { AGENCY_TOKENS_FILE, AgencyTokens } from '../../electron/core/agencies/token-file.js';
import type { PgLogin } from '../support/postgres.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';
import { columnsHolding } from '../support/raw-sql.js';

/** The agency tokens of an office server are the office's (decision 0047). */
let sim: AgencySim | undefined;
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0).reverse()) await h.stop();
});
afterAll(async () => {
  await sim?.close();
});

const start = async (login: PgLogin, counter: string) => {
  const h = await startCore({ dataDir: officeDataDir(login, counter), env: { BCCI_OFFICE_PASSWORD: login.password }, outboxIdleMs: 20, updatesIntervalMs: 100 });
  running.push(h);
  return h;
};

const until = async (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * A counter on its own file with the agency set up and its token file as `tokens` leaves it: the
 * move preview; then `switched` moves it, sets it to use the server and starts it again, and waits
 * for the agency's token on the server and for the log line `logged` (what was not brought, said).
 */
async function movedWithTokens(tokens: (dataDir: string) => void) {
  const login = await freshOfficeDatabase('empty');
  sim ??= await startSim();
  const own = await startCore({ dataDir: tempDir() });
  running.push(own);
  await configureAgency(own.client, sim);
  tokens(own.dataDir);
  const preview = await own.client.office.movePreview({ server: officeServerOf(login), password: login.password });
  const switched = async (logged: string) => {
    await own.client.office.move({ server: officeServerOf(login), password: login.password });
    await own.stop();
    running.splice(running.indexOf(own), 1);
    pointAt(own.dataDir, login, { use: true });
    const warned = vi.spyOn(console, 'warn');
    try {
      const onServer = await startCore({ dataDir: own.dataDir, env: { BCCI_OFFICE_PASSWORD: login.password } });
      running.push(onServer);
      await until('the token brought', async () => (await onServer.core.data.selectFrom('agency_tokens').select('server').execute()).length > 0);
      expect(await onServer.core.data.selectFrom('agency_tokens').select('server').execute()).toEqual([{ server: sim!.url }]);
      await until('the log line', () => warned.mock.calls.some((c) => String(c[0]).includes(logged)));
    } finally {
      warned.mockRestore();
    }
  };
  return { preview, switched };
}

// Each test on a fresh database of the run's office server: the run on PostgreSQL.
describe.skipIf(!onOfficeServer())('an agency token saved at one counter of an office server', () => {
  it('is used by the counter that takes the exchange over, and is nowhere on the server in clear', async () => {
    const login = await freshOfficeDatabase('empty');
    sim = await startSim();
    const q01 = await start(login, 'Q01');
    await configureAgency(q01.client, sim);
    expect(await q01.core.data.selectFrom('agency_tokens').select('server').execute()).toEqual([{ server: sim.url }]);

    const q02 = await start(login, 'Q02');
    // Q02 shows the token saved without anyone typing it there.
    expect((await q02.client.agencies.list()).find((a) => a.code === BUILDING)?.tokenSaved).toBe(true);
    // Q01 goes; its lease goes with its connection.
    await q01.stop();
    running.splice(running.indexOf(q01), 1);

    const { id } = await takeIn(q02.client);
    const batch = await q02.client.batches.create({ agencyCode: BUILDING });
    await q02.client.batches.addByPick({ batchId: batch.id, dossierIds: [id] });
    await q02.client.batches.close({ batchId: batch.id });
    const upload = () => sim!.requests.find((r) => r.method === 'POST' && r.url.startsWith('/v1/batches') && typeof r.status === 'number' && r.status < 300);
    await until('the batch uploaded from Q02', () => upload() !== undefined);
    expect(upload()!.headers.authorization).toBe(`Bearer ${sim.token}`);
    expect(await columnsHolding(q02.core.data, sim.token)).toEqual([]);
  });

  it('a counter on the server from before keeps its token: its own file’s is brought to the server once, at its next start', async () => {
    const login = await freshOfficeDatabase('empty');
    sim ??= await startSim();
    const q01 = await start(login, 'Q01');
    await configureAgency(q01.client, sim);
    // As an earlier version left it: the agency on the server, its token only in the counter's file.
    await q01.core.data.deleteFrom('agency_tokens').execute();
    new AgencyTokens(q01.dataDir).replace([sim.url], new Map([[sim.url, sim.token]]));
    const dataDir = q01.dataDir;
    await q01.stop();
    running.splice(running.indexOf(q01), 1);

    const again = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login.password } });
    running.push(again);
    expect((await again.client.agencies.list()).find((a) => a.code === BUILDING)?.tokenSaved).toBe(true);
    expect(await again.core.data.selectFrom('agency_tokens').select('server').execute()).toEqual([{ server: sim.url }]);
    const adopted = await again.core.data.selectFrom('audit_log').select('detail').where('action', '=', 'agencies.tokensAdopted').execute();
    expect(adopted.map((r) => JSON.parse(r.detail) as unknown)).toEqual([{ servers: [sim.url] }]);
    expect(await columnsHolding(again.core.data, sim.token)).toEqual([]);
  });

  it('a token the counter kept for a server no agency of the office sends to is named in the move preview and in the log at start, not dropped silently', async () => {
    const other = 'https://motcua.other.example.vn';
    const { preview, switched } = await movedWithTokens((dataDir) =>
      new AgencyTokens(dataDir).replace([sim!.url, other], new Map([[sim!.url, sim!.token], [other, 'token-of-another-server']])),
    );
    expect(preview.refusal).toBeNull();
    expect(preview.tokensLeftBehind?.vi).toBe(
      `Mã truy cập đã lưu cho ${other} không được mang lên máy chủ bưu cục: không cơ quan nào của bưu cục gửi hồ sơ tới địa chỉ đó. Khi có cơ quan dùng địa chỉ này, nhập lại mã trong Cài đặt → Cơ quan giải quyết và máy chủ.`,
    );
    await switched(`[agencies] The token saved for ${other} is not brought to the office server`);
  });

  it('an old token file keyed by agency code names the agencies gone whose tokens it cannot carry, in the move preview and in the log at start', async () => {
    // As a version before tokens were kept by server wrote it: by agency code, one agency since removed.
    const gone = '000.00.99.H99';
    const { preview, switched } = await movedWithTokens((dataDir) =>
      writeFileSync(join(dataDir, AGENCY_TOKENS_FILE), JSON.stringify({ seal: 'none', tokens: { [BUILDING]: sim!.token, [gone]: 'token-of-a-gone-agency' } }), { mode: 0o600 }),
    );
    expect(preview.tokensLeftBehind?.vi).toBe(
      `Mã truy cập đã lưu theo mã cơ quan ${gone} không được mang theo: cơ quan này không còn trong danh sách cơ quan giải quyết. Nếu thêm lại cơ quan, nhập lại mã trong Cài đặt → Cơ quan giải quyết và máy chủ.`,
    );
    expect(preview.tokensLeftBehind?.en).toContain(`The token saved under agency code ${gone} is not carried over`);
    await switched(`[agencies] The token saved under agency code ${gone} is not carried over`);
  });

  it('lets a counter not holding the exchange show the agency server as the holder last saw it, and unknown once that is stale', async () => {
    const login = await freshOfficeDatabase('empty');
    const q01 = await start(login, 'Q01');
    await configureAgency(q01.client, sim!);
    const q02 = await start(login, 'Q02');
    await until('Q01 reads the feed', () => sim!.requests.some((r) => r.url.startsWith('/v1/updates')));
    await until('Q02 shows the server reachable', async () => (await q02.client.exchange.status()).agencyServer === 'reachable');
    // Q02 never talked to the agency itself: it holds no lease while Q01 runs.
    expect(await q02.core.data.selectFrom('agency_reachability').select('counter_code').execute()).toEqual([{ counter_code: 'Q01' }]);
    // Six minutes later with no new record (the holder's clock stands still), what was seen says nothing about now.
    await q02.setClock(new Date(q02.clock.now.getTime() + 6 * 60_000));
    expect((await q02.client.exchange.status()).agencyServer).toBe('unknown');
  });
});
