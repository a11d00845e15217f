import { sql } from 'kysely';
import pg from 'pg';
import { readAuditKey } from '../electron/core/audit/key-file.js';
import { CatalogueRepository } from '../electron/core/catalog/catalogue-repository.js';
import { CatalogueService } from '../electron/core/catalog/catalogue-service.js';
import { createCore, type Core } from '../electron/core/core.js';
import { postgresData, type Data, type Tx } from '../electron/core/db/data.js';
import { postgresSql } from '../electron/core/db/engine-sql.js';
import { openOfficeDatabase } from '../electron/core/db/postgres/open-office.js';
import { DossierRepository } from '../electron/core/dossiers/dossier-repository.js';
import { IntakeService } from '../electron/core/dossiers/intake-service.js';
import { postgresDossierSearch } from '../electron/core/dossiers/search/postgres-search.js';
import { moveToOffice } from '../electron/core/office-move/move.js';
import { SYSTEM_CLERK } from '../electron/core/system/actor.js';
import { defaultResourcesDir } from '../electron/core/system/paths.js';
import { PrintJobRepository } from '../electron/core/devices/printer/print-job-repository.js';
import { PrintService } from '../electron/core/devices/printer/print-service.js';
import { AuditRepository } from '../electron/core/system/audit-repository.js';
import { fileSettingsStore } from '../electron/hosting/file-settings-store.js';
import type { Settings } from '../shared/contract/index.js';
import { sampleIntake, tempDir } from '../tests/support/core-harness.js';
import { officeServerOf } from '../tests/support/office-move.js';
import { startTestPostgres, type PgLogin } from '../tests/support/postgres.js';
import { measure, summarise, type Row } from './stats.js';
import { appCommit } from './app-commit.js';

/**
 * The office server on loopback: intake commit on PostgreSQL next to SQLite, one counter at a
 * time, then four counters taking in at once on one server. The server is the tests' throwaway
 * one with durability turned back on (fsync, synchronous_commit, full_page_writes), so a commit
 * waits for the disk as SQLite's synchronous=FULL does. The server's data is a counter's,
 * moved there by the office move, and the intakes are the app's IntakeService over the server.
 */
export async function benchOfficePostgres(n = 400, counters = 4): Promise<Row[]> {
  const server = await startTestPostgres();
  const dataDir = tempDir('bcci-bench-pg-');
  let clock = Date.parse('2026-11-27T02:00:00Z');
  const now = () => new Date((clock += 1000));
  const core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), now });
  const opened: Data[] = [];
  try {
    await durable(server.superuser);
    const version = (await core.catalogue.status()).version!;
    const actor = core.auth.actor(SYSTEM_CLERK);
    const first = await office(server.app, 'Q01', opened);
    await moveToOffice({ counter: core.data, office: first, server: officeServerOf(server.app), auditKey: readAuditKey(dataDir), damage: null, dataDir, actor, now });

    const inputs = (k: number) => Array.from({ length: k }, () => sampleIntake(version));
    const onFile = appCommit(core.intake, core.printing);
    const rows = [await measure('office server', 'intake commit, SQLite', inputs(n).map((i) => () => onFile(i, actor)), 'synchronous=FULL, WAL, with its print jobs')];
    const one = await intakeOn(first, core, 'Q01');
    rows.push(await measure('office server', 'intake commit, PostgreSQL loopback', inputs(n).map((i) => () => one(i, { ...actor, counterCode: 'Q01' })), 'fsync on, one counter, with its print jobs'));

    // Four counters, each its own pool as a counter process has, each taking in one after another
    // (so one connection each is busy: the pool's size is not in play). Where the tail comes from,
    // in one run on one server: the year's register row locked from the transaction's start (as
    // intake did before decision 0040); one item-number range shared by all four (as counters
    // without ranges of their own did before decision 0056: its serial row is locked from the
    // item number's draw to the commit); each counter its own range (as shipped); and that again
    // with the commit not waiting for the disk (synchronous_commit off, for attribution only).
    const pools = await Promise.all(Array.from({ length: counters }, (_, c) => office(server.app, `Q0${c + 2}`, opened)));
    const each = Math.floor(n / counters);
    const shared = core.settings.get().s10;
    const ownRange = (c: number) => ({ ...shared, first: 30_000_000 + c * 1_000_000, last: 30_999_999 + c * 1_000_000 });
    const concurrently = async (variant: string, repoOf: (data: Data) => DossierRepository, rangeOf: (c: number) => Settings['s10'], recorded?: (data: Data) => RecordIntake): Promise<Row & { perSecond: number }> => {
      const services = await Promise.all(pools.map((data, c) => intakeOn(data, core, `Q0${c + 2}`, repoOf(data), rangeOf(c), recorded?.(data))));
      const times: number[] = [];
      const t0 = process.hrtime.bigint();
      await Promise.all(
        services.map(async (service, c) => {
          for (const input of inputs(each)) {
            const s = process.hrtime.bigint();
            await service(input, { ...actor, counterCode: `Q0${c + 2}` });
            times.push(Number(process.hrtime.bigint() - s) / 1000);
          }
        }),
      );
      const perSecond = Math.round(times.length / (Number(process.hrtime.bigint() - t0) / 1e9));
      return { ...summarise('office server', variant, times), perSecond };
    };
    const plain = (data: Data) => new DossierRepository(data, postgresDossierSearch);
    const early = await concurrently(`${counters} counters at once, register row held from the start`, (data) => new RegisterLockedEarly(data), () => shared);
    const oneRange = await concurrently(`${counters} counters at once, one item-number range shared`, plain, () => shared);
    const readEveryDraw = await concurrently(`${counters} counters at once, own ranges, earlier use read at every draw`, (data) => new SerialReadEveryDraw(data), ownRange);
    const late = await concurrently(`${counters} counters at once, PostgreSQL`, plain, ownRange);
    // Decision 0066: the rows sealed, and each intake's entry appended to the office's chain, under
    // its lock from the append to the commit; against the same seals without the entry.
    const key = readAuditKey(dataDir);
    const sealedRepo = (data: Data) => new DossierRepository(data, postgresDossierSearch, key);
    const unrecorded = await concurrently(`${counters} counters at once, sealed, no intake entry`, sealedRepo, ownRange);
    const chained = await concurrently(`${counters} counters at once, sealed, intake entry under the chain lock`, sealedRepo, ownRange, (data) => {
      const audit = new AuditRepository(data, key, postgresSql);
      return (tx, at, detail, who) => audit.in(tx).record(at, 'dossier.intake', who, detail);
    });
    await setDurability(server.superuser, false);
    const noFlush = await concurrently(`${counters} counters at once, own ranges, commit not waiting for the disk`, plain, ownRange);
    await setDurability(server.superuser, true);
    const of = (r: Row & { perSecond: number }) =>
      `p99 ×${(late.p99_us / r.p99_us).toFixed(2)}, median ×${(late.median_us / r.median_us).toFixed(2)}, throughput ×${(late.perSecond / r.perSecond).toFixed(2)}`;
    rows.push({ ...early, note: `${early.perSecond} intakes/s in all (intake before decision 0040)` });
    rows.push({ ...oneRange, note: `${oneRange.perSecond} intakes/s in all (counters without ranges of their own, before decision 0056)` });
    rows.push({ ...readEveryDraw, note: `${readEveryDraw.perSecond} intakes/s in all (two reads more per intake, before decision 0064's amendment)` });
    rows.push({ ...late, note: `${late.perSecond} intakes/s in all, own ranges, number taken last: ${of(early)} of the row held from the start; ${of(oneRange)} of one shared range; ${of(readEveryDraw)} of the earlier use read at every draw` });
    rows.push({ ...unrecorded, note: `${unrecorded.perSecond} intakes/s in all` });
    rows.push({ ...chained, note: `${chained.perSecond} intakes/s in all (as shipped): p99 ×${(chained.p99_us / unrecorded.p99_us).toFixed(2)}, median ×${(chained.median_us / unrecorded.median_us).toFixed(2)}, throughput ×${(chained.perSecond / unrecorded.perSecond).toFixed(2)} of no entry` });
    rows.push({ ...noFlush, note: `${noFlush.perSecond} intakes/s in all (attribution only): shipped p99 ×${(late.p99_us / noFlush.p99_us).toFixed(2)}, median ×${(late.median_us / noFlush.median_us).toFixed(2)} of this` });
    return rows;
  } finally {
    for (const data of opened) await data.destroy();
    await core.close();
    await server.remove();
  }
}

/** The throwaway server skips the disk for speed; a bench of commits must not. */
async function durable(superuser: PgLogin): Promise<void> {
  await configure(superuser, ['fsync = on', 'synchronous_commit = on', 'full_page_writes = on']);
}

/** Whether a commit waits for its WAL to reach the disk: turned off only to see what that wait costs. */
const setDurability = (superuser: PgLogin, on: boolean) => configure(superuser, [`synchronous_commit = ${on ? 'on' : 'off'}`]);

async function configure(superuser: PgLogin, settings: string[]): Promise<void> {
  const admin = new pg.Client(superuser);
  await admin.connect();
  try {
    for (const setting of settings) await admin.query(`ALTER SYSTEM SET ${setting}`);
    await admin.query('SELECT pg_reload_conf()');
  } finally {
    await admin.end();
  }
}

async function office(login: PgLogin, counterCode: string, opened: Data[]): Promise<Data> {
  const { pool } = await openOfficeDatabase(officeServerOf(login), login.password, counterCode);
  const data = postgresData(pool);
  opened.push(data);
  return data;
}

/**
 * The app's intake commit over the office server, its print jobs included, with the counter's own
 * settings and calendar.
 */
type RecordIntake = ConstructorParameters<typeof IntakeService>[7];

async function intakeOn(data: Data, core: Core, counterCode: string, repo = new DossierRepository(data, postgresDossierSearch), s10 = core.settings.get().s10, recordIntake?: RecordIntake) {
  const audit = new AuditRepository(data, Buffer.alloc(32), postgresSql);
  const catalogue = new CatalogueService(new CatalogueRepository(data, audit), core.now);
  await catalogue.load();
  const settings = { ...core.settings.get(), counter: { ...core.settings.get().counter, code: counterCode }, s10 };
  const printing = new PrintService({
    repo: new PrintJobRepository(data, () => counterCode, postgresSql),
    audit,
    dossier: (id) => repo.get(id),
    settings: () => settings,
    dataDir: tempDir('bcci-bench-pg-print-'),
    resourcesDir: defaultResourcesDir(),
    now: core.now,
  });
  return appCommit(new IntakeService(repo, catalogue, () => settings, () => core.calendar.calendar(), core.now, false, undefined, recordIntake), printing);
}

/**
 * The intake as it was before the number was taken last: the year's register row locked right
 * after the replay check, so it is held through the dossier's inserts until the commit. Locked
 * without taking a number, so the register stays gapless and the comparison runs on one server.
 */
class RegisterLockedEarly extends DossierRepository {
  constructor(private readonly data: Data) {
    super(data, postgresDossierSearch);
  }

  override in(tx: Tx): DossierRepository {
    return new RegisterLockedEarly(tx);
  }

  override async requestOf(key: string) {
    const earlier = await super.requestOf(key);
    await sql`SELECT last_seq FROM register_counters WHERE year = ${2026} FOR UPDATE`.execute(this.data);
    return earlier;
  }
}

/**
 * The item number's draw as it was before a range already met was counted on in one statement:
 * what was used before the range was met read at every draw (two reads), then the upsert.
 */
class SerialReadEveryDraw extends DossierRepository {
  constructor(data: Data) {
    super(data, postgresDossierSearch);
  }

  override in(tx: Tx): DossierRepository {
    return new SerialReadEveryDraw(tx);
  }

  override async nextSerial(r: Parameters<DossierRepository['nextSerial']>[0]) {
    await this.usedBefore(r);
    return super.nextSerial(r);
  }
}
