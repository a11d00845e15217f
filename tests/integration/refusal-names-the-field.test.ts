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

/** The refusal's first problem, as the form shows it. */
const refusal = async (call: Promise<unknown>) => {
  const err = await failure(call);
  expect(err).toMatchObject({ code: 'INVALID_INPUT' });
  return (err as unknown as { problems: { vi: string; en: string }[] }).problems[0];
};

describe('a form outside intake, refused over HTTP, names its field with the screen’s own label', () => {
  it('each passphrase by its form', async () => {
    const h = running[running.push(await startCore()) - 1]!;
    const long = 'x'.repeat(201);
    expect(await refusal(h.client.backup.create({ passphrase: long }))).toEqual({ vi: 'Mật khẩu sao lưu: dài quá 200 ký tự', en: 'Backup passphrase: longer than 200 characters' });
    expect((await refusal(h.client.backup.previewRestore({ fileName: 'a.bccibak', contentBase64: '', passphrase: long })))?.vi).toBe('Mật khẩu của bản sao lưu: dài quá 200 ký tự');
    expect((await refusal(h.client.audit.exportKey({ passphrase: long })))?.vi).toBe('Mật khẩu của tệp khoá: dài quá 200 ký tự');
  });

  it('Settings, the calendar, retention and F6', async () => {
    const h = running[running.push(await startCore()) - 1]!;
    expect((await refusal(h.client.settings.update({ s10: { service: 'E1' } })))?.vi).toBe('Mã dịch vụ (2 chữ): không đúng định dạng');
    expect((await refusal(h.client.settings.update({ printer: { port: 0 } })))?.vi).toMatch(/^Cổng: /);
    expect((await refusal(h.client.calendar.saveNotice({ year: 2027, reference: '', days: [] })))?.vi).toBe('Số, ngày thông báo: không được để trống');
    expect((await refusal(h.client.retention.setPeriod({ years: 5.5 })))?.vi).toMatch(/^Số năm lưu trữ \(ít nhất 5\): /);
    expect((await refusal(h.client.reports.periodic({ from: '2026-13-40', to: '2026-11-30' })))?.en).toMatch(/^From: /);
  });
});
