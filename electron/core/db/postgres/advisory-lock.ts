import type pg from 'pg';

/**
 * Runs `work` on one connection of the pool while it holds the session advisory lock `key`:
 * counters asking for the same key queue, one at a time. A counter killed while holding it frees
 * it with its connection, and the server rolls back its unfinished transaction.
 */
export async function holdingAdvisoryLock<T>(pool: pg.Pool, key: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A connection the server ends while checked out says so as an 'error' event too; unheard,
  // that event would end the process. The query under way fails with it anyway.
  const onError = () => (broken = true);
  client.on('error', onError);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work(client);
    } finally {
      // A connection that broke mid-way has lost the lock with it; the error that broke it is the one to report.
      await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => (broken = true));
    }
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
