import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILDING, takeIn } from '../support/batches.js';
import { sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { officeServerOf, pointAt } from '../support/office-move.js';
import type { PgLogin } from '../support/postgres.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

/**
 * A counter's sealed dossiers moved to the office server (decision 0066 with 0033): the seals
 * written on SQLite check sound on PostgreSQL, so do the ones the server's writes add, and an
 * alteration made on the server afterwards is named.
 */
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0).reverse()) await h.stop();
});

async function onServer(login: PgLogin, text: string, values: unknown[] = []): Promise<void> {
  const c = new pg.Client(login);
  await c.connect();
  try {
    await c.query(text, values);
  } finally {
    await c.end();
  }
}

describe.skipIf(!onOfficeServer())('seals moved to the office server', () => {
  it('check sound there, with what the server writes after, and an alteration made on the server is named', async () => {
    const login = await freshOfficeDatabase('empty');
    const own = await startCore({ dataDir: tempDir() });
    running.push(own);
    // On the counter's file: accepted and guided intakes, a correction, a reprint, a void, a batch.
    const supervisor = await own.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    const version = (await own.client.catalog.status()).version!;
    const a = await takeIn(own.client);
    const b = await takeIn(own.client);
    await own.client.dossiers.intake(sampleIntake(version, { decision: 'guide' }));
    await supervisor.dossiers.correct({ dossierId: a.id, reason: 'Sai chính tả tên', changes: { fullName: 'Nguyễn Văn Đực' } });
    await own.client.printing.reprint({ dossierId: a.id, document: 'receipt' });
    await supervisor.dossiers.void({ dossierId: b.id, reason: 'Nhận nhầm thủ tục' });
    const batch = await own.client.batches.create({ agencyCode: BUILDING });
    await own.client.batches.addByPick({ batchId: batch.id, dossierIds: [a.id] });
    await own.core.printing.idle();
    const before = await supervisor.audit.check({ full: true });
    expect(before.problems).toEqual([]);
    expect(before.dossiers).toEqual({ sealed: 3, beforeSeals: 0 });

    await own.client.office.move({ server: officeServerOf(login), password: login.password });
    await own.stop();
    running.splice(running.indexOf(own), 1);
    pointAt(own.dataDir, login, { use: true });
    const moved = await startCore({ dataDir: own.dataDir, env: { BCCI_OFFICE_PASSWORD: login.password } });
    running.push(moved);
    expect(moved.core.db).toBeNull();
    const there = await moved.clientAs('supervisor', 'ksv02', 'Lê Thị Soát');

    // The seals written on the counter's file check sound on the server.
    const sound = await there.audit.check({ full: true });
    expect(sound.problems).toEqual([]);
    expect(sound.intact).toBe(true);
    expect(sound.dossiers).toEqual({ sealed: 3, beforeSeals: 0 });
    // The server's own writes to moved dossiers chain on from them.
    await moved.client.printing.reprint({ dossierId: a.id, document: 'label' });
    await there.dossiers.correct({ dossierId: a.id, reason: 'Sai số nhà', changes: { address: 'Số 3 Tràng Tiền, Hoàn Kiếm, Hà Nội' } });
    const c = await takeIn(moved.client);
    const after = await there.audit.check({ full: true });
    expect(after.problems).toEqual([]);
    expect(after.dossiers).toEqual({ sealed: 4, beforeSeals: 0 });

    // Someone with the server's password changes a moved dossier's citizen, and a print job of the new one.
    await onServer(login, "UPDATE dossiers SET sender_personal_id = '001090999999' WHERE id = $1", [b.id]);
    await onServer(login, "UPDATE print_jobs SET copy_label = 'Bản giả' WHERE id = (SELECT min(id) FROM print_jobs WHERE dossier_id = $1)", [c.id]);
    const found = await there.audit.check({ full: true });
    expect(found.intact).toBe(false);
    expect(found.problems.map((p) => [p.kind, p.entry])).toEqual([
      ['dossier', b.id],
      ['dossier', c.id],
    ]);
    expect(found.problems[0]!.message.en).toMatch(new RegExp(`^Dossier ${b.id} \\(register no\\. 000002/\\d{4}, item ${b.item}\\) was altered outside the app`));
    expect(found.problems[1]!.message.en).toMatch(/print job row \d+ was altered/);
    expect(found.headline.en).toMatch(/^The chain of audit entries is intact: .* But 2 dossiers were altered or deleted outside the app/);
  }, 120_000);
});
