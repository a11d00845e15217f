import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresData, type Data } from '../../electron/core/db/data.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import { postgresDossierSearch } from '../../electron/core/dossiers/search/postgres-search.js';
import type { PgLogin } from '../support/postgres.js';
import { makeS10 } from '../../shared/ids/s10.js';
import { actor, AT, intakeWrites, newDossier } from '../support/intake-writes.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

let data: Data;

const officeServer = (login: PgLogin) => ({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable' as const, caFile: '' });

/** A catalogue version for the dossiers to point at. */
async function catalogVersion(db: Data): Promise<number> {
  const { id } = await db
    .insertInto('catalog_versions')
    .values({ imported_at: AT, source_name: 'demo', procedure_count: 0, clerk_code: 'gdv01', counter_code: 'Q01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

// Each test on an empty database of the run's office server: the run on PostgreSQL.
describe.skipIf(!onOfficeServer())('the intake writes on a real PostgreSQL server', () => {
  beforeAll(async () => {
    const login = await freshOfficeDatabase('empty');
    const { pool } = await openOfficeDatabase(officeServer(login), login.password, 'Q01');
    data = postgresData(pool);
  }, 60_000);
  afterAll(async () => {
    await data?.destroy();
  });

  it('50 transactions at once take register numbers 1 to 50 without a gap; one that fails between writes leaves nothing and takes none', async () => {
    const version = await catalogVersion(data);
    const repo = new DossierRepository(data, postgresDossierSearch);
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

  it('four counters, each on its own pool, take in 100 dossiers each at once: register numbers 1 to 400, no gap, no duplicate', async () => {
    const login = await freshOfficeDatabase('empty');
    // Four counters starting together: the migration lock lets one migrate, the others find it done.
    const counters = await Promise.all(['Q01', 'Q02', 'Q03', 'Q04'].map(async (code) => postgresData((await openOfficeDatabase(officeServer(login), login.password, code)).pool)));
    try {
      const version = await catalogVersion(counters[0]!);
      const seqs = await Promise.all(
        counters.flatMap((db, c) => {
          const repo = new DossierRepository(db, postgresDossierSearch);
          return Array.from({ length: 100 }, (_, n) => intakeWrites(repo, version, c * 100 + n));
        }),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      const stored = await counters[3]!.selectFrom('dossiers').select('register_seq').orderBy('register_seq').execute();
      expect(stored.map((r) => r.register_seq)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    } finally {
      await Promise.all(counters.map((db) => db.destroy()));
    }
  }, 120_000);

  it('a range met without a count of its own (lost to the shared row kept from before 034) starts after the highest number the register holds in it', async () => {
    const login = await freshOfficeDatabase('empty');
    const db = postgresData((await openOfficeDatabase(officeServer(login), login.password, 'Q01')).pool);
    try {
      const version = await catalogVersion(db);
      const repo = new DossierRepository(db, postgresDossierSearch);
      // Numbers of this range already in the book, and of the neighbouring ranges and another country.
      const serials = [...Array.from({ length: 300 }, (_, i) => 20_000_000 + i), 19_999_999, 21_000_000];
      await repo.inTransaction(async (tx) => {
        for (const [i, serial] of serials.entries()) await tx.insert(newDossier(version, i), null, makeS10('EL', serial), actor);
        await tx.insert(newDossier(version, 999), null, makeS10('EL', 20_500_000, 'CN'), actor);
      });
      // The shared count, as migration 034 kept it: one number, of another counter's range.
      await db.insertInto('item_serials').values({ service: 'EL', country: 'VN', range_first: 22_000_017, range_last: 22_000_017, last_serial: 22_000_017 }).execute();

      const range = { service: 'EL', country: 'VN', first: 20_000_000, last: 20_999_999 };
      expect(await repo.lastSerial(range)).toBe(20_000_299);
      expect(await repo.inTransaction((tx) => tx.nextSerial(range))).toBe(20_000_300);
      expect(await repo.inTransaction((tx) => tx.nextSerial(range))).toBe(20_000_301);
      // The other country's and a range holding nothing yet are untouched by it.
      expect(await repo.lastSerial({ ...range, first: 23_000_000, last: 23_999_999 })).toBeUndefined();
      expect(await repo.inTransaction((tx) => tx.nextSerial({ ...range, country: 'CN' }))).toBe(20_500_001);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
