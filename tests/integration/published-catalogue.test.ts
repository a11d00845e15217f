import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeInput } from '../../shared/contract/index.js';
import { PUBLISHED, publishedListWorkbook } from '../support/published-list.js';
import { failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { rowOf } from '../support/raw-sql.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { sqliteData } from '../../electron/core/db/data.js';
import { sqliteSql } from '../../electron/core/db/engine-sql.js';
import { loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { CatalogueRepository } from '../../electron/core/catalog/catalogue-repository.js';
import { AuditRepository } from '../../electron/core/system/audit-repository.js';
import { settlementText } from '../../shared/catalog/settlement.js';

let h: Harness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.stop();
});

const preview = async (rows = PUBLISHED) =>
  h.client.catalog.previewImport({ fileName: 'phu-luc.xlsx', contentBase64: (await publishedListWorkbook(rows)).toString('base64') });
/** The published list without its two bad rows. */
const clean = PUBLISHED.filter((r) => typeof r === 'string' || (r.code !== '1.000008' && r.name !== 'Tên lặp lại'));

async function importClean(): Promise<number> {
  const p = await preview(clean);
  expect(p).toMatchObject({ canConfirm: true, blockedBy: null, procedures: 7, errors: [] });
  return (await h.client.catalog.confirmImport({ previewId: p.previewId })).version;
}

describe('importing a published list', () => {
  it('says why confirm is refused, and refuses it', async () => {
    const p = await preview();
    expect(p.canConfirm).toBe(false);
    expect(p.blockedBy!.vi).toContain('tệp có 2 dòng lỗi');
    expect(p.errors).toHaveLength(2);
    expect(p.warnings).toHaveLength(3);
    await expect(h.client.catalog.confirmImport({ previewId: p.previewId })).rejects.toSatisfy(
      (e) => (e as { data: { vi: string } }).data.vi === p.blockedBy!.vi,
    );
  });

  it('imports with warnings and keeps the published text, notes and in-person flag', async () => {
    const p = await preview(clean);
    expect(p.warnings.map((w) => w.row)).toEqual([13, 15]);
    const version = await importClean();
    expect(await h.client.catalog.get({ code: '1.000004' })).toMatchObject({
      catalogVersion: version,
      deadlineText: 'Ngay trong ngày làm việc',
      deadlineDays: 0,
      deadlineUnit: 'working',
      feeText: '100.000đ/lần',
      fee: 100000,
      notes: 'Người yêu cầu phải có mặt khi nhận kết quả',
      inPerson: true,
    });
    expect(await h.client.catalog.get({ code: '1.000005' })).toMatchObject({ deadlineDays: 2, deadlineUnit: 'calendar', feeText: 'Theo quy định', fee: null, inPerson: null });
  });
});

describe('the service chosen decides which procedures can be taken in', () => {
  const codes = async (service?: 'send' | 'receive' | 'both') =>
    (await h.client.catalog.search({ query: 'dang ky', limit: 20, service })).map((p) => p.code).sort();

  it('offers for sending only those open to intake by post, for receiving only those returned by post', async () => {
    await importClean();
    // 1.000004 is not taken in by post; 1.000003 is not returned by post (it does not match "dang ky")
    expect(await codes('send')).toEqual(['1.000005', '1.000006']);
    expect(await codes('receive')).toEqual(['1.000004', '1.000005', '1.000006']);
    expect(await codes('both')).toEqual(['1.000005', '1.000006']);
    expect(await codes()).toEqual(['1.000005', '1.000006']);
    const sao = await h.client.catalog.search({ query: 'trich luc', limit: 5, service: 'both' });
    expect(sao).toEqual([]);
  });

  it('refuses a dossier whose service the procedure does not allow, naming the procedure field', async () => {
    const v = await importClean();
    // each call is a new form (its own request key)
    const form = (over: Partial<IntakeInput>) => sampleIntake(v, { procedureCode: '1.000004', documents: [], fees: [{ name: 'Phí, lệ phí', amount: 100000 }], ...over });
    for (const service of ['send', 'both'] as const) {
      const r = await failure(h.client.dossiers.intake(form({ service })));
      expect(r.problems!.find((x) => x.field === 'procedure')!.vi).toContain('không được tiếp nhận hồ sơ qua bưu chính công ích');
    }
    const returnOnly = await failure(h.client.dossiers.intake(form({ procedureCode: '1.000003', fees: [{ name: 'Phí, lệ phí', amount: 0 }] })));
    expect(returnOnly.problems!.find((x) => x.field === 'procedure')!.en).toContain('does not allow the result to be returned by post');
    // "Nhận kết quả" alone sends nothing: never a dossier to batch, the clerk is sent to F3.
    const resultOnly = await failure(h.client.dossiers.intake(form({ service: 'receive' })));
    expect(resultOnly.problems!.find((x) => x.field === 'service')!.vi).toContain('Ghi ở F3 Trả kết quả, mục "Chỉ nhận kết quả"');
    expect((await rowOf(h, "SELECT count(*) AS n FROM dossiers WHERE service = 'receive'"))).toEqual({ n: 0 });
  });

  it('takes any fee without a reason when the list gives no amount', async () => {
    const v = await importClean();
    const form = (procedureCode: string) => sampleIntake(v, { procedureCode, documents: [], fees: [{ name: 'Phí, lệ phí', amount: 30000 }] });
    expect((await h.client.dossiers.intake(form('1.000005'))).status).toBe('accepted-at-post');
    expect((await failure(h.client.dossiers.intake(form('1.000006')))).problems!.some((x) => x.field === 'feeReason')).toBe(true);
  });
});

describe('the settlement time a dossier keeps', () => {
  it('prints the province’s own words and estimates the result in working or calendar days as the list says', async () => {
    const v = await importClean();
    const form = (procedureCode: string, amount: number) => sampleIntake(v, { procedureCode, documents: [], fees: [{ name: 'Phí, lệ phí', amount }] });
    // Accepted Friday 27/11, handed over Tuesday 01/12 (J+2).
    const working = await h.client.dossiers.get({ id: (await h.client.dossiers.intake(form('1.000002', 50000))).dossierId });
    expect(working).toMatchObject({ deadlineDays: 5, deadlineUnit: 'working', expectedHandoverDate: '2026-12-01', estimatedResultDate: '2026-12-08' });
    expect(settlementText(working)).toBe('Thời hạn giải quyết: Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ');
    const calendar = await h.client.dossiers.get({ id: (await h.client.dossiers.intake(form('1.000006', 0))).dossierId });
    expect(calendar).toMatchObject({ deadlineDays: 30, deadlineUnit: 'calendar', estimatedResultDate: '2026-12-31' });
    expect(settlementText(calendar)).toBe('Thời hạn giải quyết: 30 ngày');
    const unknown = await h.client.dossiers.get({ id: (await h.client.dossiers.intake(form('1.000007', 0))).dossierId });
    expect(unknown).toMatchObject({ deadlineDays: null, estimatedResultDate: null });
    expect(settlementText(unknown)).toBe('Thời hạn giải quyết: Theo quy định của pháp luật');
  });
});

describe('a catalogue imported before published text was kept', () => {
  it('reads its numeric deadlines as working days, as their header said, and its fees as known', async () => {
    const db = openDatabase(tempDir());
    migrate(db, loadMigrations().filter((m) => m.version < 5));
    db.prepare("INSERT INTO catalog_versions (id, imported_at, source_name, is_demo, procedure_count, clerk_code, counter_code) VALUES (1, '2026-01-01T00:00:00Z', 'cu.xlsx', 0, 2, 'gdv01', 'Q01')").run();
    const insert = db.prepare("INSERT INTO procedures VALUES (1, ?, 'Thủ tục', '', 'Sở', '000.00.15.H26', 'Tỉnh', 1, 1, ?, ?)");
    insert.run('1.1', 5, 135000);
    insert.run('1.2', null, 0);
    migrate(db);
    const data = sqliteData(db);
    const [a, b] = await new CatalogueRepository(data, new AuditRepository(data, randomBytes(32), sqliteSql)).procedures(1);
    expect(a).toMatchObject({ deadlineText: '5', deadlineDays: 5, deadlineUnit: 'working', feeText: '', fee: 135000, notes: '', inPerson: null });
    expect(b).toMatchObject({ deadlineText: '', deadlineDays: null, deadlineUnit: null, fee: 0 });
    await data.destroy();
  });
});
