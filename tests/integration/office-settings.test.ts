import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { makeS10 } from '../../shared/ids/s10.js';
import { takeIn } from '../support/batches.js';
import { failure, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { officeDataDir } from '../support/office-counter.js';
import type { PgLogin } from '../support/postgres.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

/** A settings.json as a counter wrote it before the office's settings moved to the database. */
const OLD_FILE = {
  lang: 'vi',
  office: { code: '700000', name: 'Bưu cục Bến Thành' },
  counter: { code: 'Q01' },
  security: { idleLockMinutes: 15 },
  s10: { service: 'EE', country: 'VN', first: 20_000_000, last: 20_999_999, serviceLetters: ['EE', 'RR'], carriers: [{ name: 'Viettel Post', pattern: 'VTP\\d{9}' }] },
  handover: { defaultDays: 3, rules: [{ level: 'Tỉnh', days: 4 }] },
  agencies: [{ code: '000.00.15.H29', name: 'Sở Tư pháp', address: 'Số 1 Lê Duẩn', serverUrl: 'https://motcua.example.vn' }],
  printer: { connection: 'preview', paperWidth: 58 },
};
const OFFICE_WIDE = ['office', 'security', 's10', 'handover', 'agencies'] as const;

const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0).reverse()) await h.stop();
});

/**
 * The counters' data folders, each on its engine: its own file in the run on SQLite, or a fresh
 * database of the run's office server in the run on PostgreSQL.
 */
const engines: [string, (counter: string, file: Record<string, unknown>) => Promise<string>, boolean][] = [
  [
    'its own SQLite file',
    async (_counter, file) => {
      const dataDir = tempDir();
      fileSettingsStore(dataDir).store = file;
      return dataDir;
    },
    onOfficeServer(),
  ],
  [
    'the office server',
    async (counter, file) => officeDataDir(await office(), counter, file as never),
    !onOfficeServer(),
  ],
];

let login: PgLogin | undefined;
async function office(): Promise<PgLogin> {
  return (login ??= await freshOfficeDatabase());
}
const start = async (dataDir: string) => {
  const h = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login?.password } });
  running.push(h);
  return h;
};
const rowNames = async (h: Harness) => (await h.core.data.selectFrom('office_settings').select('name').orderBy('name').execute()).map((r) => r.name);
const fileOf = (h: Harness) => JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;

describe.each(engines)('a counter on %s', (_name, dataDirFor, skip) => {
  it.skipIf(skip)('carries the office-wide values of an old settings.json into the database once, audited, and works as before', async () => {
    login = undefined;
    const dataDir = await dataDirFor('Q01', OLD_FILE);
    let h = await start(dataDir);
    const s = await h.client.settings.get();
    for (const key of OFFICE_WIDE) expect(s[key]).toEqual(OLD_FILE[key]);
    expect(s.printer.paperWidth).toBe(58);
    expect(await rowNames(h)).toEqual(['agencies', 'handover', 'itemCodes', 'office', 's10:Q01', 'security']);
    // The file keeps only this counter's own settings.
    for (const key of OFFICE_WIDE) expect(fileOf(h)).not.toHaveProperty(key);
    const carried = await h.client.audit.list({ action: 'settings.carried', limit: 10 });
    expect(carried.entries).toHaveLength(1);
    expect(carried.entries[0]!.about.vi).toContain('office');

    // Started again: the same values, from the database, and nothing carried a second time.
    await h.stop();
    running.pop();
    h = await start(dataDir);
    const again = await h.client.settings.get();
    for (const key of OFFICE_WIDE) expect(again[key]).toEqual(OLD_FILE[key]);
    expect((await h.client.audit.list({ action: 'settings.carried', limit: 10 })).entries).toHaveLength(1);
    // The status bar and the receipts name the office from the database.
    expect((await h.client.system.status()).office).toEqual(OLD_FILE.office);
  }, 60_000);

  it.skipIf(skip)('saves an office-wide section in the database with its audit row, and a counter-local one in the file', async () => {
    login = undefined;
    const h = await start(await dataDirFor('Q01', {}));
    await h.client.settings.update({ handover: { defaultDays: 5 } });
    await h.client.settings.update({ lang: 'en' });
    const row = await h.core.data.selectFrom('office_settings').select(['value', 'updated_by']).where('name', '=', 'handover').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toEqual({ defaultDays: 5, rules: [] });
    expect(row.updated_by).toBe('gdv01');
    expect(fileOf(h)).not.toHaveProperty('handover');
    expect(fileOf(h)['lang']).toBe('en');
    expect(await rowNames(h)).not.toContain('lang');
    const audits = (await h.client.audit.list({ action: 'settings.update', limit: 10 })).entries;
    expect(audits.map((a) => a.about.en)).toEqual(['sections lang', 'sections handover']);
  }, 60_000);

  it.skipIf(skip)('counts each item-number range on its own: a changed range starts at its first, the old one keeps its last serial', async () => {
    login = undefined;
    const h = await start(await dataDirFor('Q01', {}));
    await h.client.settings.update({ s10: { first: 20_000_000, last: 20_999_999 } });
    const { service } = (await h.client.settings.get()).s10;
    expect((await takeIn(h.client)).item).toBe(makeS10(service, 20_000_000));
    expect((await takeIn(h.client)).item).toBe(makeS10(service, 20_000_001));

    await h.client.settings.update({ s10: { first: 40_000_000, last: 40_999_999 } });
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toBe(makeS10(service, 40_000_000));
    expect((await takeIn(h.client)).item).toBe(makeS10(service, 40_000_000));

    // Back on the first range, "Lấy số" goes on after its own last number, not after the other's.
    await h.client.settings.update({ s10: { first: 20_000_000, last: 20_999_999 } });
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toBe(makeS10(service, 20_000_002));
    expect((await takeIn(h.client)).item).toBe(makeS10(service, 20_000_002));
    const rows = await h.core.data.selectFrom('item_serials').select(['range_first', 'last_serial']).orderBy('range_first').execute();
    expect(rows).toEqual([
      { range_first: 20_000_000, last_serial: 20_000_002 },
      { range_first: 40_000_000, last_serial: 40_000_000 },
    ]);
  }, 60_000);
});

describe.skipIf(!onOfficeServer())('two counters on one office server', () => {
  beforeAll(async () => {
    login = undefined;
    await office();
  }, 60_000);

  it('see the same office-wide values at once, keep their own devices and ranges, and may not share a range', async () => {
    const q01 = await start(officeDataDir(login!, 'Q01'));
    const q02 = await start(officeDataDir(login!, 'Q02'));
    await q01.client.settings.update({ office: { code: '700000', name: 'Bưu cục Bến Thành' }, security: { idleLockMinutes: 7 } });
    await q01.client.settings.update({ s10: { first: 20_000_000, last: 20_999_999, serviceLetters: ['EL', 'RR'] } });
    await q01.client.settings.update({ lang: 'en', printer: { paperWidth: 58 } });

    // Q02, not restarted, reads Q01's office-wide change at its next call.
    const seen = await q02.client.settings.get();
    expect(seen.office).toEqual({ code: '700000', name: 'Bưu cục Bến Thành' });
    expect(seen.security.idleLockMinutes).toBe(7);
    expect(seen.s10.serviceLetters).toEqual(['EL', 'RR']);
    expect((await q02.client.system.status()).office.name).toBe('Bưu cục Bến Thành');
    // ...but not Q01's own language, printer or range.
    expect(seen.lang).toBe('vi');
    expect(seen.printer.paperWidth).toBe(80);
    expect([seen.s10.first, seen.s10.last]).toEqual([10_000_000, 19_999_999]);

    // A range that shares numbers with Q01's is refused, in words naming Q01; nothing is written.
    const refused = await failure(q02.client.settings.update({ s10: { first: 20_500_000, last: 21_499_999 } }));
    expect(refused.code).toBe('SETTINGS_S10_OVERLAP');
    expect(refused.vi).toBe('Dải số hiệu bưu gửi EL 20500000–21499999 trùng với dải của quầy Q01 (EL 20000000–20999999). Chọn dải khác cho quầy này.');
    expect(refused.en).toContain("counter Q01's");
    expect((await q02.client.settings.get()).s10.first).toBe(10_000_000);
    // A range of its own is taken, and each counter draws from its own.
    await q02.client.settings.update({ s10: { first: 30_000_000, last: 30_999_999 } });
    expect((await q01.client.settings.get()).s10.first).toBe(20_000_000);
    expect((await q02.client.settings.get()).s10.first).toBe(30_000_000);
    expect((await q01.client.dossiers.nextItemNumber()).itemNumber).toMatch(/^EL20000000\dVN$/);
    expect((await q02.client.dossiers.nextItemNumber()).itemNumber).toMatch(/^EL30000000\dVN$/);
    // Q02 taking a number high leaves Q01's count where it was: "Lấy số" still gives Q01 its own.
    expect((await takeIn(q02.client)).item).toBe(makeS10('EL', 30_000_000));
    expect((await q01.client.dossiers.nextItemNumber()).itemNumber).toBe(makeS10('EL', 20_000_000));
    expect((await takeIn(q01.client)).item).toBe(makeS10('EL', 20_000_000));
    expect((await takeIn(q02.client)).item).toBe(makeS10('EL', 30_000_001));
    // Q02 changes the handover rules; Q01 reads them on its next call.
    await q02.client.settings.update({ handover: { defaultDays: 6 } });
    expect((await q01.client.settings.get()).handover.defaultDays).toBe(6);
  }, 90_000);

  it('never hand out the same item number: pressing "Lấy số" at once, one counter takes the default range as its own and the other is told to get one', async () => {
    login = undefined;
    await office();
    const q01 = await start(officeDataDir(login!, 'Q01'));
    const q02 = await start(officeDataDir(login!, 'Q02'));
    // The one shared count a server kept from before ranges were counted each on its own (034).
    await q01.core.data.insertInto('item_serials').values({ service: 'EL', country: 'VN', range_first: 10_000_041, range_last: 10_000_041, last_serial: 10_000_041 }).execute();

    const pressed = await Promise.allSettled([q01.client.dossiers.nextItemNumber(), q02.client.dossiers.nextItemNumber()]);
    const given = pressed.flatMap((p) => (p.status === 'fulfilled' ? [p.value.itemNumber] : []));
    expect(given).toEqual([makeS10('EL', 10_000_042)]);
    const [taker, other] = pressed[0]!.status === 'fulfilled' ? (['Q01', q02] as const) : (['Q02', q01] as const);
    const lost = pressed.find((p): p is PromiseRejectedResult => p.status === 'rejected')!;
    const refused = await failure(Promise.reject(lost.reason));
    const otherCode = taker === 'Q01' ? 'Q02' : 'Q01';
    expect(refused.code).toBe('S10_RANGE_NOT_OWN');
    expect(refused.vi).toBe(
      `Quầy ${otherCode} chưa có dải số hiệu bưu gửi riêng: dải EL 10000000–19999999 trùng với dải của quầy ${taker} (EL 10000000–19999999), nên hai quầy có thể cấp trùng một số. Quản trị viên đặt cho quầy này một dải riêng trong Cài đặt → Ký hiệu bưu gửi S10. Trong lúc chờ, quét hoặc gõ số hiệu trên nhãn có sẵn.`,
    );
    expect(refused.en).toContain(`Counter ${otherCode} has no item number range of its own`);
    // An accept left to draw the number is refused the same way, and writes nothing.
    expect((await failure(takeIn(other.client))).code).toBe('S10_RANGE_NOT_OWN');
    expect(await other.core.data.selectFrom('dossiers').select('id').execute()).toEqual([]);
    // The range taken is recorded as the taker's, audited; a typed number still goes in anywhere.
    expect(await rowNames(other)).toContain(`s10:${taker}`);
    const taken = (await other.client.audit.list({ action: 'settings.rangeTaken', limit: 10 })).entries;
    expect(taken.map((e) => e.about.en)).toEqual([`counter ${taker}, range EL 10000000–19999999`]);

    // Given a range of its own, the other counter draws from it, and both at once never meet.
    await other.client.settings.update({ s10: { first: 30_000_000, last: 30_999_999 } });
    const both = await Promise.all([q01, q02].flatMap((c) => [takeIn(c.client), takeIn(c.client)]));
    const items = both.map((d) => d.item).sort();
    expect(new Set(items).size).toBe(4);
    expect(items).toEqual([makeS10('EL', 10_000_042), makeS10('EL', 10_000_043), makeS10('EL', 30_000_000), makeS10('EL', 30_000_001)]);
  }, 90_000);

  it('do not carry a range another counter holds from an old settings file: the second counter is told to get its own', async () => {
    login = undefined;
    await office();
    const q01 = await start(officeDataDir(login!, 'Q01', OLD_FILE as never));
    const q02 = await start(officeDataDir(login!, 'Q02', OLD_FILE as never));
    expect(await rowNames(q02)).toEqual(['agencies', 'handover', 'itemCodes', 'office', 's10:Q01', 'security']);
    expect((await q01.client.dossiers.nextItemNumber()).itemNumber).toBe(makeS10('EE', 20_000_000));
    const refused = await failure(q02.client.dossiers.nextItemNumber());
    expect(refused.code).toBe('S10_RANGE_NOT_OWN');
    expect(refused.en).toContain("the range EE 20000000–20999999 overlaps counter Q01's (EE 20000000–20999999)");
  }, 90_000);
});
