import { skipWithout } from './prerequisites.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';
import { test } from './browser-mode.js';

/** A throwaway PostgreSQL server for one spec file (skipped where Debian's PostgreSQL is missing); call at the top level. */
export function useTestPostgres(): () => TestPostgres {
  const missing = skipWithout('postgres');
  test.skip(missing !== false, missing || undefined);
  let server: TestPostgres | undefined;
  test.beforeAll(async () => {
    server = await startTestPostgres();
  });
  test.afterAll(async () => {
    await server?.remove();
  });
  return () => server!;
}
