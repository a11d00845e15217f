import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, sampleIntake, startCore, type Client, type Harness } from '../support/core-harness.js';
import { rowOf, rowsOf, runSql } from '../support/raw-sql.js';
import { DOSSIER_CHILDREN } from '../../electron/core/retention/retention-repository.js';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { verifyDossiers } from '../../electron/core/audit/verify-dossiers.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import { IntakeService } from '../../electron/core/dossiers/intake-service.js';
import { postgresDossierSearch } from '../../electron/core/dossiers/search/postgres-search.js';
import { sqliteDossierSearch } from '../../electron/core/dossiers/search/sqlite-search.js';
import { readUnsealedRecord, recordUnsealed } from '../../electron/core/audit/unsealed-record.js';
import { postgresSql, sqliteSql } from '../../electron/core/db/engine-sql.js';
import { AuditRepository } from '../../electron/core/system/audit-repository.js';

/**
 * Dossiers, their events and their print jobs sealed under the audit key (decision 0066): edited,
 * deleted or reordered behind the app's back — on the counter's file or the office server, with
 * the append-only triggers in place or dropped — "Kiểm tra" and the start's check name the dossier.
 */
const run = promisify(execFile);
let h: Harness;
let supervisor: Client;
let accepted: number[];
let guided: number;

afterEach(async () => {
  await h?.stop();
});

const onServer = () => h.core.db === null;

/** `npm run audit-check` on the counter's folder (the app may be running: it opens the file read-only). */
async function auditCheck(dataDir: string): Promise<{ code: number; stdout: string }> {
  try {
    return { code: 0, stdout: (await run(join('node_modules', '.bin', 'tsx'), ['tools/audit-check/main.ts', dataDir, '--full'])).stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}
const check = () => supervisor.audit.check({ full: true });
const dossierProblems = async () => (await check()).problems.filter((p) => p.kind === 'dossier');

/** Drops the events' append-only triggers, as someone holding the database would. */
async function dropEventTriggers(): Promise<void> {
  for (const name of ['dossier_events_no_update', 'dossier_events_no_delete']) await runSql(h, onServer() ? `DROP TRIGGER ${name} ON dossier_events` : `DROP TRIGGER ${name}`);
}

/** Runs `edit` behind the app's back, expects the check to name `dossier` with `words`, then `undo`es it: intact again. */
async function foundAndUndone(dossier: number, words: RegExp, edit: () => Promise<void>, undo: () => Promise<void>): Promise<void> {
  await edit();
  const found = await check();
  expect(found.intact).toBe(false);
  expect(found.problems.filter((p) => p.kind === 'dossier').map((p) => p.entry)).toEqual([dossier]);
  const said = found.problems.find((p) => p.kind === 'dossier')!.message;
  expect(said.vi).toMatch(new RegExp(`Hồ sơ số ${dossier}\\b`));
  expect(said.en).toMatch(words);
  await undo();
  expect((await check()).intact).toBe(true);
}

describe('the seals of dossiers, events and print jobs', () => {
  beforeEach(async () => {
    h = await startCore();
    supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    const version = (await h.client.catalog.status()).version!;
    accepted = [];
    for (let i = 0; i < 3; i++) accepted.push((await h.client.dossiers.intake(sampleIntake(version))).dossierId);
    guided = (await h.client.dossiers.intake(sampleIntake(version, { decision: 'guide' }))).dossierId;
    // The writes after intake seal again what they change: a correction, a reprint, a void.
    await supervisor.dossiers.correct({ dossierId: accepted[1]!, reason: 'Sai chính tả tên', changes: { fullName: 'Nguyễn Văn Đực' } });
    await h.client.printing.reprint({ dossierId: accepted[1]!, document: 'receipt' });
    await supervisor.dossiers.void({ dossierId: accepted[2]!, reason: 'Nhận nhầm thủ tục' });
  });

  it('check intact after intakes, a guided record, a correction, a reprint and a void; the intake is in the trail', async () => {
    const result = await check();
    expect(result.problems).toEqual([]);
    expect(result.intact).toBe(true);
    expect(result.dossiers).toEqual({ sealed: 4, beforeSeals: 0 });
    expect(result.headline.vi).toMatch(/4 hồ sơ khớp mã xác thực/);
    const intakes = await rowsOf<{ detail: string }>(h, "SELECT detail FROM audit_log WHERE action = 'dossier.intake' ORDER BY id");
    expect(intakes.map((e) => (JSON.parse(e.detail) as { dossierId: number }).dossierId)).toEqual([...accepted, guided]);
    const page = await supervisor.audit.list({ action: 'dossier.intake', limit: 10 });
    expect(page.entries.at(-1)!.about.vi).toMatch(/tiếp nhận, số sổ 000001\/2026/);
    expect(page.entries[0]!.about.vi).toMatch(/hướng dẫn, chưa tiếp nhận/);
  });

  it('stay whole when one dossier is written from several places at once (reprints, a correction)', async () => {
    const id = accepted[0]!;
    await Promise.all([
      ...Array.from({ length: 4 }, () => h.client.printing.reprint({ dossierId: id, document: 'receipt' })),
      supervisor.dossiers.correct({ dossierId: id, reason: 'Sai số nhà', changes: { address: 'Số 3 Tràng Tiền, Hoàn Kiếm, Hà Nội' } }),
      h.client.printing.reprint({ dossierId: id, document: 'label' }),
    ]);
    const result = await check();
    expect(result.problems).toEqual([]);
    expect((await rowsOf(h, 'SELECT id FROM print_jobs WHERE dossier_id = ?', id)).length).toBe(3 + 5);
  });

  it('names the dossier whose protected column was altered, each in turn (no trigger guards the row)', async () => {
    const [id] = accepted as [number];
    const columns: [string, unknown][] = [
      ['sender_name', 'Trần Văn Giả'],
      ['sender_personal_id', '001090999999'],
      ['fees_total', 1000],
      ['postage', 0],
      ['procedure_code', '9.999999'],
      ['created_at', '2026-11-01T02:00:00.000Z'],
      ['item_number', 'RR999999999VN'],
    ];
    for (const [column, value] of columns) {
      const before = (await rowOf<Record<string, unknown>>(h, `SELECT ${column} AS v FROM dossiers WHERE id = ?`, id))!['v'];
      await foundAndUndone(id, /was altered outside the app/, () => runSql(h, `UPDATE dossiers SET ${column} = ? WHERE id = ?`, value, id), () => runSql(h, `UPDATE dossiers SET ${column} = ? WHERE id = ?`, before, id));
    }
    const fee = await rowOf<{ amount: number }>(h, 'SELECT amount FROM dossier_fees WHERE dossier_id = ? AND line = 1', id);
    await foundAndUndone(id, /fees no longer match/, () => runSql(h, 'UPDATE dossier_fees SET amount = 0 WHERE dossier_id = ?', id), () => runSql(h, 'UPDATE dossier_fees SET amount = ? WHERE dossier_id = ?', fee!.amount, id));
    await foundAndUndone(id, /documents/, () => runSql(h, 'UPDATE dossier_documents SET present = 1 - present WHERE dossier_id = ? AND seq = 4', id), () => runSql(h, 'UPDATE dossier_documents SET present = 1 - present WHERE dossier_id = ? AND seq = 4', id));
    // The state: status, register number, agency code.
    await foundAndUndone(id, /status, register number or agency code/, () => runSql(h, "UPDATE dossiers SET status = 'delivered' WHERE id = ?", id), () => runSql(h, "UPDATE dossiers SET status = 'accepted-at-post' WHERE id = ?", id));
    await foundAndUndone(id, /status, register number/, () => runSql(h, 'UPDATE dossiers SET register_seq = 99 WHERE id = ?', id), () => runSql(h, 'UPDATE dossiers SET register_seq = 1 WHERE id = ?', id));
    await foundAndUndone(id, /agency code/, () => runSql(h, "UPDATE dossiers SET agency_dossier_code = 'X-1' WHERE id = ?", id), () => runSql(h, 'UPDATE dossiers SET agency_dossier_code = NULL WHERE id = ?', id));
    // A seal stripped does not make the dossier pass for one from before the seals.
    const seals = (await rowOf<{ mac: string; state_mac: string }>(h, 'SELECT mac, state_mac FROM dossiers WHERE id = ?', id))!;
    await foundAndUndone(id, /sealed at intake but now carries no MAC/, () => runSql(h, 'UPDATE dossiers SET mac = NULL, state_mac = NULL WHERE id = ?', id), () => runSql(h, 'UPDATE dossiers SET mac = ?, state_mac = ? WHERE id = ?', seals.mac, seals.state_mac, id));
    // Two dossiers' citizens swapped, each row's content seal carried along with it.
    const other = guided;
    const swap = async () => {
      const [a, b] = [(await rowOf<{ n: string; m: string }>(h, 'SELECT sender_name AS n, mac AS m FROM dossiers WHERE id = ?', accepted[1]))!, (await rowOf<{ n: string; m: string }>(h, 'SELECT sender_name AS n, mac AS m FROM dossiers WHERE id = ?', other))!];
      await runSql(h, 'UPDATE dossiers SET sender_name = ?, mac = ? WHERE id = ?', b.n, b.m, accepted[1]);
      await runSql(h, 'UPDATE dossiers SET sender_name = ?, mac = ? WHERE id = ?', a.n, a.m, other);
    };
    await swap();
    expect(new Set((await dossierProblems()).map((p) => p.entry))).toEqual(new Set([accepted[1], other]));
    await swap();
    expect((await check()).intact).toBe(true);
  });

  it('names the dossier whose event was altered, removed or reordered with the triggers dropped', async () => {
    const id = accepted[2]!; // accepted, then voided: two events
    const events = await rowsOf<{ id: number; type: string; data: string }>(h, 'SELECT id, type, data FROM dossier_events WHERE dossier_id = ? ORDER BY id', id);
    expect(events.map((e) => e.type)).toEqual(['accepted', 'voided']);
    await expect(runSql(h, "UPDATE dossier_events SET data = '{}' WHERE id = ?", events[0]!.id)).rejects.toThrow(/append-only/);
    await dropEventTriggers();
    await foundAndUndone(id, /event row \d+ was altered/, () => runSql(h, "UPDATE dossier_events SET data = '{}' WHERE id = ?", events[0]!.id), () => runSql(h, 'UPDATE dossier_events SET data = ? WHERE id = ?', events[0]!.data, events[0]!.id));
    // Reordered: the two events' contents swapped between their rows.
    const cols = 'at, type, clerk_code, clerk_name, counter_code, data, prev_mac, mac';
    const full = await rowsOf<Record<string, unknown> & { id: number }>(h, `SELECT id, ${cols} FROM dossier_events WHERE dossier_id = ? ORDER BY id`, id);
    const put = (row: Record<string, unknown>, at: number) => runSql(h, 'UPDATE dossier_events SET at = ?, type = ?, clerk_code = ?, clerk_name = ?, counter_code = ?, data = ?, prev_mac = ?, mac = ? WHERE id = ?', row['at'], row['type'], row['clerk_code'], row['clerk_name'], row['counter_code'], row['data'], row['prev_mac'], row['mac'], at);
    await put(full[1]!, full[0]!.id);
    await put(full[0]!, full[1]!.id);
    const reordered = await dossierProblems();
    expect(reordered.map((p) => p.entry)).toEqual(reordered.map(() => id));
    expect(reordered.map((p) => p.message.en).join(' ')).toMatch(/events were reordered/);
    await put(full[0]!, full[0]!.id);
    await put(full[1]!, full[1]!.id);
    expect((await check()).intact).toBe(true);
    // Removed: the first event (its follower's link names it gone), then the last (the state names it gone).
    await runSql(h, 'DELETE FROM dossier_events WHERE id = ?', full[0]!.id);
    expect((await dossierProblems()).map((p) => p.message.en)).toEqual([expect.stringMatching(new RegExp(`events before row ${full[1]!.id} were removed`))]);
    await runSql(h, 'DELETE FROM dossier_events WHERE id = ?', full[1]!.id);
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([[id, expect.stringMatching(/last event or print job was removed/)]]);
  });

  it('names the dossier whose print job was altered or removed, and the state and bytes the printer changes do not count', async () => {
    const id = accepted[1]!; // two receipts and a label, then a reprint
    const jobs = await rowsOf<{ id: number; copy_label: string }>(h, 'SELECT id, copy_label FROM print_jobs WHERE dossier_id = ? ORDER BY id', id);
    expect(jobs).toHaveLength(4);
    // What the printer and the worker change as they go is not sealed.
    await runSql(h, "UPDATE print_jobs SET state = 'failed', attempts = 3, error_code = 'X', updated_at = '2026-11-28T00:00:00.000Z' WHERE dossier_id = ?", id);
    expect((await check()).intact).toBe(true);
    await foundAndUndone(id, /print job row \d+ was altered/, () => runSql(h, "UPDATE print_jobs SET copy_label = 'Bản giả' WHERE id = ?", jobs[0]!.id), () => runSql(h, 'UPDATE print_jobs SET copy_label = ? WHERE id = ?', jobs[0]!.copy_label, jobs[0]!.id));
    await runSql(h, 'DELETE FROM print_jobs WHERE id = ?', jobs[1]!.id);
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([[id, expect.stringMatching(new RegExp(`print jobs before row ${jobs[2]!.id} were removed`))]]);
    await runSql(h, 'DELETE FROM print_jobs WHERE id = ?', jobs[3]!.id);
    expect((await dossierProblems()).map((p) => p.message.en)).toEqual([expect.stringMatching(/print jobs before row/), expect.stringMatching(/last event or print job was removed/)]);
  });

  it('says the chain of entries is intact and names the dossiers altered when only dossiers were touched; a broken chain keeps its words', async () => {
    await runSql(h, "UPDATE dossiers SET sender_personal_id = '001090999999' WHERE id = ?", accepted[0]);
    await runSql(h, 'UPDATE dossiers SET register_seq = 99 WHERE id = ?', accepted[1]);
    const found = await check();
    expect(found.intact).toBe(false);
    const [a, b] = [await rowOf<{ item_number: string }>(h, 'SELECT item_number FROM dossiers WHERE id = ?', accepted[0]), await rowOf<{ item_number: string }>(h, 'SELECT item_number FROM dossiers WHERE id = ?', accepted[1])];
    expect(found.headline.vi).toMatch(/^Chuỗi các mục nhật ký nguyên vẹn: \d+ mục, đến mục số \d+ \([^)]+\), chuỗi mã xác thực khớp\. Nhưng 2 hồ sơ đã bị sửa hoặc xoá ngoài ứng dụng: /);
    expect(found.headline.vi).toContain(`Hồ sơ số ${accepted[0]} (số sổ 000001/2026, số hiệu ${a!.item_number}); Hồ sơ số ${accepted[1]} (số sổ 000099/2026, số hiệu ${b!.item_number}).`);
    expect(found.headline.en).toMatch(/^The chain of audit entries is intact: .* But 2 dossiers were altered or deleted outside the app: Dossier \d+/);
    expect(found.headline.vi).not.toMatch(/KHÔNG nguyên vẹn/);
    expect(found.summary.vi.startsWith(found.headline.vi)).toBe(true);
    if (!onServer()) {
      // The command line says the same.
      const out = await auditCheck(h.dataDir);
      expect(out.code).toBe(1);
      expect(out.stdout).toContain('Chuỗi các mục nhật ký nguyên vẹn');
      expect(out.stdout).toContain('But 2 dossiers were altered or deleted outside the app');
    }
    // An entry altered as well: the words for a broken trail, as before.
    await runSql(h, onServer() ? 'DROP TRIGGER audit_log_no_update ON audit_log' : 'DROP TRIGGER audit_log_no_update');
    await runSql(h, 'UPDATE audit_log SET detail = \'{"edited":true}\' WHERE seq = 1');
    const broken = await check();
    expect(broken.headline.vi).toBe('Nhật ký kiểm tra KHÔNG nguyên vẹn: 3 vấn đề.');
    expect(broken.headline.en).toBe('The audit trail is NOT intact: 3 problems.');
  });

  it('the newest intake cut off the end with its dossier is seen: the end marker follows the intake entries', async () => {
    const version = (await h.client.catalog.status()).version!;
    const { dossierId } = await h.client.dossiers.intake(sampleIntake(version));
    const last = await rowOf<{ seq: number; action: string }>(h, 'SELECT seq, action FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(last!.action).toBe('dossier.intake');
    // Someone removes the dossier whole and its entry, the last of the chain.
    await dropEventTriggers();
    await runSql(h, onServer() ? 'DROP TRIGGER audit_log_no_delete ON audit_log' : 'DROP TRIGGER audit_log_no_delete');
    await runSql(h, 'DELETE FROM print_job_bytes WHERE job_id IN (SELECT id FROM print_jobs WHERE dossier_id = ?)', dossierId);
    for (const table of ['print_jobs', ...DOSSIER_CHILDREN]) await runSql(h, `DELETE FROM ${table} WHERE dossier_id = ?`, dossierId);
    await runSql(h, 'DELETE FROM dossiers WHERE id = ?', dossierId);
    await runSql(h, 'DELETE FROM audit_log WHERE seq = ?', last!.seq);
    const found = await check();
    expect(found.problems.map((p) => [p.kind, p.entry])).toEqual([['removed', last!.seq]]);
    expect(found.problems[0]!.message.en).toMatch(new RegExp(`^Entry ${last!.seq} was cut off the end of the log`));
  });

  it('names a dossier deleted with everything of it, by the intake the trail records, at start too', async () => {
    const id = accepted[0]!;
    await dropEventTriggers();
    await runSql(h, 'DELETE FROM print_job_bytes WHERE job_id IN (SELECT id FROM print_jobs WHERE dossier_id = ?)', id);
    for (const table of ['print_jobs', ...DOSSIER_CHILDREN]) await runSql(h, `DELETE FROM ${table} WHERE dossier_id = ?`, id);
    await runSql(h, 'DELETE FROM dossiers WHERE id = ?', id);
    const gone = await dossierProblems();
    expect(gone.map((p) => p.entry)).toEqual([id]);
    expect(gone[0]!.message.vi).toMatch(new RegExp(`Hồ sơ số ${id} \\(số sổ 000001/2026, số hiệu [A-Z]{2}\\d{9}VN\\) đã bị xoá khỏi cơ sở dữ liệu`));
    // The next start says so on every screen once its check of the dossiers is done.
    await h.stop();
    h = await startCore({ dataDir: h.dataDir });
    await h.core.audit.startChecked();
    const notice = (await h.client.system.status()).auditNotice;
    expect(notice?.vi).toBe('1 hồ sơ đã bị sửa hoặc xoá ngoài ứng dụng (chuỗi các mục nhật ký vẫn nguyên vẹn). Giám sát viên mở Nhật ký kiểm tra và bấm "Kiểm tra" để xem hồ sơ nào.');
    expect(notice?.en).toMatch(/^1 dossier was altered or deleted outside the app \(the chain of audit entries is intact\)/);
  });
});

describe('dossiers from before the seals', () => {
  const actor = () => ({ clerkCode: ADMIN.clerkCode, clerkName: ADMIN.clerkName, officeCode: h.core.settings.get().office.code, counterCode: h.core.settings.get().counter.code });
  /** Intake as the app wrote it before migration 040: no seals, no intake entry. */
  const unsealed = () => {
    const search = onServer() ? postgresDossierSearch : sqliteDossierSearch;
    return new IntakeService(new DossierRepository(h.core.data, search), h.core.catalogue, () => h.core.settings.get(), () => h.core.calendar.calendar(), h.core.now);
  };
  const trail = () => new AuditRepository(h.core.data, readAuditKey(h.dataDir), onServer() ? postgresSql : sqliteSql);
  let old: number[];
  let resultOnly: number;
  let sealed: number;

  /**
   * An office upgraded mid-day: two dossiers taken in before the seals, one registered "result
   * only" (its entry in the chain is older than the seals, decision 0042), then the first start
   * after the upgrade records where the rows without seals end, then a sealed intake.
   */
  beforeEach(async () => {
    h = await startCore();
    supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    const version = (await h.client.catalog.status()).version!;
    old = [(await unsealed().intake(sampleIntake(version), actor())).dossierId, (await unsealed().intake(sampleIntake(version), actor())).dossierId];
    resultOnly = (await unsealed().intake(sampleIntake(version), actor())).dossierId;
    await trail().record(h.core.now(), 'returns.resultOnly', actor(), { dossierId: resultOnly, agencyDossierCode: 'G01.01-261127-0001' });
    await recordUnsealed(trail(), h.core.now(), actor());
    sealed = (await h.client.dossiers.intake(sampleIntake(version))).dossierId;
  });

  it('counts them as such (a result-only one too), seals what the app writes to them since, and names one inserted around the app', async () => {
    let result = await check();
    expect(result.problems).toEqual([]);
    expect(result.dossiers).toEqual({ sealed: 1, beforeSeals: 3 });
    expect(result.headline.vi).toMatch(/3 hồ sơ ghi trước khi có niêm phong không có mã xác thực/);
    // The old dossier's next event and reprint are sealed, chained from its unsealed history.
    await supervisor.dossiers.void({ dossierId: old[0]!, reason: 'Khách rút hồ sơ' });
    await h.client.printing.reprint({ dossierId: old[0]!, document: 'receipt' });
    result = await check();
    expect(result.problems).toEqual([]);
    expect(result.dossiers).toEqual({ sealed: 1, beforeSeals: 3 });
    await foundAndUndone(old[0]!, /status, register number/, () => runSql(h, "UPDATE dossiers SET status = 'delivered' WHERE id = ?", old[0]!), () => runSql(h, "UPDATE dossiers SET status = 'voided' WHERE id = ?", old[0]!));
    // A dossier without seals written after the record was put there around the app.
    const forged = await unsealed().intake(sampleIntake((await h.client.catalog.status()).version!), actor());
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([
      [forged.dossierId, expect.stringMatching(/event row \d+ has no MAC/)],
      [forged.dossierId, expect.stringMatching(/carries no MAC and is not among the dossiers written before the seals/)],
    ]);
  });

  it('a file no start could write to since the seals (a moved or damaged counter\'s) has no record: its rows without a MAC read as before the seals', async () => {
    await runSql(h, onServer() ? 'DROP TRIGGER audit_log_no_delete ON audit_log' : 'DROP TRIGGER audit_log_no_delete');
    await runSql(h, "DELETE FROM audit_log WHERE action = 'dossier.unsealedRecorded'");
    const rows = await verifyDossiers(h.core.data, readAuditKey(h.dataDir));
    expect(rows.problems).toEqual([]);
    expect([rows.sealed, rows.beforeSeals]).toEqual([1, 3]);
  });

  it("a test page (a print job of no dossier) is left out of the record's count and range", async () => {
    const page = await h.client.printing.testPage();
    await recordUnsealed(trail(), h.core.now(), actor());
    const record = (await readUnsealedRecord(h.core.data))!;
    const dossierJobs = await rowOf<{ n: number | string; hi: number | string }>(h, 'SELECT count(*) AS n, max(id) AS hi FROM print_jobs WHERE mac IS NULL AND dossier_id IS NOT NULL');
    expect([record.jobs.count, record.jobs.max]).toEqual([Number(dossierJobs!.n), dossierJobs!.hi === null ? null : Number(dossierJobs!.hi)]);
    expect(record.jobs.max ?? 0).toBeLessThan(page.id);
  });

  it('an old dossier corrected after the upgrade is sealed, and the old ones after it still read as before the seals', async () => {
    await supervisor.dossiers.correct({ dossierId: old[0]!, reason: 'Sai số điện thoại', changes: { phone: '0987000111' } });
    const result = await check();
    expect(result.problems).toEqual([]);
    expect(result.intact).toBe(true);
    expect(result.dossiers).toEqual({ sealed: 2, beforeSeals: 2 });
  });

  it('names rows without a MAC given ids below every other (−1): an event (a refund owed), a print job, a whole dossier', async () => {
    await dropEventTriggers(); // to take the forged rows out again
    // The event: a void with a refund, on a sealed dossier, that the day report would read.
    await copyRow('dossier_events', sealed, -1, { type: 'voided', data: JSON.stringify({ reason: 'Huỷ', refund: 50_000 }) });
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([[sealed, expect.stringMatching(/event row -1 has no MAC/)]]);
    await runSql(h, 'DELETE FROM dossier_events WHERE id = -1');
    await copyRow('print_jobs', sealed, -1, {});
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([[sealed, expect.stringMatching(/print job row -1 has no MAC/)]]);
    await runSql(h, 'DELETE FROM print_jobs WHERE id = -1');
    expect((await check()).intact).toBe(true);
    // A whole dossier, a copy of an old one under id −1: not among those written before the seals.
    await copyDossier(old[1]!, -1);
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([[-1, expect.stringMatching(/carries no MAC and is not among the dossiers written before the seals/)]]);
  });

  it('names rows without a MAC beyond the number the record holds', async () => {
    // A purge-like removal of an old dossier, recorded since: its id is free inside the range.
    await dropEventTriggers();
    for (const table of ['print_jobs', ...DOSSIER_CHILDREN]) await runSql(h, `DELETE FROM ${table} WHERE dossier_id = ?`, old[1]!);
    await runSql(h, 'DELETE FROM dossiers WHERE id = ?', old[1]!);
    await recordUnsealed(trail(), h.core.now(), actor());
    expect((await check()).intact).toBe(true);
    // A copy of an old dossier put in the free id passes by its id, not by the count.
    await copyDossier(old[0]!, old[1]!);
    expect((await dossierProblems()).map((p) => [p.entry, p.message.en])).toEqual([[0, expect.stringMatching(/^3 dossiers carry no MAC, but the audit trail recorded only 2 such dossiers from before the seals/)]]);
  });
});

describe('a check under way', () => {
  it('reports its progress page by page and is joined by a second press; an intake sent meanwhile is taken', async () => {
    h = await startCore();
    supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    const version = (await h.client.catalog.status()).version!;
    const actor = h.core.auth.actor({ code: ADMIN.clerkCode, name: ADMIN.clerkName });
    // Three pages of the row check's 500.
    for (let i = 0; i < 1_100; i++) await h.core.intake.intake(sampleIntake(version), actor);
    expect(await supervisor.audit.checkProgress()).toBeNull();

    const pages: [number, number][] = [];
    await verifyDossiers(h.core.data, readAuditKey(h.dataDir), (checked, total) => pages.push([checked, total]));
    expect(pages).toEqual([[500, 1_100], [1_000, 1_100], [1_100, 1_100]]);

    const first = h.core.audit.check(true);
    // Under way at once, and a second press (a quick check, or the screen opened again) joins it.
    expect(h.core.audit.progress()).toEqual({ full: true, checked: 0, total: 0 });
    expect(h.core.audit.check(false)).toBe(first);
    const progress = await supervisor.audit.checkProgress();
    expect(progress?.full).toBe(true);
    // The counter keeps taking dossiers in while the check pages through.
    const taken = await h.client.dossiers.intake(sampleIntake(version));
    expect(taken.status).toBe('accepted-at-post');
    const result = await first;
    expect(result.problems).toEqual([]);
    expect(result.dossiers!.sealed).toBeGreaterThanOrEqual(1_100);
    expect(h.core.audit.progress()).toBeNull();
    expect(await supervisor.audit.checkProgress()).toBeNull();
  }, 120_000);
});

/** Inserts a copy of the dossier's first row of `table` under `id`, without a MAC, with `set` changed. */
async function copyRow(table: 'dossier_events' | 'print_jobs', dossierId: number, id: number, set: Record<string, unknown>): Promise<void> {
  const row = (await rowOf<Record<string, unknown>>(h, `SELECT * FROM ${table} WHERE dossier_id = ? ORDER BY id LIMIT 1`, dossierId))!;
  await insertRow(table, { ...row, ...set, id, prev_mac: null, mac: null });
}

/** Inserts a copy of a dossier under `id`, without seals or numbers (they are unique). */
async function copyDossier(from: number, id: number): Promise<void> {
  const row = (await rowOf<Record<string, unknown>>(h, 'SELECT * FROM dossiers WHERE id = ?', from))!;
  await insertRow('dossiers', { ...row, id, item_number: null, register_year: null, register_seq: null, agency_dossier_code: null, mac: null, state_mac: null });
}

async function insertRow(table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await runSql(h, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, ...cols.map((c) => row[c]));
}
