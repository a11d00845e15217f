import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { createRouter } from '../../electron/core/router.js';
import { OFFICE_PASSWORD_FILE, readOfficePassword } from '../../electron/core/db/postgres/office-password.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { startHttpHost, type HttpHost } from '../../electron/hosting/http-host.js';
import { clientFor, failure, sampleIntake, startCore, type Client, type Harness } from '../support/core-harness.js';
import { rowsOf } from '../support/raw-sql.js';
import { linkUntil, officeDataDir } from '../support/office-counter.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type PgLogin, type TestPostgres } from '../support/postgres.js';

const skip = skipWithout('postgres');
let server: TestPostgres;
let harness: Harness | undefined;
const QUICK_HEALTH = { probeMs: 500, probeTimeoutMs: 1000, retryMs: [100, 200, 400] };

/** Rows on the server itself, read by the app role as the office's IT would. */
async function onServer<T extends pg.QueryResultRow>(login: PgLogin, sql: string): Promise<T[]> {
  const c = new pg.Client(login);
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** A core on its own HTTP host, without signing in: for a core whose data are not open yet. */
async function bareCore(dataDir: string, env: Record<string, string>): Promise<{ core: Core; host: HttpHost; client: Client; stop(): Promise<void> }> {
  const core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), env, officeHealth: QUICK_HEALTH });
  const host = await startHttpHost({ router: createRouter(core), token: 't', staticDir: join(dataDir, 'no-static') });
  return { core, host, client: clientFor(host.url, 't'), stop: async () => (await host.close(), await core.close()) };
}

describe('the office server password kept by a counter', () => {
  it('is saved by an administrator into a 0600 file it is read back from, audited without the password; a clerk is refused', async () => {
    harness = await startCore();
    const clerk = await harness.clientAs('clerk', 'gdv02');
    expect((await failure(clerk.office.savePassword({ password: 'bi-mat' }))).code).toBe('FORBIDDEN');
    expect(await harness.client.office.savePassword({ password: 'mật khẩu có dấu cách ' })).toEqual({ saved: true });
    const file = join(harness.dataDir, OFFICE_PASSWORD_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOfficePassword(harness.dataDir, { env: {} })).toBe('mật khẩu có dấu cách ');
    const audit = (await rowsOf(harness, "SELECT detail FROM audit_log WHERE action = 'office.savePassword'"));
    expect(audit).toEqual([{ detail: '{}' }]);
    await harness.stop();
    harness = undefined;
  }, 30_000);

  it('without a password says what works while no one can sign in: the file (0600) or the environment, not Settings', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bcci-no-password-'));
    const error = (() => {
      try {
        readOfficePassword(dataDir, { env: {} });
      } catch (e) {
        return e as { data: { code: string; vi: string; en: string } };
      }
      throw new Error('a counter without a password was given one');
    })();
    const file = join(dataDir, OFFICE_PASSWORD_FILE);
    expect(error.data.code).toBe('OFFICE_PASSWORD_MISSING');
    for (const words of [error.data.vi, error.data.en]) {
      expect(words).toContain(`chmod 600 ${file}`);
      expect(words).toContain('BCCI_OFFICE_PASSWORD');
      expect(words).not.toMatch(/Cài đặt|Settings/);
    }
  });
});

describe.skipIf(skip)('a counter whose data are on the office PostgreSQL server', () => {
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });
  afterAll(async () => {
    await server?.remove();
  });

  it('takes in on the server: the dossier, its number and its print jobs are rows there, and the counter has no database file', async () => {
    const login = await server.createDatabase('office_one');
    const dataDir = officeDataDir(login, 'Q01');
    harness = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH });
    const version = (await harness.client.catalog.status()).version!;
    const a = await harness.client.dossiers.intake(sampleIntake(version));
    expect(a.registerNo).toBe(`000001/2026`);
    const rows = await onServer<{ id: number; register_seq: number; counter_code: string }>(login, 'SELECT id::int AS id, register_seq, counter_code FROM dossiers');
    expect(rows).toEqual([{ id: a.dossierId, register_seq: 1, counter_code: 'Q01' }]);
    expect((await onServer(login, 'SELECT id FROM print_jobs')).length).toBe(a.printJobs.length);
    expect(existsSync(join(dataDir, 'counter.sqlite'))).toBe(false);
    // A backup of the counter would copy nothing of the office: refused in words.
    expect((await failure(harness.client.backup.create({ passphrase: 'mot-mat-khau-dai' }))).code).toBe('BACKUP_ON_OFFICE_SERVER');
    expect(await linkUntil(harness.client, () => true)).toMatchObject({ state: 'up', words: null });
  }, 60_000);

  it('reads the password from a file only its user may read, refusing one others can read, in words', async () => {
    const login = await server.createDatabase('office_file');
    const dataDir = officeDataDir(login, 'Q01');
    const file = join(dataDir, OFFICE_PASSWORD_FILE);
    writeFileSync(file, `${login.password}\n`);
    chmodSync(file, 0o644);
    const exposed = await bareCore(dataDir, {});
    try {
      const link = await linkUntil(exposed.client, () => true);
      expect(link.state).toBe('refused');
      expect(link.words!.vi).toContain('chmod 600');
      expect(link.words!.en).toContain('can be read by other users');
      // The counter is up, and says the same to whatever is asked of it.
      const refused = await failure(exposed.client.session.state());
      expect(refused).toMatchObject({ code: 'OFFICE_PASSWORD_EXPOSED' });
    } finally {
      await exposed.stop();
    }
    chmodSync(file, 0o600);
    harness = await startCore({ dataDir, env: {}, officeHealth: QUICK_HEALTH });
    expect((await onServer<{ code: string }>(login, 'SELECT code FROM clerks')).map((r) => r.code)).toEqual(['gdv01']);
  }, 60_000);

  it('starts with a wrong password and says so in both languages, refusing every call rather than crashing', async () => {
    const login = await server.createDatabase('office_wrong');
    const wrong = await bareCore(officeDataDir(login, 'Q01'), { BCCI_OFFICE_PASSWORD: 'not-the-password' });
    try {
      const link = await linkUntil(wrong.client, (l) => l.state === 'down');
      expect(link.words!.vi).toContain('sai mật khẩu');
      expect(link.words!.en).toContain('wrong password');
      const refused = await failure(wrong.client.session.state());
      expect(refused.code).toBe('OFFICE_SERVER_DOWN');
      expect(refused.vi).toContain('sai mật khẩu');
      // Nothing was made on the server by a counter that could not log in.
      expect(await onServer(login, "SELECT 1 FROM pg_tables WHERE tablename = 'dossiers'")).toEqual([]);
    } finally {
      await wrong.stop();
    }
  }, 60_000);

  it('refuses an intake at once while the server is stopped, says so in the status, and takes in again by itself once it is back; numbers stay gapless', async () => {
    const login = await server.createDatabase('office_down');
    harness = await startCore({ dataDir: officeDataDir(login, 'Q01'), env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH });
    const { client } = harness;
    const version = (await client.catalog.status()).version!;
    expect((await client.dossiers.intake(sampleIntake(version))).registerNo).toBe('000001/2026');

    await server.stop();
    try {
      const down = await linkUntil(client, (l) => l.state === 'down');
      expect(down.words!.vi).toContain('Quầy tạm ngừng tiếp nhận');
      const started = Date.now();
      const refused = await failure(client.dossiers.intake(sampleIntake(version)));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(refused.code).toBe('OFFICE_SERVER_DOWN');
      expect(refused.vi).toContain('Mất kết nối tới máy chủ dữ liệu bưu cục');
      expect(refused.en).toContain('cannot be reached');
    } finally {
      await server.start();
    }
    await linkUntil(client, (l) => l.state === 'up');
    expect((await client.dossiers.intake(sampleIntake(version))).registerNo).toBe('000002/2026');
    const rows = await onServer<{ register_seq: number }>(login, 'SELECT register_seq FROM dossiers ORDER BY register_seq');
    expect(rows.map((r) => r.register_seq)).toEqual([1, 2]);
    expect(await onServer(login, 'SELECT count(*)::int AS n FROM dossier_events')).toEqual([{ n: 2 }]);
  }, 60_000);

  it('starts while the server is down, and opens its data by itself once the server answers', async () => {
    const login = await server.createDatabase('office_late');
    const dataDir = officeDataDir(login, 'Q01');
    await server.stop();
    let late: Awaited<ReturnType<typeof bareCore>> | undefined;
    try {
      late = await bareCore(dataDir, { BCCI_OFFICE_PASSWORD: login.password });
      const link = await linkUntil(late.client, (l) => l.state === 'down');
      expect(link.words!.en).toContain('no PostgreSQL server is listening');
      expect((await failure(late.client.session.state())).code).toBe('OFFICE_SERVER_DOWN');
    } finally {
      await server.start();
    }
    try {
      await linkUntil(late.client, (l) => l.state === 'up');
      expect(await late.client.session.state()).toMatchObject({ needsSetup: true, counter: 'Q01' });
    } finally {
      await late.stop();
    }
  }, 60_000);
});
