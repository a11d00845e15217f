import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfficeServerHealth, type OfficeLink } from '../../electron/core/db/postgres/health.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

const skip = skipWithout('postgres');
let server: TestPostgres;
let health: OfficeServerHealth | undefined;

/** The health watcher on the test server, with what it reported, and when. */
function watch(port = server.app.port) {
  const seen: (OfficeLink & { at: number })[] = [];
  health = new OfficeServerHealth(
    { host: server.app.host, port, database: server.app.database, role: server.app.user, tls: 'disable', caFile: '' },
    server.app.password,
    // Probes far apart: a quick "down" can only come from the socket itself.
    { probeMs: 60_000, retryMs: [100, 200] },
  );
  health.onChange((link) => seen.push({ ...link, at: Date.now() }));
  health.start();
  const until = async (state: OfficeLink['state'], timeoutMs = 5000) => {
    const end = Date.now() + timeoutMs;
    while (health!.current().state !== state) {
      if (Date.now() > end) throw new Error(`never ${state}; saw ${seen.map((s) => s.state).join(' → ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return health!.current();
  };
  return { seen, until };
}

describe.skipIf(skip)('the counter knows at once when the office server is gone, and comes back by itself', () => {
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    await health?.stop();
  });
  afterAll(async () => {
    await server?.remove();
  });

  it('reports the server stopping at once, in words, and is up again when it restarts', async () => {
    const { seen, until } = watch();
    await until('up');
    const stoppedAt = Date.now();
    await server.stop();
    const down = await until('down', 1000);
    // Told by the server's own goodbye on the socket, not by waiting for a probe.
    expect(seen.find((s) => s.state === 'down')!.at - stoppedAt).toBeLessThan(1000);
    expect(down.words!.vi).toMatch(/^Mất kết nối tới máy chủ dữ liệu bưu cục: .+ Quầy tạm ngừng tiếp nhận để không ghi dở hồ sơ; dữ liệu đã lưu không mất\. Quầy sẽ tự kết nối lại khi máy chủ trở lại\.$/);
    expect(down.words!.en).toContain('It reconnects by itself when the server is back.');

    // While it is away, the words say why: nothing listens on the port any more.
    await new Promise((r) => setTimeout(r, 400));
    expect(health!.current()).toMatchObject({ state: 'down', words: { en: expect.stringContaining('no PostgreSQL server is listening on that port') } });

    await server.start();
    expect(await until('up', 5000)).toEqual({ state: 'up', since: expect.any(String), words: null });
    expect(seen.map((s) => s.state).filter((s, i, all) => s !== all[i - 1])).toEqual(['up', 'down', 'up']);
  });

  it('hears from a failed query that the server is gone, and checks for itself that it is back', async () => {
    const { seen, until } = watch();
    await until('up');
    // The server answered both: a statement it cancelled for its own timeout, a duplicate number.
    health!.noteFailure(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }));
    health!.noteFailure(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(health!.current().state).toBe('up');
    health!.noteFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(health!.current()).toMatchObject({ state: 'down', words: { en: expect.stringContaining('no PostgreSQL server is listening') } });
    await until('up', 2000);
    expect(seen.map((s) => s.state)).toEqual(['up', 'down', 'up']);
  });

  it('says so from the start when the server cannot be reached at all', async () => {
    const { until } = watch(1);
    const down = await until('down', 2000);
    expect(down.words!.en).toContain('Cannot reach 127.0.0.1:1: no PostgreSQL server is listening on that port.');
  });
});
