import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresData, type Data } from '../../electron/core/db/data.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import type { DossierSearch } from '../../electron/core/dossiers/search/dossier-search.js';
import { AT, intakeWrites } from '../support/intake-writes.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

const skip = skipWithout('postgres');
let server: TestPostgres;
let data: Data;

/** Lookup on PostgreSQL is not written yet (decision 0023); these tests only write. */
const noLookup: DossierSearch = {
  search: () => Promise.reject(new Error('lookup on PostgreSQL is not part of this test')),
};
describe.skipIf(skip)('the intake writes on a real PostgreSQL server', () => {
  beforeAll(async () => {
    server = await startTestPostgres();
    const login = await server.createDatabase('office_intake');
    const { pool } = await openOfficeDatabase({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' }, login.password, 'Q01');
    data = postgresData(pool);
  }, 60_000);
  afterAll(async () => {
    await data?.destroy();
    await server?.remove();
  });

  it('50 transactions at once take register numbers 1 to 50 without a gap; one that fails between writes leaves nothing and takes none', async () => {
    const { id: version } = await data
      .insertInto('catalog_versions')
      .values({ imported_at: AT, source_name: 'demo', procedure_count: 0, clerk_code: 'gdv01', counter_code: 'Q01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const repo = new DossierRepository(data, noLookup);
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => intakeWrites(repo, version, i)));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    await expect(intakeWrites(repo, version, 50, true)).rejects.toThrow('failed between writes');
    const count = async (table: 'dossiers' | 'intake_requests' | 'dossier_events') =>
      Number((await data.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect({ dossiers: await count('dossiers'), events: await count('dossier_events'), keys: await count('intake_requests') }).toEqual({ dossiers: 50, events: 50, keys: 50 });
    expect(await intakeWrites(repo, version, 51)).toBe(51);

    const d = await repo.get((await repo.requestOf('key-7'))!.dossierId);
    expect(d).toMatchObject({ status: 'accepted-at-post', fees: [{ name: 'Lệ phí', amount: 135000 }], total: 160000 });
  }, 60_000);
});
