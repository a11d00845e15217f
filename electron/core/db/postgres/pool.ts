import { readFileSync } from 'node:fs';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { OfficeServer } from '../../../../shared/contract/office-server.js';

/** How long a counter waits for the office server to accept a connection before saying so. */
export const CONNECT_TIMEOUT_MS = 5000;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint (ids, money) and numeric (what sum() of a bigint returns) come back as numbers, as
 * SQLite's integers do, so a repository reads the same values on both engines. pg hands them
 * over as strings because they may not fit a double; VND amounts and ids fit by far (2^53 VND),
 * and a value that would not is an error, never a silently rounded number.
 */
function exactNumber(text: string): number {
  const n = Number(text);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(n)) throw new RangeError(`${text} does not fit a JavaScript number exactly`);
  return n;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (oid === INT8 || oid === NUMERIC) && format !== 'binary' ? exactNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * node-postgres' TLS options for the three modes: `require` encrypts without checking who answers
 * (as libpq's sslmode=require), `verify-full` checks the certificate against the office's CA and
 * the host name. Reading the CA file here lets a missing file fail before any connection.
 */
function tlsOptions(server: OfficeServer): pg.ClientConfig['ssl'] {
  if (server.tls === 'disable') return false;
  if (server.tls === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ca: readFileSync(server.caFile, 'utf8') };
}

/** The connection settings for the office server, shared by the pool and the one-off test. */
export function clientConfig(server: OfficeServer, password: string, applicationName = 'bcci-counter'): pg.ClientConfig {
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.role,
    password,
    ssl: tlsOptions(server),
    types,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Shown in pg_stat_activity, so the office's IT sees which counter holds a connection.
    application_name: applicationName,
    keepAlive: true,
  };
}

export function openOfficePool(server: OfficeServer, password: string, applicationName?: string, max = 8): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(server, password, applicationName), max });
  // An idle connection the server drops must not crash the process; health notices it (health.ts).
  pool.on('error', () => undefined);
  // Nor one dropped while checked out between two statements (a transaction): it says so as an
  // 'error' event as well, and unheard that ends the process. The next statement fails anyway.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * The pool's checkouts behind one queue of our own: a burst of calls waits its turn for a
 * connection. pg-pool times the wait for a free connection with the same limit as reaching the
 * server (CONNECT_TIMEOUT_MS), so 100 intakes at once failed after 5 s on a sound server; here
 * a checkout reaches the pool only when a connection is free, and only a server out of reach
 * fails it. Two of the pool's connections stay outside the queue, for start-up's locks.
 */
export function queuedCheckouts(pool: pg.Pool): PostgresPool {
  let free = Math.max(1, (pool.options.max ?? 10) - 2);
  const waiting: (() => void)[] = [];
  const handBack = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        handBack();
        throw error;
      }
      let released = false;
      return {
        query: client.query.bind(client) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => {
          if (released) return;
          released = true;
          client.release(destroy);
          handBack();
        },
      };
    },
    end: () => pool.end(),
  };
}
