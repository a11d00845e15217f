import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresData, sqliteData, type Data } from '../../electron/core/db/data.js';
import { postgresSql, sqliteSql, type EngineSql } from '../../electron/core/db/engine-sql.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import { readLookupQuery } from '../../electron/core/dossiers/lookup-query.js';
import type { DossierSearch } from '../../electron/core/dossiers/search/dossier-search.js';
import { postgresDossierSearch } from '../../electron/core/dossiers/search/postgres-search.js';
import { sqliteDossierSearch } from '../../electron/core/dossiers/search/sqlite-search.js';
import { RegisterRepository } from '../../electron/core/reports/register-repository.js';
import { PeriodicRepository } from '../../electron/core/reports/periodic/periodic-repository.js';
import { PeriodicService } from '../../electron/core/reports/periodic/periodic-service.js';
import { DashboardRepository } from '../../electron/core/reports/dashboard/dashboard-repository.js';
import { DashboardService } from '../../electron/core/reports/dashboard/dashboard-service.js';
import { actor, AT, intakeWrites, newDossier } from '../support/intake-writes.js';
import { LookupService } from '../../electron/core/dossiers/lookup-service.js';
import type { Sender } from '../../shared/contract/index.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

/** One engine as the core would open it: its handle, its lookup and its own SQL spellings. */
interface Engine {
  data: Data;
  search: DossierSearch;
  sql: EngineSql;
  /** SQLite: the plan of each SELECT run since the last call, with the values it was run with */
  plans?: () => string[][];
  close(): Promise<void>;
}

async function sqliteEngine(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'bcci-lookup-'));
  const db = openDatabase(dir);
  migrate(db);
  // Each SELECT's text and values as run, so its plan can be read with the same values (a partial index depends on them).
  const ran: { text: string; values: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((text: string) => {
    const statement = prepare(text);
    if (!/^select/i.test(text)) return statement;
    const all = statement.all.bind(statement);
    return Object.assign(statement, { all: (...values: unknown[]) => (ran.push({ text, values }), all(...values)) });
  }) as typeof db.prepare;
  const plans = () => ran.splice(0).map(({ text, values }) => (prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values) as { detail: string }[]).map((r) => r.detail));
  const data = sqliteData(db);
  return { data, search: sqliteDossierSearch, sql: sqliteSql, plans, close: async () => { await data.destroy(); rmSync(dir, { recursive: true, force: true }); } };
}

async function postgresEngine(): Promise<Engine> {
  const login = await freshOfficeDatabase('empty');
  const { pool } = await openOfficeDatabase({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' }, login.password, 'Q01');
  const data = postgresData(pool);
  return { data, search: postgresDossierSearch, sql: postgresSql, close: () => data.destroy() };
}

/** The catalogue version the dossiers are written under. */
async function catalogueVersion(engine: Engine): Promise<number> {
  const { id } = await engine.data
    .insertInto('catalog_versions')
    .values({ imported_at: AT, source_name: 'demo', procedure_count: 0, clerk_code: 'gdv01', counter_code: 'Q01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const engines: [string, () => Promise<Engine>, boolean][] = [
  // Each in its run of the suite: SQLite's, and the office server's on a fresh database of its one server.
  ['SQLite', sqliteEngine, onOfficeServer()],
  ['PostgreSQL', postgresEngine, !onOfficeServer()],
];

describe.each(engines)('lookup and the register on %s give the same answers', (_name, open, skip) => {
  let engine: Engine;
  let repo: DossierRepository;
  /** What the lookup screen lists for a query the clerk types: register numbers, newest first. */
  const found = async (query: string, filters = {}) => (await repo.search(readLookupQuery(query), filters, 50)).map((d) => d.registerNo);

  beforeAll(async () => {
    if (skip) return;
    engine = await open();
    const version = await catalogueVersion(engine);
    repo = new DossierRepository(engine.data, engine.search);
    // Twelve dossiers, one after the other: "Nguyễn Văn Đức 1" … "Nguyễn Văn Đức 12".
    for (let i = 1; i <= 12; i++) await intakeWrites(repo, version, i);
  }, 60_000);
  afterAll(async () => engine?.close());

  it.skipIf(skip)('finds by name (whole words, the last one as typed), ID, phone, register and item number', async () => {
    const no = (seq: number) => `${String(seq).padStart(6, '0')}/2026`;
    // Folded, any case and tone: every one, newest first.
    expect(await found('nguyễn VĂN đức')).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(no));
    // "1" still being typed is a prefix (1, 10, 11, 12); after a space it is a whole word.
    expect(await found('Đức 1')).toEqual([12, 11, 10, 1].map(no));
    expect(await found('Đức 1 ')).toEqual([no(1)]);
    expect(await found('Trần Thị')).toEqual([]);
    expect(await found('001090123456', { status: 'accepted-at-post' })).toHaveLength(12);
    expect(await found('0912 345.678')).toHaveLength(12);
    expect(await found('5/2026')).toEqual([no(5)]);
    const third = await repo.get((await repo.requestOf('key-3'))!.dossierId);
    expect(await found(third!.itemNumber!.toLowerCase())).toEqual([no(3)]);
    expect(await found('', { from: '2026-11-28' })).toEqual([]);
    expect(await found('', { from: '2026-11-27', to: '2026-11-27' })).toHaveLength(12);
  });

  it.skipIf(skip)('the register book reads the appointment date out of the agency\'s event', async () => {
    const id = (await repo.requestOf('key-4'))!.dossierId;
    // Written as the event row is (JSON text); the lifecycle path to it is not what is tested here.
    await engine.data
      .insertInto('dossier_events')
      .values({ dossier_id: id, at: AT, type: 'received-by-agency', clerk_code: 'gdv01', clerk_name: 'Trần Thị Lan', counter_code: 'Q01', data: JSON.stringify({ agencyDossierCode: 'H26.1', appointmentDate: '2026-12-04' }) })
      .execute();
    const rows = await new RegisterRepository(engine.data, engine.sql).page('2026-11-27', '2026-11-27', 0, 50);
    expect(rows.map((r) => [r.registerSeq, r.appointmentDate])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, i + 1 === 4 ? '2026-12-04' : null]));
  });

  it.skipIf(skip)('the periodic report counts by the day in Hà Nội, judges lateness the same, and sums the money', async () => {
    const idOf = async (n: number) => (await repo.requestOf(`key-${n}`))!.dossierId;
    const event = async (n: number, at: string, type: string, data: object) =>
      engine.data.insertInto('dossier_events').values({ dossier_id: await idOf(n), at, type, clerk_code: 'gdv01', clerk_name: 'Trần Thị Lan', counter_code: 'Q01', data: JSON.stringify(data) }).execute();
    // Due 30 November: 23:30 that night in Hà Nội is on time, 00:30 the next morning is late.
    await event(5, '2026-11-30T16:30:00.000Z', 'handed-over', { batchId: 'L-1' });
    await event(6, '2026-11-30T17:30:00.000Z', 'handed-over', { batchId: 'L-1' });
    await event(7, '2026-11-30T03:00:00.000Z', 'received-by-agency', { agencyDossierCode: 'H26.7', appointmentDate: '2026-12-02' });
    await event(7, '2026-12-02T17:00:00.000Z', 'delivered', { recipientName: 'Nguyễn Văn Đức 7', recipientIdNumber: '001090123456', authorised: false });
    // A void that gave back the fees (135.000 ₫) but not the postage.
    await event(8, '2026-12-01T03:00:00.000Z', 'voided', { reason: 'Nhận nhầm', refund: 135_000 });
    const service = new PeriodicService(new PeriodicRepository(engine.data, engine.sql), () => ({ code: '100000', name: 'Bưu cục Hoàn Kiếm' }), '', () => new Date(AT));
    const r = await service.report({ from: '2026-11-27', to: '2026-12-03' });
    expect(r.total).toMatchObject({ received: 12, handedOver: 2, handedOverLate: 1, returned: 1, returnedLate: 1, returnedUndated: 0 });
    expect(r.overTime.filter((p) => p.received + p.handedOver + p.returned > 0).map((p) => [p.key, p.received, p.handedOver, p.handedOverLate, p.returned])).toEqual([
      ['2026-11-27', 12, 0, 0, 0],
      ['2026-11-30', 0, 1, 0, 0],
      ['2026-12-01', 0, 1, 1, 0],
      ['2026-12-03', 0, 0, 0, 1],
    ]);
    expect(r.byLevel.map((g) => g.key)).toEqual(['']);
    expect(r.money).toEqual({
      fees: [{ name: 'Lệ phí', count: 12, amount: 12 * 135_000 }],
      postage: { name: 'postage', count: 12, amount: 12 * 25_000 },
      refunds: { name: 'refunds', count: 1, amount: 135_000 },
      net: 12 * 160_000 - 135_000,
    });
    // The overview counts today's and the month's flow with the same query, and what waits from the rows.
    const overview = await new DashboardService(new DashboardRepository(engine.data), new PeriodicRepository(engine.data, engine.sql), () => new Date(AT)).overview();
    const before = await engine.data.selectFrom('dossiers').where('status', 'in', ['accepted-at-post', 'in-batch']).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(overview).toEqual({
      today: '2026-11-27',
      monthFrom: '2026-11-01',
      flow: { today: { received: 12, handedOver: 0, handedOverLate: 0, returned: 0 }, month: { received: 12, handedOver: 0, handedOverLate: 0, returned: 0 } },
      waitingHandover: Number(before.n),
      pastDueHandover: 0,
      resultsWaiting: 0,
      oldestResultAt: null,
      uploadsAttention: 0,
    });
  });

  it.skipIf(skip)('the overview counts a result back from a failed attempt as waiting, and pages its lists', async () => {
    const idOf = async (n: number) => (await repo.requestOf(`key-${n}`))!.dossierId;
    // The state and the event that put it there, written as the lifecycle would (not what is tested here).
    const arrive = async (n: number, at: string, status: 'result-at-post' | 'delivery-failed') => {
      const id = await idOf(n);
      await engine.data.updateTable('dossiers').set({ status }).where('id', '=', id).execute();
      const data = status === 'result-at-post' ? { returnItemNumber: `RR${n}` } : { attempt: 1, reason: 'Vắng nhà' };
      await engine.data.insertInto('dossier_events').values({ dossier_id: id, at, type: status, clerk_code: 'gdv01', clerk_name: 'Trần Thị Lan', counter_code: 'Q01', data: JSON.stringify(data) }).execute();
    };
    await arrive(9, '2026-11-25T03:00:00.000Z', 'result-at-post');
    await arrive(10, '2026-11-20T03:00:00.000Z', 'result-at-post');
    await arrive(10, '2026-11-26T03:00:00.000Z', 'delivery-failed');
    const service = new DashboardService(new DashboardRepository(engine.data), new PeriodicRepository(engine.data, engine.sql), () => new Date(AT));
    expect(await service.overview()).toMatchObject({ resultsWaiting: 2, oldestResultAt: '2026-11-25T03:00:00.000Z' });
    const first = await service.list('results-waiting', 0, 1);
    const second = await service.list('results-waiting', 1, 1);
    expect([first, second].map((l) => [l.total, l.offset, l.rows.map((r) => [r.dossierId, r.status, r.since])])).toEqual([
      [2, 0, [[await idOf(9), 'result-at-post', '2026-11-25T03:00:00.000Z']]],
      [2, 1, [[await idOf(10), 'delivery-failed', '2026-11-26T03:00:00.000Z']]],
    ]);
    const waiting = await service.list('waiting-handover', 4, 3);
    expect(waiting.rows.map((r) => r.registerNo)).toEqual(['000005/2026', '000006/2026', '000007/2026']);
  });
});

describe.each(engines)('a key of digits matching many dossiers on %s', (name, open, skip) => {
  let engine: Engine;
  let lookup: LookupService;
  /** The key: a business code, a phone, a courier's ID, a company's... the same ten digits in every index it can be in. */
  const KEY = '0101234567';
  /** What each dossier matches by, and its procedure (for a filter), as written. */
  const written: { id: number; matches: boolean; procedure: string }[] = [];

  beforeAll(async () => {
    if (skip) return;
    engine = await open();
    const version = await catalogueVersion(engine);
    const repo = new DossierRepository(engine.data, engine.search);
    lookup = new LookupService(repo, async () => undefined);
    const individual = newDossier(version, 0).sender;
    const company: Sender = { ...individual, kind: 'organisation', fullName: 'Công ty TNHH Hoa Sen', personalId: '', birthDate: '', gender: '', bearerName: 'Lê Thị Bích' };
    const other = (i: number) => String(200000000000 + i);
    // Six ways round, one in six matching by none: each of the five indexes, one dossier matching by two at once.
    const senders: ((i: number) => Sender)[] = [
      (i) => ({ ...individual, personalId: KEY, phone: other(i) }),
      (i) => ({ ...individual, personalId: '', oldId: KEY, phone: other(i) }),
      (i) => ({ ...company, businessCode: KEY, phone: '098 765.4321', bearerId: other(i) }),
      (i) => ({ ...company, businessCode: other(i), bearerId: KEY }),
      (i) => ({ ...individual, personalId: other(i), phone: '010 123.45-67' }),
      (i) => ({ ...individual, personalId: other(i), phone: other(i) }),
    ];
    for (let i = 0; i < 90; i++) {
      const sender = i % 12 === 2 ? { ...company, businessCode: KEY, phone: KEY, bearerId: KEY } : senders[i % 6]!(i);
      const procedure = i % 4 === 0 ? '2.000488' : '1.002804';
      const id = await repo.inTransaction(async (tx) => (await tx.insert({ ...newDossier(version, i), sender, procedureCode: procedure }, null, null, actor)).id);
      written.push({ id, matches: i % 6 !== 5, procedure });
    }
  }, 60_000);
  afterAll(async () => engine?.close());

  /** Every page the screen would ask for, `size` rows each, until there is no next. */
  async function pages(size: number, filters: { procedureCode?: string } = {}): Promise<number[][]> {
    const out: number[][] = [];
    let before: number | undefined;
    do {
      const page = await lookup.search({ query: KEY, limit: size, ...filters, ...(before === undefined ? {} : { before }) }, actor);
      out.push(page.rows.map((r) => r.id));
      before = page.next ?? undefined;
    } while (before !== undefined);
    return out;
  }

  const newestFirst = (rows: typeof written) => rows.map((r) => r.id).sort((a, b) => b - a);

  it.skipIf(skip)('pages every match once, newest first, through every index, with a filter too', async () => {
    const all = newestFirst(written.filter((r) => r.matches));
    expect(all).toHaveLength(75);
    const bySeven = await pages(7);
    expect(bySeven.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(bySeven.flat()).toEqual(all);
    expect((await pages(50)).flat()).toEqual(all);
    // A filter the matches of one index mostly fail: the page still fills from the others, in order.
    const filtered = newestFirst(written.filter((r) => r.matches && r.procedure === '2.000488'));
    expect(filtered.length).toBeGreaterThan(10);
    expect((await pages(4, { procedureCode: '2.000488' })).flat()).toEqual(filtered);
  });

  it.skipIf(skip || name !== 'SQLite')('reads each index newest first and stops at the page, never collecting every match to sort it', async () => {
    engine.plans!();
    await lookup.search({ query: KEY, limit: 7 }, actor);
    const [plan] = engine.plans!().filter((p) => p.some((line) => line.includes('dossiers_by_')));
    expect(plan).toBeDefined();
    // One OR of the indexes reads and sorts every match before the first row; a table scan reads everything.
    expect(plan!.filter((line) => line.includes('MULTI-INDEX OR') || /^SCAN d\b/.test(line))).toEqual([]);
    for (const index of ['dossiers_by_sender', 'dossiers_by_old_id', 'dossiers_by_business_code', 'dossiers_by_bearer_id', 'dossiers_by_phone']) {
      expect(plan!.some((line) => line.startsWith(`SEARCH d USING`) && line.includes(index))).toBe(true);
    }
  });
});
