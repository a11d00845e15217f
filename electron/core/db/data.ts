import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';
import type { Schema } from './schema.js';
import { ExactCursor } from './postgres/exact-cursor.js';
import { queuedCheckouts } from './postgres/pool.js';

/**
 * The one way the core reads and writes its data (decision 0023): a typed query builder over
 * whichever engine holds the data. Repositories take a `Data` and work the same on the root
 * handle and on a transaction (a transaction is a `Data` too).
 */
export type Data = Kysely<Schema>;
export type Tx = Transaction<Schema>;

/**
 * Runs `work` in one write transaction: everything it writes through `tx` commits together or
 * not at all. Only `tx` may be used inside (repositories have `in(tx)` for that): on SQLite the
 * root handle waits for the transaction to end, so a query on it from inside would wait for
 * ever. (Catching that with AsyncLocalStorage cost an eighth of an intake's time; decision 0023.)
 */
export async function inTransaction<T>(data: Data, work: (tx: Tx) => Promise<T>): Promise<T> {
  let used: Tx | undefined;
  const result = await data.transaction().execute((tx) => work((used = tx)));
  for (const then of (used && committed.get(used)) ?? []) then();
  return result;
}

const committed = new WeakMap<Tx, (() => void)[]>();

/**
 * Runs `then` once `tx` has committed, never if it rolled back: for what must not run ahead of the
 * data, whoever opened the transaction (the audit chain's end marker, decision 0066). Only
 * transactions opened by `inTransaction` run it: a cheaper commit (`quickTransaction`) is not
 * durable when it returns and sees to its own.
 */
export function onCommit(tx: Tx, then: () => void): void {
  committed.set(tx, [...(committed.get(tx) ?? []), then]);
}

/**
 * Runs `work`'s reads on one snapshot: what another connection commits meanwhile is not seen, so
 * reads that must agree with each other (the audit entries and the checkpoints of a purge that
 * removed some) do. PostgreSQL: one REPEATABLE READ, READ ONLY transaction; SQLite: one deferred
 * (read) transaction, which takes no write lock and works on a file opened read-only. Inside a
 * transaction already, that one is used.
 */
export function inReadSnapshot<T>(data: Data, work: (snapshot: Data) => Promise<T>): Promise<T> {
  if (data.isTransaction) return work(data);
  return data.connection().execute(async (conn) => {
    const postgres = conn.getExecutor().adapter instanceof PostgresAdapter;
    await conn.executeQuery(CompiledQuery.raw(postgres ? 'begin isolation level repeatable read read only' : 'begin'));
    try {
      return await work(conn);
    } finally {
      // Only reads were done: ending the transaction either way loses nothing.
      await conn.executeQuery(CompiledQuery.raw('commit'));
    }
  });
}

/**
 * SQLite through one better-sqlite3 connection. Three things differ from Kysely's own driver:
 * a transaction begins IMMEDIATE (takes the write lock at once, so a busy or locked file fails
 * before any work, never half-way); a transaction SQLite has already rolled back itself is not
 * rolled back again; and statements are prepared once per SQL text and reused.
 */
class CounterSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly db: Db,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * A full disk (or I/O error) makes SQLite roll the transaction back on its own; a second
   * rollback would fail and hide the error that says why ("the disk is full").
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.db.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** Enough distinct statements for every lookup combination; past it the cache starts again. */
const MAX_PREPARED = 500;

export function sqliteData(db: Db): Data {
  const prepared = new Map<string, Statement>();
  const database = {
    close: () => db.close(),
    prepare(sqlText: string): Statement {
      let statement = prepared.get(sqlText);
      if (!statement) {
        if (prepared.size >= MAX_PREPARED) prepared.clear();
        prepared.set(sqlText, (statement = db.prepare(sqlText)));
      }
      return statement;
    },
  };
  class CounterSqliteDialect extends SqliteDialect {
    override createDriver(): Driver {
      return new CounterSqliteDriver({ database }, db);
    }
  }
  return new Kysely<Schema>({ dialect: new CounterSqliteDialect({ database }) });
}

/**
 * The office's PostgreSQL database through the pool `openOfficeDatabase` opened (its type
 * parsers read integers exactly). A transaction takes one connection of the pool for itself;
 * calls beyond the pool's connections wait their turn (`queuedCheckouts`). A query read row by
 * row (a year's register export) goes through a server-side cursor, as SQLite's iterate does,
 * with the same exact integers (`ExactCursor`).
 */
export function postgresData(pool: pg.Pool): Data {
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool: queuedCheckouts(pool), cursor: ExactCursor }) });
}
