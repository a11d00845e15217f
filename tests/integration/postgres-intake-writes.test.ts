import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresData, type Data } from '../../electron/core/db/data.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { DossierRepository, type NewDossier } from '../../electron/core/dossiers/dossier-repository.js';
import type { DossierSearch } from '../../electron/core/dossiers/search/dossier-search.js';
import { INITIAL_STATUS } from '../../shared/lifecycle/states.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

const skip = skipWithout('postgres');
let server: TestPostgres;
let data: Data;

/** Lookup on PostgreSQL is not written yet (decision 0023); these tests only write. */
const noLookup: DossierSearch = {
  search: () => Promise.reject(new Error('lookup on PostgreSQL is not part of this test')),
};
const actor = { officeCode: '100000', counterCode: 'Q01', clerkCode: 'gdv01', clerkName: 'Trần Thị Lan' };
const AT = '2026-11-27T02:15:00.000Z';

function newDossier(catalogVersion: number, i: number): NewDossier {
  return {
    status: INITIAL_STATUS,
    createdAt: AT,
    createdDay: '2026-11-27',
    acceptedAt: AT,
    catalogVersion,
    procedureCode: '1.002804',
    procedureName: 'Cấp đổi giấy phép lái xe',
    agencyCode: '000.00.15.H26',
    agencyName: 'Sở Xây dựng',
    sender: { kind: 'individual', fullName: `Nguyễn Văn Đức ${i}`, personalId: '001090123456', oldId: '', businessCode: '', birthDate: '1990-03-15', gender: 'male', address: 'Số 1 Tràng Tiền', phone: '0912345678', email: '' },
    senderNameKey: `nguyen van duc ${i}`,
    service: 'both',
    returnMethod: 'at-office',
    deliveryAddress: '',
    feeReason: '',
    fees: [{ name: 'Lệ phí', amount: 135000 }],
    postage: 25000,
    expectedHandoverDate: '2026-11-30',
    expectedHandoverProvisional: false,
    deadlineDays: 5,
    deadlineUnit: 'working',
    deadlineText: '5 ngày làm việc',
    estimatedResultDate: null,
    officeName: 'Bưu cục Hoàn Kiếm',
    documents: [{ seq: 1, name: 'Đơn đề nghị', required: true, present: true, form: 'original', count: 1 }],
  };
}

/** What the intake writes in its transaction, through the same repository the app uses. */
function intakeWrites(repo: DossierRepository, catalogVersion: number, i: number, failAfterDossier = false) {
  return repo.inTransaction(async (tx) => {
    const seq = await tx.nextRegisterSeq(2026);
    const serial = await tx.nextSerial('EL', 'VN', 1000);
    const id = await tx.insert(newDossier(catalogVersion, i), { year: 2026, seq }, `EL${serial}VN`, actor);
    if (failAfterDossier) throw new Error('failed between writes');
    await tx.appendEvent(id, AT, { kind: 'accepted', data: { registerNo: null, itemNumber: null, total: 160000, expectedHandoverDate: null, expectedHandoverProvisional: false, handoverDays: 2 } }, actor);
    await tx.recordRequest(`key-${i}`, 'sha', id, AT);
    return seq;
  });
}

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
