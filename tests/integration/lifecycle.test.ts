import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { openDatabase, type Db } from '../../electron/core/db/open.js';
import { SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { EVENT_KINDS, type DossierEvent } from '../../shared/lifecycle/events.js';
import { DOSSIER_STATUSES } from '../../shared/lifecycle/states.js';
import { failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { onOfficeServer } from '../support/suite-postgres.js';

describe('the core records a dossier’s life through the lifecycle table', () => {
  let h: Harness;
  afterEach(async () => {
    vi.restoreAllMocks();
    await h?.stop();
  });

  /** What a batch or return service will do: one event in one transaction, through the repository. */
  const record = (dossierId: number, event: DossierEvent) =>
    h.core.dossiers.inTransaction((dossiers) => dossiers.appendEvent(dossierId, h.clock.now.toISOString(), event, h.core.auth.actor(SYSTEM_CLERK)));
  const failed = (write: () => Promise<unknown>) => failure(write());

  it('refuses a transition not in the table, says so in both languages, logs it without personal data, and writes nothing', async () => {
    h = await startCore();
    const { dossierId } = await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!));
    const before = await h.client.dossiers.get({ id: dossierId });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const refused = await failed(() => record(dossierId, { kind: 'delivered', data: { recipientName: 'Nguyễn Văn Đức', recipientIdNumber: '001090123456', authorised: false } }));
    expect(refused).toMatchObject({ code: 'TRANSITION_REFUSED' });
    expect(refused.vi).toContain('Đã tiếp nhận tại bưu cục');
    expect(refused.vi).toContain('Trả kết quả');
    expect(refused.en).toContain('Result delivered');

    const after = await h.client.dossiers.get({ id: dossierId });
    expect(after.status).toBe('accepted-at-post');
    expect(after.events).toEqual(before.events);
    const logged = warn.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(logged).toContain(`dossier ${dossierId} is accepted-at-post; delivered is not allowed`);
    for (const personal of [before.senderName, before.sender.personalId, before.sender.address, before.sender.phone]) expect(logged).not.toContain(personal);
  });

  it('moves the status with each allowed event, in one write with the event', async () => {
    h = await startCore();
    const { dossierId } = await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!));
    expect(await record(dossierId, { kind: 'batched', data: { batchId: 'L1' } })).toBe('in-batch');
    expect(await record(dossierId, { kind: 'handed-over', data: { batchId: 'L1' } })).toBe('handed-over');
    const d = await h.client.dossiers.get({ id: dossierId });
    expect(d.status).toBe('handed-over');
    expect(d.events.map((e) => [e.type, e.data])).toEqual([
      ['accepted', expect.objectContaining({ registerNo: d.registerNo })],
      ['batched', { batchId: 'L1' }],
      ['handed-over', { batchId: 'L1' }],
    ]);
    // The same event twice is a transition the table does not have from where the first one led.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await failed(() => record(dossierId, { kind: 'handed-over', data: { batchId: 'L1' } }))).toMatchObject({ code: 'TRANSITION_REFUSED' });
  });

  it('refuses an event whose data is not its kind’s, and an event for a dossier that does not exist', async () => {
    h = await startCore();
    const { dossierId } = await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const malformed = { kind: 'batched', data: { batch: 7 } } as unknown as DossierEvent;
    expect(await failed(() => record(dossierId, malformed))).toMatchObject({ code: 'EVENT_DATA_INVALID' });
    expect((await h.client.dossiers.get({ id: dossierId })).events).toHaveLength(1);
    expect(await failed(() => record(dossierId + 1000, { kind: 'batched', data: { batchId: 'L1' } }))).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
  });
});

/** The CHECK's list of values for `column` in the table's CREATE statement. */
function checkList(db: Db, table: string, column: string): string[] {
  const { sql } = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string };
  const list = new RegExp(`\\b${column}\\s+TEXT NOT NULL CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql);
  expect(list, `${table}.${column} has a CHECK list`).not.toBeNull();
  return list![1]!.split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
}

/** Indexes and triggers of the two rebuilt tables, and the foreign keys pointing at dossiers. */
function shape(db: Db) {
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name IN ('dossiers', 'dossier_events') AND sql IS NOT NULL ORDER BY name")
    .all();
  const tables = ['dossier_documents', 'dossier_fees', 'dossier_events', 'intake_requests', 'print_jobs'];
  const references = tables.map((t) => [t, (db.pragma(`foreign_key_list(${t})`) as { table: string }[]).map((f) => f.table)]);
  return { objects, references };
}

const dump = (db: Db) => ({
  dossiers: db.prepare('SELECT * FROM dossiers ORDER BY id').all(),
  events: db.prepare('SELECT * FROM dossier_events ORDER BY id').all(),
  documents: db.prepare('SELECT * FROM dossier_documents ORDER BY dossier_id, seq').all(),
  fees: db.prepare('SELECT * FROM dossier_fees ORDER BY dossier_id, line').all(),
  requests: db.prepare('SELECT * FROM intake_requests ORDER BY request_key').all(),
  jobs: db.prepare('SELECT id, dossier_id, state FROM print_jobs ORDER BY id').all(),
});

// SQLite's migration 016 rebuilt the file's tables; the server's schema was made with its checks (015/016 on PostgreSQL).
describe.skipIf(onOfficeServer())('migration 016', () => {
  const dbs: Db[] = [];
  afterEach(() => dbs.splice(0).forEach((db) => db.close()));

  /** A database as the app left it before 016: dossiers taken in through the real intake, ids with gaps. */
  async function filledBefore016(): Promise<Db> {
    const dataDir = tempDir();
    const seed = await startCore({ dataDir });
    const v = (await seed.client.catalog.status()).version!;
    await seed.client.dossiers.intake(sampleIntake(v));
    await seed.client.dossiers.intake(sampleIntake(v, { decision: 'guide', documents: [] }));
    await seed.client.dossiers.intake(sampleIntake(v, { sender: { ...sampleIntake(v).sender, fullName: 'Trần Thị Thu Hà', personalId: '001190123457', gender: 'female' } }));
    await seed.stop();
    // Back to the schema of 015 with the same rows: a fresh file migrated to 015 and filled from the seed.
    const db = openDatabase(tempDir());
    dbs.push(db);
    migrate(db, loadMigrations().filter((m) => m.version < 16));
    db.exec(`ATTACH '${dataDir}/counter.sqlite' AS seed`);
    db.exec('PRAGMA defer_foreign_keys = ON');
    db.transaction(() => {
      for (const t of ['catalog_versions', 'procedures', 'procedure_documents', 'dossiers', 'dossier_documents', 'dossier_fees', 'dossier_events', 'intake_requests', 'print_jobs', 'register_counters']) {
        const columns = (db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name);
        // Dossier ids 5, 10, 15: gaps, as rolled-back intakes leave, which the rebuild must keep.
        // Each job carried its own recipe then (migration 035 moved them to print_recipes).
        const values = columns.map((c) =>
          (t === 'dossiers' && c === 'id') || c === 'dossier_id' ? `${c} * 5` : c === 'recipe' ? '(SELECT r.recipe FROM seed.print_recipes r WHERE r.id = recipe_id)' : c,
        );
        db.exec(`INSERT INTO main.${t} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM seed.${t}`);
      }
    })();
    db.exec('DETACH seed');
    return db;
  }

  it('keeps every row, id, index, trigger, reference and the name index of a database filled before it', async () => {
    const db = await filledBefore016();
    const before = { rows: dump(db), shape: shape(db) };
    expect(before.rows.dossiers.map((d) => (d as { id: number }).id)).toEqual([5, 10, 15]);
    expect(before.rows.events).toHaveLength(3);
    expect(before.rows.jobs.length).toBeGreaterThan(0);

    // 016 alone (later steps add columns and indexes of their own, so they are compared after it)
    expect(migrate(db, loadMigrations().filter((m) => m.version <= 16)).applied).toEqual([16]);

    expect(dump(db)).toEqual(before.rows);
    const after = shape(db);
    expect(after.references).toEqual(before.shape.references);
    expect(after.objects).toEqual(before.shape.objects);
    // the later steps follow it on the same database
    expect(migrate(db).applied[0]).toBeGreaterThan(16);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The name index still answers for old rows, and follows new ones.
    const named = (word: string) => db.prepare('SELECT rowid FROM dossier_names WHERE dossier_names MATCH ? ORDER BY rowid').pluck().all(word);
    expect(named('thu')).toEqual([15]);
    db.prepare("UPDATE dossiers SET sender_name_key = 'le van binh' WHERE id = 5").run();
    expect(named('binh')).toEqual([5]);
    // Still append-only, and a dossier with a history cannot be removed.
    expect(() => db.prepare("UPDATE dossier_events SET type = 'guided' WHERE dossier_id = 5").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM dossiers WHERE id = 5').run()).toThrow(/FOREIGN KEY/);
  });

  it('refuses a status or an event kind the lifecycle does not have, written straight into the database', async () => {
    const db = await filledBefore016();
    migrate(db);
    expect(() => db.prepare("UPDATE dossiers SET status = 'lost' WHERE id = 5").run()).toThrow(/CHECK constraint/);
    expect(() =>
      db.prepare("INSERT INTO dossier_events (dossier_id, at, type, clerk_code, clerk_name, counter_code, data) VALUES (5, 'x', 'teleported', 'a', 'A', 'Q01', '{}')").run(),
    ).toThrow(/CHECK constraint/);
    db.prepare("UPDATE dossiers SET status = 'in-batch' WHERE id = 5").run();
    db.prepare("INSERT INTO dossier_events (dossier_id, at, type, clerk_code, clerk_name, counter_code, data) VALUES (5, 'x', 'batched', 'a', 'A', 'Q01', '{}')").run();
  });

  it('lists exactly the lifecycle’s states and event kinds, so the two cannot drift apart', () => {
    const db = openDatabase(tempDir());
    dbs.push(db);
    migrate(db);
    expect(checkList(db, 'dossiers', 'status').sort()).toEqual([...DOSSIER_STATUSES].sort());
    expect(checkList(db, 'dossier_events', 'type').sort()).toEqual([...EVENT_KINDS].sort());
  });
});
