import { afterEach, describe, expect, it } from 'vitest';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';

const running: Harness[] = [];
afterEach(() => Promise.all(running.splice(0).map((h) => h.stop())));

describe('a form sent empty is refused with the field named in the clerk’s words', () => {
  it('"Chỉ nhận kết quả" without the agency’s dossier code names "Mã hồ sơ"', async () => {
    const h = running[running.push(await startCore()) - 1]!;
    const version = (await h.client.catalog.status()).version!;
    const refused = await failure(
      h.client.returns.registerResultOnly({
        agencyDossierCode: '',
        procedureCode: '1.002804',
        catalogVersion: version,
        sender: sampleIntake(version).sender,
        returnMethod: 'at-office',
        deliveryAddress: '',
        appointmentDate: null,
      }),
    );
    expect(refused).toMatchObject({
      field: 'agencyDossierCode',
      vi: expect.stringContaining('Mã hồ sơ: không được để trống'),
      en: expect.stringContaining('Agency dossier code: must not be empty'),
    });
  });

  it('a delivery without the collector’s ID or the documents names both', async () => {
    const h = running[running.push(await startCore()) - 1]!;
    const refused = await failure(h.client.returns.deliver({ dossierId: 1, collectorId: ' ', documentsHanded: [], fees: [], authorisation: { name: '', document: 'Giấy uỷ quyền số 7' } }));
    expect(refused.problems?.map((p) => p.vi)).toEqual([
      'Căn cước người nhận: không được để trống',
      'Họ và tên người được uỷ quyền: không được để trống',
      'Giấy tờ giao cho người nhận: không được để trống',
    ]);
  });
});
