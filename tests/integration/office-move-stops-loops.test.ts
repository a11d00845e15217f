import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { readChain, verifyChain } from '../../electron/core/audit/verify.js';
import { officeData, officeServerOf } from '../support/office-move.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';
import { formatDateTime } from '../../shared/format/vn-time.js';

/**
 * A move through the contract while the app runs (decision 0047): the file's background work ends
 * with it. Each test moves a counter of its own file into a fresh database of the run's server.
 */
let sim: AgencySim | undefined;
let h: Harness | undefined;
afterAll(async () => {
  await h?.stop();
  await sim?.close();
});

const feedReads = () => sim!.requests.filter((r) => r.url.startsWith('/v1/updates')).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A counter on its own file, whichever engine the run is on: it is the one that moves. */
const ownFileCounter = (opts: Parameters<typeof startCore>[0] = {}) => startCore({ dataDir: tempDir(), ...opts });

/** A counter moved into the given database, started again on its moved file, not yet switched to the server. */
async function restartedOnMovedFile(login: Awaited<ReturnType<typeof freshOfficeDatabase>>): Promise<Harness> {
  const first = await ownFileCounter();
  await first.client.office.move({ server: officeServerOf(login), password: login.password });
  await first.stop();
  return startCore({ dataDir: first.dataDir });
}

describe.skipIf(!onOfficeServer())('a counter moved to the office server while it runs', () => {
  it('stops reading the agencies’ updates into its old file at once, not at the next start', async () => {
    const login = await freshOfficeDatabase('empty');
    sim = await startSim();
    h = await ownFileCounter({ updatesIntervalMs: 40, outboxIdleMs: 20 });
    await configureAgency(h.client, sim);
    const end = Date.now() + 10_000;
    while (feedReads() < 2 && Date.now() < end) await pause(20);
    expect(feedReads()).toBeGreaterThanOrEqual(2);

    await h.client.office.move({ server: officeServerOf(login), password: login.password });
    const atMove = feedReads();
    await pause(800);
    // Twenty rounds' time later the poller has not read the feed again (it would apply updates into the moved file).
    expect(feedReads()).toBe(atMove);
  });

  it('records the lookups made after the move in the office’s trail at once, not in its old file', async () => {
    const login = await freshOfficeDatabase('empty');
    const c = await ownFileCounter();
    try {
      await c.client.office.move({ server: officeServerOf(login), password: login.password });
      const inFile = async () => (await c.core.data.selectFrom('audit_log').select('id').where('action', '=', 'lookup').execute()).length;
      const before = await inFile();
      await c.client.dossiers.search({ query: '0912345678' });
      await c.client.dossiers.findByCode({ code: 'EL123456785VN' }).catch(() => undefined);

      const office = await officeData(login);
      try {
        const tail = await office.selectFrom('audit_log').select(['action', 'detail', 'counter_code']).orderBy('id', 'desc').limit(3).execute();
        expect(tail.reverse().map((e) => [e.action, JSON.parse(e.detail)])).toEqual([
          ['office.moved', expect.anything()],
          ['lookup', { kind: 'id-or-phone', query: '0912345678' }],
          ['lookup', { kind: 'code', query: 'EL123456785VN' }],
        ]);
        // Linked into the office's chain with the counter's key, which the office's counters hold.
        const check = verifyChain(readAuditKey(c.dataDir), await readChain(office));
        expect(check.intact).toBe(true);
      } finally {
        await office.destroy();
      }
      expect(await inFile()).toBe(before);
    } finally {
      await c.stop();
    }
  }, 60_000);

  it('keeps no connection to a server it only previewed after an earlier move: its lookups are not signed into that office', async () => {
    const [moved, other] = await Promise.all([freshOfficeDatabase('empty'), freshOfficeDatabase('empty')]);
    const c = await restartedOnMovedFile(moved);
    try {
      await c.client.office.movePreview({ server: officeServerOf(other), password: other.password });
      expect((await failure(c.client.dossiers.search({ query: '0912345678' }))).code).toBe('LOOKUP_NEEDS_OFFICE_SERVER');
      const office = await officeData(other);
      try {
        const tables = await office.introspection.getTables();
        const lookups = tables.some((t) => t.name === 'audit_log') ? await office.selectFrom('audit_log').select('id').where('action', '=', 'lookup').execute() : [];
        expect(lookups).toEqual([]);
      } finally {
        await office.destroy();
      }
    } finally {
      await c.stop();
    }
  }, 60_000);

  it('started again on its moved file, refuses lookups in words that say to switch, lets the switch through, and once switched records them where "Kiểm tra" reads', async () => {
    const login = await freshOfficeDatabase('empty');
    const c = await restartedOnMovedFile(login);
    const fileEntries = async () => (await c.core.data.selectFrom('audit_log').select('id').execute()).length;
    try {
      const entries = await fileEntries();
      const refused = await failure(c.client.dossiers.search({ query: '0912345678' }));
      expect(refused.code).toBe('LOOKUP_NEEDS_OFFICE_SERVER');
      expect(refused.vi).toContain(`đã chuyển lên máy chủ bưu cục ${login.host}/${login.database}`);
      expect(refused.vi).toContain('bật Cài đặt → Máy chủ dữ liệu bưu cục rồi mở lại ứng dụng');
      expect(refused.en).toContain('turns on Settings → Office data server and restarts the app');
      // Every way to a citizen's data is refused alike: by code, by register range, by a returned item.
      expect((await failure(c.client.dossiers.findByCode({ code: 'EL123456785VN' }))).code).toBe('LOOKUP_NEEDS_OFFICE_SERVER');
      expect((await failure(c.client.reports.register({ from: '2026-11-01', to: '2026-11-30' }))).code).toBe('LOOKUP_NEEDS_OFFICE_SERVER');

      // The switch itself is open: the office server section and its password, nothing else.
      await c.client.settings.update({ officeServer: { ...officeServerOf(login), enabled: true } });
      expect(await c.client.office.savePassword({ password: login.password })).toEqual({ saved: true });
      expect((await failure(c.client.settings.update({ lang: 'en' }))).code).toBe('COUNTER_DATA_MOVED');
      expect(await fileEntries()).toBe(entries);
    } finally {
      await c.stop();
    }

    // Started again, on the server with the password it kept: the lookup is in the office's chain.
    const on = await startCore({ dataDir: c.dataDir, env: { BCCI_OFFICE_PASSWORD: undefined } });
    try {
      expect(on.core.office).not.toBeNull();
      await on.client.dossiers.search({ query: '0912345678' });
      const seen = await on.client.audit.list({ action: 'lookup', limit: 5 });
      expect(seen.entries.map((e) => e.about.en)).toEqual(['by ID or phone number •••78']);
      expect(await on.client.audit.check({ full: true })).toMatchObject({ intact: true });
    } finally {
      await on.stop();
    }
  }, 60_000);

  it('switched to the server, its first start there writes in the office’s trail which counter came over, from which file and when it moved; a later start writes it no more', async () => {
    const login = await freshOfficeDatabase('empty');
    const c = await restartedOnMovedFile(login);
    const marker = JSON.parse(readFileSync(join(c.dataDir, 'office-moved.json'), 'utf8')) as { movedAt: string; auditEntry: number };
    try {
      await c.client.settings.update({ officeServer: { ...officeServerOf(login), enabled: true } });
      await c.client.office.savePassword({ password: login.password });
    } finally {
      await c.stop();
    }
    const switched = async () => {
      const on = await startCore({ dataDir: c.dataDir, env: { BCCI_OFFICE_PASSWORD: undefined } });
      try {
        expect(on.core.office).not.toBeNull();
        expect(await on.client.audit.check({ full: true })).toMatchObject({ intact: true });
        return (await on.client.audit.list({ action: 'office.switched', limit: 5 })).entries;
      } finally {
        await on.stop();
      }
    };
    const first = await switched();
    expect(first).toHaveLength(1);
    const movedAt = formatDateTime(marker.movedAt);
    expect(first[0]).toMatchObject({
      counterCode: 'Q01',
      what: { vi: 'Quầy đã chuyển dữ liệu bắt đầu dùng máy chủ dữ liệu bưu cục' },
      about: {
        vi: `từ tệp ${join(c.dataDir, 'counter.sqlite')}, dữ liệu chuyển lên ${login.host}:${login.port}/${login.database} lúc ${movedAt} (mục số ${marker.auditEntry})`,
        en: `from file ${join(c.dataDir, 'counter.sqlite')}, data moved to ${login.host}:${login.port}/${login.database} at ${movedAt} (entry ${marker.auditEntry})`,
      },
    });
    // Started again: still the one entry.
    expect((await switched()).map((e) => e.id)).toEqual([first[0]!.id]);
  }, 60_000);

  it('turns on only the server its data moved to: a mistyped database name is refused and nothing is saved', async () => {
    const login = await freshOfficeDatabase('empty');
    const c = await restartedOnMovedFile(login);
    const settingsFile = () => (existsSync(join(c.dataDir, 'settings.json')) ? readFileSync(join(c.dataDir, 'settings.json'), 'utf8') : null);
    try {
      const fileBefore = settingsFile();
      const there = `${login.host}:${login.port}/${login.database}`;
      const typo = login.database.slice(0, -1);
      const refused = await failure(c.client.settings.update({ officeServer: { ...officeServerOf(login), database: typo, enabled: true } }));
      expect(refused.code).toBe('OFFICE_SERVER_NOT_MOVED_TO');
      expect(refused.vi).toContain(`đã chuyển lên máy chủ bưu cục ${there}, không phải ${login.host}:${login.port}/${typo}`);
      expect(refused.en).toContain(`moved to the office server ${there}, not ${login.host}:${login.port}/${typo}`);
      expect(settingsFile()).toBe(fileBefore);
      expect((await c.client.settings.get()).officeServer.enabled).toBe(false);

      await c.client.settings.update({ officeServer: { ...officeServerOf(login), enabled: true } });
      expect((await c.client.settings.get()).officeServer).toMatchObject({ enabled: true, host: login.host, port: login.port, database: login.database });
    } finally {
      await c.stop();
    }
  }, 60_000);
});

describe.skipIf(!onOfficeServer())('a move racing another call of the office move', () => {
  /** What a database holds of a counter's data: its dossiers and its chain's entries. */
  async function heldBy(login: Awaited<ReturnType<typeof freshOfficeDatabase>>): Promise<{ dossiers: number; entries: number }> {
    const office = await officeData(login);
    try {
      const count = async (table: 'dossiers' | 'audit_log') => Number((await office.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { dossiers: await count('dossiers'), entries: await count('audit_log') };
    } finally {
      await office.destroy();
    }
  }

  it('two moves at once into two empty servers: one moves, the other is refused in words and its server stays empty', async () => {
    const [a, b] = await Promise.all([freshOfficeDatabase('empty'), freshOfficeDatabase('empty')]);
    const c = await ownFileCounter();
    try {
      await c.client.dossiers.intake(sampleIntake((await c.client.catalog.status()).version!));
      const outcomes = await Promise.allSettled([a, b].map((login) => c.client.office.move({ server: officeServerOf(login), password: login.password })));
      const moved = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [[a, b][i]!] : []));
      expect(moved).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as { data: { code: string } }).data.code).toBe('COUNTER_DATA_MOVED');
      const [there, elsewhere] = moved[0] === a ? [a, b] : [b, a];
      expect(await heldBy(there)).toMatchObject({ dossiers: 1 });
      expect(await heldBy(elsewhere)).toEqual({ dossiers: 0, entries: 0 });
      // The marker and the lookups name the server that holds the data.
      expect(JSON.parse(readFileSync(join(c.dataDir, 'office-moved.json'), 'utf8')).server.database).toBe(there.database);
      await c.client.dossiers.search({ query: '0912345678' });
      expect((await heldBy(elsewhere)).entries).toBe(0);
    } finally {
      await c.stop();
    }
  }, 60_000);

  it('a preview and a move at once: the preview does not call the move its own, and the lookups go where the move put the data', async () => {
    const [a, b] = await Promise.all([freshOfficeDatabase('empty'), freshOfficeDatabase('empty')]);
    const c = await ownFileCounter();
    try {
      await c.client.dossiers.intake(sampleIntake((await c.client.catalog.status()).version!));
      const [previewSame, previewOther, move] = await Promise.all([
        c.client.office.movePreview({ server: officeServerOf(a), password: a.password }),
        c.client.office.movePreview({ server: officeServerOf(b), password: b.password }),
        c.client.office.move({ server: officeServerOf(a), password: a.password }),
      ]);
      expect(move.summary.en).toContain('Moved');
      // Neither preview reports a lost answer of an earlier move: the move answered itself.
      for (const p of [previewSame, previewOther]) expect(p.refusal?.en ?? '').not.toContain('answer was lost');
      const entriesOnA = (await heldBy(a)).entries;
      await c.client.dossiers.search({ query: '0912345678' });
      expect((await heldBy(a)).entries).toBe(entriesOnA + 1);
      expect(await heldBy(b)).toEqual({ dossiers: 0, entries: 0 });
    } finally {
      await c.stop();
    }
  }, 60_000);
});
