/**
 * A throwaway PostgreSQL server for one test file: its own folder, its own port, a least-privilege
 * application role that owns only its database, and everything stopped and removed afterwards.
 *
 * initdb refuses to run as root, and the tests run as root on CI: the server's folder is then
 * handed to the unprivileged `postgres` user and every server command runs as that user.
 * The superuser is reached only through the Unix socket inside the folder (trust, nobody else
 * can reach it); the application role logs in over TCP on 127.0.0.1 with a SCRAM password, as a
 * counter would.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { postgresBinDir, requireTool } from './prerequisites.js';

const run = promisify(execFile);

export interface PgLogin {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface TestPostgres {
  /** the application role: no superuser, no createdb, no createrole, owner of `database` only */
  app: PgLogin;
  /** the superuser over the folder's Unix socket, for setting up what a test needs */
  superuser: PgLogin;
  dir: string;
  /** CA certificate (PEM) the server's certificate is signed with, when started with `tls` */
  caFile?: string;
  /** pg_ctl stop -m fast: the server goes away as if the office's server were switched off */
  stop(): Promise<void>;
  /** pg_ctl start again on the same port and data */
  start(): Promise<void>;
  /** stops the server and removes its folder; safe to call twice */
  remove(): Promise<void>;
  /** another empty database owned by the application role, for a test that needs a clean one */
  createDatabase(name: string): Promise<PgLogin>;
}

export interface TestPostgresOptions {
  /** a server certificate for CN=localhost signed by a fresh CA; `requireTls` refuses plain TCP */
  tls?: boolean;
  requireTls?: boolean;
  /** more than a file's own server needs: the suite's one server takes every file's counters at once */
  maxConnections?: number;
}

const SERVER_USER = 'postgres';
const asRoot = () => process.getuid?.() === 0;

/** The command as the unprivileged server user when the tests run as root. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return asRoot() ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
}

async function serverCommand(bin: string, args: string[]): Promise<string> {
  const [command, fullArgs] = asServerUser(bin, args);
  const { stdout } = await run(command, fullArgs, { timeout: 60_000 });
  return stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A CA and a server certificate for localhost / 127.0.0.1, made with openssl into `dir`. */
export function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const ca = join(dir, 'ca.crt');
  const cert = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  const openssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=BCCI test CA', '-keyout', 'ca.key', '-out', ca]);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', key, '-out', 'server.csr']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', ca, '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', cert]);
  return { ca, cert, key };
}

/**
 * Starts the server and creates the application role and database. Call `remove()` in afterAll;
 * a process that ends without it still has the server stopped and the folder removed.
 */
export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  requireTool('postgres');
  const bin = postgresBinDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'bcci-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (asRoot()) chownSync(dir, uidOf(SERVER_USER), gidOf(SERVER_USER));
  chmodSync(dir, 0o700);

  const pgCtl = (args: string[]) => serverCommand(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '30', ...args]);
  // Whatever happens next (a failed start, a failed test, a test process that exits or is killed
  // without afterAll), the server stops and its folder goes: a watchdog outside this process
  // does it once this process is gone.
  const stopNow = asServerUser(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate']).flat().map((a) => `'${a}'`).join(' ');
  const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stopNow} >/dev/null 2>&1; rm -rf '${dir}'`], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    try {
      process.kill(-watchdog.pid!);
    } catch {
      // already gone
    }
    await pgCtl(['stop', '-m', 'immediate']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { port, caFile } = await initAndStart(bin, dir, data, pgCtl, options);
    const logins = await createAppRole(dir, port);
    const createDatabase = async (name: string) => {
      await asSuperuser(logins.superuser, [`CREATE DATABASE ${name} OWNER ${logins.app.user}`, `REVOKE ALL ON DATABASE ${name} FROM PUBLIC`]);
      return { ...logins.app, database: name };
    };
    const stop = () => pgCtl(['stop', '-m', 'fast']).then(() => undefined);
    return { ...logins, dir, caFile, stop, start: () => pgCtl(['start']).then(() => undefined), remove, createDatabase };
  } catch (error) {
    await remove();
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}`, { cause: error });
  }
}

async function initAndStart(bin: string, dir: string, data: string, pgCtl: (args: string[]) => Promise<string>, options: TestPostgresOptions) {
  // --no-sync: the data folder is thrown away, so initdb need not wait for the disk.
  await serverCommand(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8',
    '--auth-local=trust', '--auth-host=scram-sha-256']);
  const own = (file: string) => {
    if (asRoot()) chownSync(file, uidOf(SERVER_USER), gidOf(SERVER_USER));
  };
  let caFile: string | undefined;
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    // A test server: durability is the disk's business in production, not this folder's.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 16MB',
    `max_connections = ${options.maxConnections ?? 60}`,
  ];
  if (options.tls || options.requireTls) {
    const c = makeCertificates(dir);
    for (const f of [c.cert, c.key]) {
      own(f);
      chmodSync(f, 0o600);
    }
    caFile = c.ca;
    settings.push('ssl = on', `ssl_cert_file = '${c.cert}'`, `ssl_key_file = '${c.key}'`);
  }
  if (options.requireTls) {
    // Only encrypted TCP logins: a plain one finds no pg_hba line and is refused.
    const hba = join(dir, 'hba.conf');
    writeFileSync(hba, 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
    own(hba);
    settings.push(`hba_file = '${hba}'`);
  }
  // The port is free when asked and taken a moment later by the server; another process may win it in between.
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const conf = join(data, 'postgresql.auto.conf');
    writeFileSync(conf, `${settings.join('\n')}\nport = ${port}\n`);
    own(conf);
    try {
      await pgCtl(['start']);
      return { port, caFile };
    } catch (error) {
      if (attempt >= 2) throw new Error(`${(error as Error).message} (log: ${join(dir, 'server.log')})`);
    }
  }
}

/** The application role and its database, as the README tells an office's IT to make them. */
async function createAppRole(dir: string, port: number): Promise<Pick<TestPostgres, 'app' | 'superuser'>> {
  const superuser: PgLogin = { host: dir, port, database: 'postgres', user: 'postgres', password: '' };
  const app: PgLogin = { host: '127.0.0.1', port, database: 'bcci_office', user: 'bcci_app', password: 'mat-khau-may-chu-thu' };
  await asSuperuser(superuser, [
    `CREATE ROLE ${app.user} LOGIN PASSWORD '${app.password}' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
    `CREATE DATABASE ${app.database} OWNER ${app.user}`,
    `REVOKE ALL ON DATABASE ${app.database} FROM PUBLIC`,
  ]);
  return { app, superuser };
}

async function asSuperuser(login: PgLogin, statements: string[]): Promise<void> {
  const admin = new pg.Client(login);
  await admin.connect();
  try {
    for (const sql of statements) await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function idOf(flag: '-u' | '-g', user: string): number {
  if (userInfo().username === user) return flag === '-u' ? userInfo().uid : userInfo().gid;
  const r = spawnSync('id', [flag, user], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`The tests run as root, so PostgreSQL runs as the "${user}" user, which does not exist here. Install Debian's postgresql package (it creates the user).`);
  return Number(r.stdout.trim());
}
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);
