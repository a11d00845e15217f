import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeServer, OfficeServerTest } from '../../shared/contract/index.js';
import { loadPgMigrations, migratePg } from '../../electron/core/db/postgres/migrate-pg.js';
import { openOfficePool } from '../../electron/core/db/postgres/pool.js';
import { failure, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';
import { makeCertificates, startTestPostgres, type PgLogin, type TestPostgres } from '../support/postgres.js';

const skip = skipWithout('postgres');
let tlsOnly: TestPostgres;
let plain: TestPostgres;
let h: Harness;

const serverOf = (login: PgLogin, tls: OfficeServer['tls'], caFile = ''): OfficeServer => ({
  host: login.host,
  port: login.port,
  database: login.database,
  role: login.user,
  tls,
  caFile,
});
const test = (login: PgLogin, tls: OfficeServer['tls'], extra: Partial<OfficeServer> = {}, password = login.password): OfficeServerTest => ({
  server: { ...serverOf(login, tls, tls === 'verify-full' ? tlsOnly.caFile : ''), ...extra },
  password,
});

/** A loopback port nobody listens on (taken and given back). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.skipIf(skip)('testing the office server before switching to it', () => {
  beforeAll(async () => {
    [tlsOnly, plain, h] = await Promise.all([startTestPostgres({ requireTls: true }), startTestPostgres(), startCore()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([tlsOnly?.remove(), plain?.remove(), h?.stop()]);
  });

  it('connects with the certificate checked, and says the version and that the database is still empty', async () => {
    const report = await h.client.office.testServer(test(tlsOnly.app, 'verify-full'));
    expect(report).toMatchObject({ ok: true, outcome: 'ok', serverVersion: expect.stringMatching(/^PostgreSQL \d+\.\d+/), schema: { applied: 0, pending: loadPgMigrations().length } });
    expect(report.vi).toBe(`Kết nối được tới ${report.serverVersion} với vai trò "bcci_app"; cơ sở dữ liệu còn trống, sẽ được tạo cấu trúc khi chuyển sang.`);
    expect(report.en).toBe(`Connected to ${report.serverVersion} as role "bcci_app"; the database is empty; its tables are made at the switch.`);
    // A test changes nothing on the server.
    const again = await h.client.office.testServer(test(tlsOnly.app, 'require'));
    expect(again.schema).toEqual({ applied: 0, pending: loadPgMigrations().length });
  });

  it('says when the schema matches this app, and refuses in words a schema from a newer app', async () => {
    const login = await plain.createDatabase('migrated');
    const pool = openOfficePool(serverOf(login, 'disable'), login.password);
    try {
      await migratePg(pool);
      expect(await h.client.office.testServer(test(login, 'disable'))).toMatchObject({
        ok: true,
        schema: { applied: loadPgMigrations().length, pending: 0 },
        en: expect.stringContaining('its schema matches this app version'),
      });
      await migratePg(pool, [...loadPgMigrations(), { version: 999, name: 'from_a_newer_app', sql: 'SELECT 1', sha256: 'x' }]);
      expect(await h.client.office.testServer(test(login, 'disable'))).toMatchObject({
        ok: false,
        outcome: 'schema-newer',
        vi: expect.stringContaining('phiên bản ứng dụng mới hơn (bước 999 "from_a_newer_app"'),
        en: expect.stringContaining('upgraded by a newer app version (step 999 "from_a_newer_app"'),
      });
    } finally {
      await pool.end();
    }
  });

  it('tells apart no server on the port, an unknown host, a wrong password and a missing database', async () => {
    const port = await closedPort();
    expect(await h.client.office.testServer(test(plain.app, 'disable', { port }))).toMatchObject({
      ok: false,
      outcome: 'unreachable',
      vi: `Không kết nối được tới 127.0.0.1:${port}: không có máy chủ PostgreSQL nào nghe ở cổng này. Kiểm tra địa chỉ, cổng, và máy chủ đã chạy chưa.`,
      en: `Cannot reach 127.0.0.1:${port}: no PostgreSQL server is listening on that port. Check the address, the port, and that the server is running.`,
      serverVersion: null,
    });
    expect(await h.client.office.testServer(test(plain.app, 'disable', { host: 'no-such-server.invalid' }))).toMatchObject({ outcome: 'host-unknown' });
    expect(await h.client.office.testServer(test(plain.app, 'disable', {}, 'not-the-password'))).toMatchObject({
      outcome: 'wrong-password',
      en: 'The server refused the login of role "bcci_app": wrong password, or no such role.',
    });
    expect(await h.client.office.testServer(test(plain.app, 'disable', { database: 'no_such_office' }))).toMatchObject({
      outcome: 'no-database',
      vi: 'Máy chủ không có cơ sở dữ liệu "no_such_office". Nhờ bộ phận CNTT tạo nó (xem README, mục máy chủ văn phòng).',
    });
  });

  it('says when the server wants TLS, has none, or shows a certificate the chosen CA did not sign', async () => {
    expect(await h.client.office.testServer(test(tlsOnly.app, 'disable'))).toMatchObject({
      outcome: 'tls-required',
      en: 'The server accepts encrypted (TLS) connections only. Choose TLS "require" or "verify-full".',
    });
    expect(await h.client.office.testServer(test(plain.app, 'require'))).toMatchObject({ outcome: 'tls-unavailable' });
    const foreign = makeCertificates(tempDir('bcci-foreign-ca-'));
    expect(await h.client.office.testServer(test(tlsOnly.app, 'verify-full', { caFile: foreign.ca }))).toMatchObject({
      ok: false,
      outcome: 'tls-failed',
      en: expect.stringContaining('No password was sent to it.'),
    });
    const missing = join(tempDir(), 'ca.crt');
    expect(await h.client.office.testServer(test(tlsOnly.app, 'verify-full', { caFile: missing }))).toMatchObject({
      outcome: 'ca-file',
      en: `Cannot read the CA certificate file "${missing}" (ENOENT). Check the path.`,
    });
  });

  it('refuses a superuser role: the app runs with least privilege', async () => {
    const admin = new pg.Client(plain.superuser);
    await admin.connect();
    await admin.query("CREATE ROLE too_mighty LOGIN SUPERUSER PASSWORD 'mat-khau-qua-manh'");
    await admin.end();
    expect(await h.client.office.testServer(test({ ...plain.app, user: 'too_mighty' }, 'disable', {}, 'mat-khau-qua-manh'))).toMatchObject({
      ok: false,
      outcome: 'superuser',
      serverVersion: expect.stringMatching(/^PostgreSQL/),
      vi: expect.stringContaining('Ứng dụng không dùng superuser'),
    });
  });

  it('says when the role may not create the tables, and when a server accepts the connection but never answers', async () => {
    const admin = new pg.Client(plain.superuser);
    await admin.connect();
    await admin.query("CREATE ROLE not_owner LOGIN PASSWORD 'mat-khau-khach'");
    await admin.query(`GRANT CONNECT ON DATABASE ${plain.app.database} TO not_owner`);
    await admin.end();
    expect(await h.client.office.testServer(test({ ...plain.app, user: 'not_owner' }, 'disable', {}, 'mat-khau-khach'))).toMatchObject({
      ok: false,
      outcome: 'cannot-create',
      en: `Role "not_owner" may not create tables in database "${plain.app.database}". Make it the database's owner (ALTER DATABASE ... OWNER TO ...).`,
    });

    // Something listens on the port and says nothing (a firewall's tarpit, a hung server).
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      expect(await h.client.office.testServer(test(plain.app, 'disable', { port }))).toMatchObject({
        outcome: 'timeout',
        vi: `127.0.0.1:${port} không trả lời trong 5 giây. Kiểm tra mạng, tường lửa, và cổng máy chủ.`,
      });
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      silent.close();
    }
  }, 15_000);

  it('is for the administrator only, and checks the form before connecting', async () => {
    const clerk = await h.clientAs('clerk', 'gdv02');
    expect(await failure(clerk.office.testServer(test(plain.app, 'disable')))).toMatchObject({ code: 'FORBIDDEN' });
    const supervisor = await h.clientAs('supervisor', 'ksv01');
    expect(await failure(supervisor.office.testServer(test(plain.app, 'disable')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(h.client.office.testServer(test(plain.app, 'verify-full', { caFile: '' })))).toMatchObject({
      code: 'INVALID_INPUT',
      problems: [
        {
          vi: 'Máy chủ dữ liệu bưu cục: kiểm tra chứng chỉ (verify-full) cần tệp chứng chỉ CA của máy chủ',
          en: 'Office data server: verify-full needs the CA certificate file that signed the server’s certificate',
        },
      ],
    });
  });
});
