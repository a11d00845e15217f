import { afterAll, describe, expect, it } from 'vitest';
import { catalogueWorkbook, SAMPLE } from '../support/catalogue-workbook.js';
import { sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { officeDataDir } from '../support/office-counter.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

const counters: Harness[] = [];

describe.skipIf(!onOfficeServer())('a catalogue imported at one counter of the office', () => {
  afterAll(async () => {
    for (const h of counters.splice(0).reverse()) await h.stop();
  });

  it('is the one every other counter searches, opens and takes in under, without a restart', async () => {
    const login = await freshOfficeDatabase('empty');
    for (const code of ['Q01', 'Q02']) counters.push(await startCore({ dataDir: officeDataDir(login, code), env: { BCCI_OFFICE_PASSWORD: login.password } }));
    const [q1, q2] = counters as [Harness, Harness];
    // Q02 has searched the demo catalogue: its index is loaded.
    const demo = (await q2.client.catalog.status()).version!;
    expect((await q2.client.catalog.search({ query: 'gplx', limit: 5 }))[0]!.name).toBe('Cấp đổi giấy phép lái xe');
    expect((await q2.client.catalog.search({ query: 'quoc te', limit: 5 })).map((p) => p.code)).toEqual(['1.002835']);

    const renamed = SAMPLE.map((p) => (p.code === '1.002804' ? { ...p, name: 'Cấp đổi GPLX (tên mới)', fee: '150.000' } : p));
    const preview = await q1.client.catalog.previewImport({ fileName: 'moi.xlsx', contentBase64: (await catalogueWorkbook(renamed)).toString('base64') });
    const { version } = await q1.client.catalog.confirmImport({ previewId: preview.previewId });
    expect(version).toBeGreaterThan(demo);

    // At the other counter, the next search already finds the new names; nothing restarted.
    expect((await q2.client.catalog.search({ query: 'gplx', limit: 5 }))[0]!.name).toBe('Cấp đổi GPLX (tên mới)');
    expect(await q2.client.catalog.status()).toMatchObject({ version, sourceName: 'moi.xlsx', procedures: 3, isDemo: false });
    expect(await q2.client.catalog.get({ code: '1.002804' })).toMatchObject({ name: 'Cấp đổi GPLX (tên mới)', catalogVersion: version });
    // A procedure the new list dropped is no longer offered there.
    expect(await q2.client.catalog.search({ query: 'quoc te', limit: 5 })).toEqual([]);
    const taken = await q2.client.dossiers.intake(sampleIntake(version, { fees: [{ name: 'Phí, lệ phí', amount: 150000 }] }));
    expect(await q2.client.dossiers.get({ id: taken.dossierId })).toMatchObject({ procedureName: 'Cấp đổi GPLX (tên mới)', catalogVersion: version });
  }, 120_000);
});
