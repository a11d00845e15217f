import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkS10 } from '../../shared/ids/s10.js';
import { catalogueWorkbook, SAMPLE } from '../support/catalogue-workbook.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { runSql } from '../support/raw-sql.js';

const data = (e: unknown) => (e as { data: { code: string; vi: string; en: string; field?: string; problems?: { field?: string; vi: string }[] } }).data;

let h: Harness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.stop();
});

const version = async () => (await h.client.catalog.status()).version!;

describe('first start', () => {
  it('has the demo catalogue, post office and counter', async () => {
    const status = await h.client.system.status();
    expect(status.catalog).toMatchObject({ isDemo: true, procedures: 20, version: 1 });
    expect(status.office.name).toContain('demo');
    expect(status.today).toBe('2026-11-27');
  });
});

describe('intake', () => {
  it('accepts a dossier: register number, item number, J and the expected handover date', async () => {
    const r = await h.client.dossiers.intake(sampleIntake(await version()));
    expect(r.status).toBe('accepted-at-post');
    expect(r.registerNo).toBe('000001/2026');
    expect(checkS10(r.itemNumber!).kind).toBe('s10');
    expect(r.itemNumber).toBe('EL100000003VN');
    expect(r.acceptedAt).toBe('2026-11-27T02:15:00.000Z');
    // Friday + 2 working days (default J+2) = Tuesday
    expect(r.expectedHandoverDate).toBe('2026-12-01');

    const d = await h.client.dossiers.get({ id: r.dossierId });
    expect(d).toMatchObject({ procedureName: 'Cấp đổi giấy phép lái xe', agencyCode: '000.00.15.H26', total: 160000, clerkCode: 'gdv01', counterCode: 'Q01' });
    expect(d.documents.filter((x) => x.present)).toHaveLength(3);
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({ type: 'accepted', clerkCode: 'gdv01', counterCode: 'Q01' });
  });

  it('numbers the register without gaps: refused and guided dossiers take no number', async () => {
    const v = await version();
    await h.client.dossiers.intake(sampleIntake(v));
    const missingDoc = sampleIntake(v, { documents: sampleIntake(v).documents.map((d) => (d.seq === 1 ? { ...d, present: false } : d)) });
    await expect(h.client.dossiers.intake(missingDoc)).rejects.toSatisfy((e) => data(e).field === 'documents');
    const guided = await h.client.dossiers.intake({ ...missingDoc, decision: 'guide' });
    expect(guided).toMatchObject({ status: 'guided-not-accepted', registerNo: null, itemNumber: null, missing: ['Đơn đề nghị đổi giấy phép lái xe', 'Thẻ Căn cước'] });
    const second = await h.client.dossiers.intake(sampleIntake(v, { itemNumber: 'el471108151vn' }));
    expect(second.registerNo).toBe('000002/2026');
    expect(second.itemNumber).toBe('EL471108151VN');
    await h.setClock(new Date('2027-01-04T02:00:00Z'));
    expect((await h.client.dossiers.intake(sampleIntake(v))).registerNo).toBe('000001/2027');
  });

  it('refuses a wrong check digit, a used item number and says which field', async () => {
    const v = await version();
    const wrong = await failure(h.client.dossiers.intake(sampleIntake(v, { itemNumber: 'EL471108152VN' })));
    expect(wrong.field).toBe('itemNumber');
    expect(wrong.vi).toContain('Kiểm tra số trên bao bì');
    // The digit that would make it pass is not given away.
    expect(wrong.vi.replace('EL471108152VN', '')).not.toMatch(/\d/);
    await h.client.dossiers.intake(sampleIntake(v, { itemNumber: 'EL471108151VN' }));
    const taken = await failure(h.client.dossiers.intake(sampleIntake(v, { itemNumber: 'EL471108151VN' })));
    expect(taken.field).toBe('itemNumber');
    expect(taken.vi).toContain('đã được dùng');
    // the generator skips numbers typed by hand
    await h.client.dossiers.intake(sampleIntake(v, { itemNumber: 'EL100000003VN' }));
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toBe('EL100000017VN');
    expect((await h.client.dossiers.intake(sampleIntake(v))).itemNumber).toBe('EL100000017VN');
  });

  it('checks the sender: ID against birth date and gender, phone, and lists every problem', async () => {
    const v = await version();
    const base = sampleIntake(v);
    const bad = sampleIntake(v, { sender: { ...base.sender, personalId: '001290123456', phone: '12345', email: 'a@' } });
    const err = await failure(h.client.dossiers.intake(bad));
    expect(err.code).toBe('INTAKE_INVALID');
    expect(err.problems!.map((p) => p.field)).toEqual(['personalId', 'phone', 'email']);
    expect(err.problems![0]!.vi).toContain('không khớp năm sinh 1990');
  });

  it('asks for a reason when the fee differs from the catalogue, and an address for home delivery', async () => {
    const v = await version();
    const err = await failure(h.client.dossiers
      .intake(sampleIntake(v, { fees: [{ name: 'Phí, lệ phí', amount: 100000 }], returnMethod: 'to-address' })));
    expect(err.problems!.map((p) => p.field)).toEqual(['feeReason', 'deliveryAddress']);
    const ok = await h.client.dossiers.intake(
      sampleIntake(v, { fees: [{ name: 'Phí, lệ phí', amount: 100000 }], feeReason: 'Miễn giảm theo quyết định', returnMethod: 'to-address', deliveryAddress: 'Số 2 Lý Thái Tổ' }),
    );
    const d = await h.client.dossiers.get({ id: ok.dossierId });
    expect(d).toMatchObject({ total: 125000, feeReason: 'Miễn giảm theo quyết định', deliveryAddress: 'Số 2 Lý Thái Tổ', returnMethod: 'to-address' });
  });

  it('applies J+n rules: the agency’s own rule first, then its level, then the default', async () => {
    const v = await version();
    await h.client.settings.update({ handover: { defaultDays: 2, rules: [{ level: 'Tỉnh', days: 3 }, { agencyCode: '000.00.15.H26', days: 4 }] } });
    // Sở Xây dựng has its own rule: Friday 27/11 + 4 working days
    expect((await h.client.dossiers.intake(sampleIntake(v))).expectedHandoverDate).toBe('2026-12-03');
    // Sở Tư pháp is at level Tỉnh: + 3
    const justice = sampleIntake(v, {
      procedureCode: '2.000488',
      documents: [1, 2].map((seq) => ({ seq, present: true, form: 'original' as const, count: 1 })),
      fees: [{ name: 'Phí, lệ phí', amount: 200000 }],
    });
    expect((await h.client.dossiers.intake(justice)).expectedHandoverDate).toBe('2026-12-02');
    const d = await h.client.dossiers.get({ id: 1 });
    expect(d.events[0]!.data).toMatchObject({ handoverDays: 4 });
  });

  it('refuses a procedure that is not open to postal intake', async () => {
    const v = await version();
    const r = await failure(
      h.client.dossiers.intake(sampleIntake(v, { procedureCode: '1.001022', documents: [{ seq: 1, present: true, form: 'original', count: 1 }] })),
    );
    expect(r.problems!.some((p) => p.field === 'procedure')).toBe(true);
  });

  it('lists today’s dossiers, newest first, and not yesterday’s', async () => {
    const v = await version();
    h.clock.now = new Date('2026-11-26T03:00:00Z');
    await h.client.dossiers.intake(sampleIntake(v));
    await h.setClock(new Date('2026-11-27T02:15:00Z'));
    const a = await h.client.dossiers.intake(sampleIntake(v));
    await h.setClock(new Date('2026-11-27T16:59:00Z')); // 23:59 in Hà Nội, still the 27th
    const b = await h.client.dossiers.intake({ ...sampleIntake(v), decision: 'guide', documents: [] });
    expect((await h.client.dossiers.today()).map((d) => d.id)).toEqual([b.dossierId, a.dossierId]);
  });
});

describe('catalogue versions', () => {
  it('keeps what a dossier was accepted under when a new list is imported', async () => {
    const first = await h.client.dossiers.intake(sampleIntake(await version()));
    const renamed = SAMPLE.map((p) => (p.code === '1.002804' ? { ...p, name: 'Cấp đổi GPLX (tên mới)', fee: '150.000' } : p));
    const preview = await h.client.catalog.previewImport({ fileName: 'moi.xlsx', contentBase64: (await catalogueWorkbook(renamed)).toString('base64') });
    expect(preview.canConfirm).toBe(true);
    expect(preview.changes.find((c) => c.code === '1.002804')).toMatchObject({
      kind: 'changed',
      sheet: 'Danh mục TTHC',
      row: 3,
      message: { en: 'Changed name, field, fee: 1.002804 — Cấp đổi GPLX (tên mới)' },
    });
    expect(preview.changes.filter((c) => c.kind === 'removed').length).toBe(17);
    // nothing is written before confirmation
    expect((await h.client.catalog.status()).version).toBe(1);
    const done = await h.client.catalog.confirmImport({ previewId: preview.previewId });
    expect(done).toEqual({ version: 2, procedures: 3 });
    expect((await h.client.catalog.search({ query: 'gplx', limit: 5 }))[0]!.name).toBe('Cấp đổi GPLX (tên mới)');
    const old = await h.client.dossiers.get({ id: first.dossierId });
    expect(old).toMatchObject({ procedureName: 'Cấp đổi giấy phép lái xe', catalogVersion: 1, total: 160000 });
    // the same preview cannot be confirmed twice
    await expect(h.client.catalog.confirmImport({ previewId: preview.previewId })).rejects.toSatisfy((e) => data(e).code === 'IMPORT_PREVIEW_EXPIRED');
  });

  it('will not import a file with bad rows: all or nothing', async () => {
    const bytes = await catalogueWorkbook(SAMPLE, (ps) => ps.addRow([9, 'Không mã', '', '', 'Sở', '000.00.15.H26', 'Tỉnh', 'Có', 'Có', 5, 0]));
    const preview = await h.client.catalog.previewImport({ fileName: 'loi.xlsx', contentBase64: bytes.toString('base64') });
    expect(preview.canConfirm).toBe(false);
    expect(preview.errors[0]).toMatchObject({ row: 6 });
    await expect(h.client.catalog.confirmImport({ previewId: preview.previewId })).rejects.toSatisfy((e) => data(e).code === 'IMPORT_HAS_ERRORS');
    expect((await h.client.catalog.status()).version).toBe(1);
  });
});

describe('the record cannot be rewritten', () => {
  it('refuses to update or delete dossier events', async () => {
    const r = await h.client.dossiers.intake(sampleIntake(await version()));
    await expect(runSql(h, 'UPDATE dossier_events SET type = ? WHERE dossier_id = ?', 'x', r.dossierId)).rejects.toThrow(/append-only/);
    await expect(runSql(h, 'DELETE FROM dossier_events')).rejects.toThrow(/append-only/);
  });
});

describe('item numbers as clerks mistype them', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startCore();
  });
  afterEach(() => h.stop());

  it('refuses text shaped like a mistyped S10 number, with the reason', async () => {
    for (const [typed, words] of [
      ['E1471108151VN', 'chữ số ở chỗ của chữ cái'],
      ['EL12345678VN', 'có 12 ký tự'],
      ['EL1234567890VN', 'có 14 ký tự'],
      ['3L471108151VN', 'chữ số ở chỗ của chữ cái'],
    ] as const) {
      const err = await failure(h.client.dossiers.intake(sampleIntake(1, { itemNumber: typed })));
      expect(err.field, typed).toBe('itemNumber');
      expect(err.vi, typed).toContain(words);
    }
    expect(await h.client.dossiers.today()).toEqual([]);
  });

  it('takes another carrier’s code only where a pattern declared for that carrier matches', async () => {
    const refused = await failure(h.client.dossiers.intake(sampleIntake(1, { itemNumber: 'VTP123456789' })));
    expect(refused.field).toBe('itemNumber');
    expect(refused.vi).toContain('không khớp mẫu mã của hãng vận chuyển');
    const bad = await failure(h.client.settings.update({ s10: { carriers: [{ name: 'Viettel Post', pattern: 'VTP(' }] } }));
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.vi).toContain('không phải một mẫu hợp lệ');
    await h.client.settings.update({ s10: { carriers: [{ name: 'Viettel Post', pattern: 'VTP\\d{9}' }] } });
    const ok = await h.client.dossiers.intake(sampleIntake(1, { itemNumber: 'vtp123456789' }));
    expect(ok.itemNumber).toBe('VTP123456789');
    // The pattern must match the whole code.
    expect((await failure(h.client.dossiers.intake(sampleIntake(1, { itemNumber: 'VTP1234567890' })))).field).toBe('itemNumber');
  });

  it('reports every problem of an intake at once, each with its field', async () => {
    const base = sampleIntake(1);
    const err = await failure(h.client.dossiers.intake(sampleIntake(1, {
      sender: { ...base.sender, phone: '12' },
      fees: [{ name: 'Phí, lệ phí', amount: 1 }],
      itemNumber: 'EL12345678VN',
    })));
    expect(err.problems!.map((p) => p.field)).toEqual(['phone', 'feeReason', 'itemNumber']);
  });
});

describe('text and numbers as a hostile client sends them', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startCore();
  });
  afterEach(() => h.stop());

  it('stores names and addresses without control, bidi or zero-width characters', async () => {
    const base = sampleIntake(1);
    const r = await h.client.dossiers.intake(sampleIntake(1, {
      sender: { ...base.sender, fullName: 'Nguyễn\u0000 Văn\u0007 Đức\u001b\u202e', address: '\u2066Số 1\u200b Tràng Tiền\u2069 \ud800Hà Nội' },
      fees: [{ name: 'Lệ phí\u200d', amount: 135000 }],
    }));
    const d = await h.client.dossiers.get({ id: r.dossierId });
    expect(d.sender.fullName).toBe('Nguyễn Văn Đức');
    expect(d.sender.address).toBe('Số 1 Tràng Tiền Hà Nội');
    expect(d.fees[0]!.name).toBe('Lệ phí');
  });

  it('refuses a name that is only invisible characters', async () => {
    const base = sampleIntake(1);
    const err = await failure(h.client.dossiers.intake(sampleIntake(1, { sender: { ...base.sender, fullName: '\u200b\u200c\u2060\ufeff' } })));
    expect(err.problems!.map((p) => p.field)).toContain('fullName');
  });

  it('accepts only real calendar dates of birth, naming the field', async () => {
    const base = sampleIntake(1);
    for (const birthDate of ['1990-02-31', '1990-99-99', '0000-00-00']) {
      const err = await failure(h.client.dossiers.intake(sampleIntake(1, { sender: { ...base.sender, birthDate } })));
      expect(err.code, birthDate).toBe('INVALID_INPUT');
      expect(err.field, birthDate).toBe('birthDate');
      expect(err.vi, birthDate).toContain('Ngày sinh: ngày không có thật');
    }
    expect(await h.client.dossiers.today()).toEqual([]);
  });

  it('refuses a total above 10^12 VND, and one stored row above it breaks no list', async () => {
    const big = 600_000_000_000;
    const err = await failure(h.client.dossiers.intake(sampleIntake(1, { fees: [{ name: 'a', amount: big }, { name: 'b', amount: big }], feeReason: 'x' })));
    expect(err.field).toBe('fees');
    expect(err.vi).toContain('1.000 tỷ');
    // A row written before the limit existed is still read back, alone and in the day's list.
    const ok = await h.client.dossiers.intake(sampleIntake(1));
    await runSql(h, 'UPDATE dossiers SET fees_total = ? WHERE id = ?', 2 * big, ok.dossierId);
    await runSql(h, 'UPDATE dossier_fees SET amount = ? WHERE dossier_id = ?', 2 * big, ok.dossierId);
    await h.client.dossiers.intake(sampleIntake(1));
    expect((await h.client.dossiers.today()).map((d) => d.total)).toContain(2 * big + 25_000);
    const d = await h.client.dossiers.get({ id: ok.dossierId });
    expect(d.total).toBe(2 * big + 25_000);
    expect(d.fees[0]!.amount).toBe(2 * big);
  });
});
