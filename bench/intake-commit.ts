import { createCore } from '../electron/core/core.js';
import { SYSTEM_CLERK } from '../electron/core/system/actor.js';
import { IntakeService } from '../electron/core/dossiers/intake-service.js';
import { DossierRepository } from '../electron/core/dossiers/dossier-repository.js';
import { sqliteDossierSearch } from '../electron/core/dossiers/search/sqlite-search.js';
import { fileSettingsStore } from '../electron/hosting/file-settings-store.js';
import { sampleIntake, tempDir } from '../tests/support/core-harness.js';
import { measure, type Row } from './stats.js';
import { appCommit } from './app-commit.js';

/**
 * Intake commit (validation, register number, item number, dossier, documents, fees,
 * event, one transaction, synchronous=FULL) next to a bare insert of the same dossier row.
 */
export async function benchIntakeCommit(n = 400): Promise<Row[]> {
  const dataDir = tempDir('bcci-bench-');
  let clock = Date.parse('2026-11-27T02:00:00Z');
  const core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), now: () => new Date((clock += 1000)) });
  const version = (await core.catalogue.status()).version!;
  const actor = core.auth.actor(SYSTEM_CLERK);
  const rows: Row[] = [];
  try {
    // Each call a new form (its own request key): the same key again would only be answered from the first.
    const inputs = Array.from({ length: n }, () => sampleIntake(version));
    rows.push(await measure('intake commit', 'IntakeService.intake (full)', inputs.map((input) => () => core.intake.intake(input, actor)), 'synchronous=FULL, WAL'));
    // The same intake as before decision 0066, for the ratio in one run: no seals, no audit entry.
    const unsealed = new IntakeService(new DossierRepository(core.data, sqliteDossierSearch), core.catalogue, () => core.settings.get(), () => core.calendar.calendar(), core.now);
    const plain = Array.from({ length: n }, () => sampleIntake(version));
    rows.push(await measure('intake commit', 'the same, unsealed and unaudited (before 0066)', plain.map((input) => () => unsealed.intake(input, actor)), 'ratio to the row above'));
    // As the app commits it (decision 0057): the receipts and label recorded in the same transaction, not sent here.
    const withJobs = Array.from({ length: n }, () => sampleIntake(version));
    const commit = appCommit(core.intake, core.printing);
    rows.push(await measure('intake commit', 'with its print jobs, one transaction', withJobs.map((input) => () => commit(input, actor)), 'one fsync'));
    const bare = core.db!.prepare(
      `INSERT INTO dossiers (status, created_at, created_day, catalog_version, procedure_code, procedure_name, agency_code, agency_name,
        sender_kind, sender_name, sender_name_key, sender_personal_id, sender_old_id, sender_business_code, sender_birth_date,
        sender_gender, sender_address, sender_phone, sender_email, service, return_method, delivery_address, fee_reason,
        fees_total, postage, office_code, counter_code, clerk_code)
       VALUES ('accepted-at-post', ?, '2026-11-27', ?, '1.002804', 'Cấp đổi giấy phép lái xe', '000.00.15.H26', 'Sở Xây dựng',
        'individual', 'Nguyễn Văn Đức', 'nguyen van duc', '001090123456', '', '', '1990-03-15', 'male', 'Số 1 Tràng Tiền', '0912345678', '',
        'both', 'at-office', '', '', 135000, 25000, '100000', 'Q01', 'gdv01')`,
    );
    const one = core.db!.transaction(() => bare.run(new Date().toISOString(), version));
    rows.push(await measure('intake commit', 'bare INSERT of the dossier row', Array.from({ length: n }, () => () => one()), 'same durability, one row'));
  } finally {
    await core.close();
  }
  return rows;
}
