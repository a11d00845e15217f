import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { settlementText } from '../../shared/catalog/settlement.js';
import { sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { ocrVietnamese, previewFile } from '../support/read-back.js';
import { skipWithout } from '../support/prerequisites.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const code = (e: unknown) => (e as { data: { code: string } }).data.code;

describe('a dossier keeps who took it in', () => {
  /** Hoa takes a dossier in at Q01 of the demo office; then the counter and office change and Lan signs in. */
  async function takenInThenMoved() {
    const started = await startCore();
    h = started;
    const hoa = await started.clientAs('clerk', 'hoa', 'Nguyễn Thị Hoa');
    const r = await hoa.dossiers.intake(sampleIntake(1));
    await started.core.printing.idle();
    await started.client.settings.update({ counter: { code: 'Q09' }, office: { code: '700000', name: 'Bưu cục Sài Gòn' } });
    return { h: started, r, lan: await started.clientAs('clerk', 'lan', 'Trần Thị Lan') };
  }

  it('stores office, counter and clerk as they were; a reprint after a change of clerk and counter still shows them', async () => {
    const { h, r, lan } = await takenInThenMoved();
    const d = await h.client.dossiers.get({ id: r.dossierId });
    expect(d).toMatchObject({ officeCode: '100000', officeName: 'Bưu cục Trung tâm (demo)', counterCode: 'Q01', clerkCode: 'hoa', clerkName: 'Nguyễn Thị Hoa' });

    const again = await lan.printing.reprint({ dossierId: r.dossierId, document: 'receipt' });
    expect(again).toMatchObject({ clerkCode: 'lan', reprint: true });
  });

  it.skipIf(skipWithout('tesseract'))('a reprint after a change of clerk, counter and office reads back with those of the intake', async () => {
    const { h, r, lan } = await takenInThenMoved();
    const again = await lan.printing.reprint({ dossierId: r.dossierId, document: 'receipt' });
    await h.core.printing.idle();
    const text = await ocrVietnamese(await previewFile(h, again.id, 'reprint'));
    expect(text).toContain('Bưu cục Trung tâm (demo)');
    expect(text).toContain('Quầy Q01');
    expect(text).not.toContain('Q09');
    expect(text).not.toContain('Sài Gòn');
    expect(text).toMatch(/Giao dịch viên .*\(hoa\)/);
    expect(text).toMatch(/In lại bởi: .*\(lan\)/);
  });

  it('stores the settlement time and the estimated result date: handover date + settlement days, working days', async () => {
    h = await startCore();
    const r = await h.client.dossiers.intake(sampleIntake(1));
    // The clerk sees it in the answer to the intake too, to tell the citizen.
    expect(r.estimatedResultDate).toBe('2026-12-08');
    const d = await h.client.dossiers.get({ id: r.dossierId });
    // Accepted Friday 27/11, handed over Tuesday 01/12; 5 working days later is Tuesday 08/12.
    expect(d).toMatchObject({ expectedHandoverDate: '2026-12-01', deadlineDays: 5, estimatedResultDate: '2026-12-08' });
    expect(settlementText(d)).toBe('Thời hạn giải quyết: 5 ngày làm việc');
    expect(settlementText({ deadlineText: '', deadlineDays: null, deadlineUnit: null })).toBeNull();
  });

  it.skipIf(skipWithout('tesseract'))('the receipt reads back with the settlement time, the estimate and the signature blocks', async () => {
    h = await startCore();
    const r = await h.client.dossiers.intake(sampleIntake(1));
    await h.core.printing.idle();
    const [receipt] = await h.client.printing.jobs({ dossierId: r.dossierId });
    const text = await ocrVietnamese(await previewFile(h, receipt!.id, 'receipt'));
    expect(text).toContain('Thời hạn giải quyết: 5 ngày làm việc');
    expect(text).toMatch(/Ngày trả kết quả dự kiến\s+08\/12\/2026 \(dự kiến\)/);
    expect(text).toContain('Thời điểm tiếp nhận');
    expect(text).toContain('(Ký, ghi rõ họ tên)');
  });

  it('finds a guided dossier in Lookup by the code on its guidance slip', async () => {
    h = await startCore();
    const accepted = await h.client.dossiers.intake(sampleIntake(1));
    const g = await h.client.dossiers.intake({ ...sampleIntake(1), decision: 'guide', documents: [] });
    const slip = `HD${String(g.dossierId).padStart(6, '0')}`;
    expect(await h.client.dossiers.findByCode({ code: slip.toLowerCase() })).toEqual({ id: g.dossierId });
    // The form of the code does not open an accepted dossier by its internal number.
    const notGuided = `HD${String(accepted.dossierId).padStart(6, '0')}`;
    await expect(h.client.dossiers.findByCode({ code: notGuided })).rejects.toSatisfy((e) => code(e) === 'DOSSIER_NOT_FOUND');
    await h.core.printing.idle();
    const [job] = await h.client.printing.jobs({ dossierId: g.dossierId });
    expect(job!.dossierRef).toBe(slip);
  });
});

describe('migration 004', () => {
  it('fills the clerk name of dossiers taken in before it from their first event, and keeps print jobs', () => {
    const db = openDatabase(tempDir());
    const all = loadMigrations();
    migrate(db, all.filter((m) => m.version < 4));
    db.exec(`
      INSERT INTO catalog_versions VALUES (1, '2026-01-01', 'x', 0, 0, 'gdv01', 'Q01');
      INSERT INTO dossiers (id, status, created_at, created_day, catalog_version, procedure_code, procedure_name, agency_code,
        agency_name, sender_kind, sender_name, sender_name_key, sender_personal_id, sender_old_id, sender_business_code,
        sender_birth_date, sender_gender, sender_address, sender_phone, sender_email, service, return_method, delivery_address,
        fee_reason, fees_total, postage, office_code, counter_code, clerk_code)
      VALUES (7, 'accepted-at-post', '2026-11-01T02:00:00Z', '2026-11-01', 1, 'p', 'P', 'a', 'A', 'individual', 'N', 'n', '', '',
        '', '', 'male', '', '', '', 'send', 'at-post', '', '', 0, 0, '100000', 'Q01', 'gdv01');
      INSERT INTO dossier_events (dossier_id, at, type, clerk_code, clerk_name, counter_code, data)
        VALUES (7, '2026-11-01T02:00:00Z', 'accepted', 'gdv01', 'Lê Văn An', 'Q01', '{}');
      INSERT INTO print_jobs (dossier_id, document, copy_label, created_at, clerk_code, clerk_name, counter_code, state, target,
        bytes, sha256, png, updated_at) VALUES (7, 'receipt', '', '2026-11-01', 'gdv01', 'Lê Văn An', 'Q01', 'sent', 'x', x'00', 's', x'00', '2026-11-01');
    `);
    expect(migrate(db, all).applied).toContain(4);
    expect(db.prepare('SELECT clerk_code, clerk_name, office_name, estimated_result_date FROM dossiers WHERE id = 7').get()).toEqual({
      clerk_code: 'gdv01',
      clerk_name: 'Lê Văn An',
      office_name: '',
      estimated_result_date: null,
    });
    expect(db.prepare('SELECT dossier_id, state FROM print_jobs').all()).toEqual([{ dossier_id: 7, state: 'sent' }]);
    db.close();
  });
});
