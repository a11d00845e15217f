import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings, SettingsPatch } from '../../shared/contract/index.js';
import { failure, startCore, type Harness } from '../support/core-harness.js';
import { onOfficeServer } from '../support/suite-postgres.js';
import { rowOf } from '../support/raw-sql.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** One small change per section, each naming a single field as a screen would send it. */
const PATCHES: { section: keyof Settings; patch: SettingsPatch; expect: (s: Settings) => unknown; value: unknown }[] = [
  { section: 'lang', patch: { lang: 'en' }, expect: (s) => s.lang, value: 'en' },
  { section: 'office', patch: { office: { name: 'Bưu cục Cầu Giấy' } }, expect: (s) => s.office.name, value: 'Bưu cục Cầu Giấy' },
  { section: 'counter', patch: { counter: { code: 'Q07' } }, expect: (s) => s.counter.code, value: 'Q07' },
  { section: 'security', patch: { security: { idleLockMinutes: 3 } }, expect: (s) => s.security.idleLockMinutes, value: 3 },
  { section: 's10', patch: { s10: { service: 'EE' } }, expect: (s) => s.s10.service, value: 'EE' },
  { section: 'handover', patch: { handover: { defaultDays: 4 } }, expect: (s) => s.handover.defaultDays, value: 4 },
  { section: 'scanner', patch: { scanner: { baudRate: 115200 } }, expect: (s) => s.scanner.baudRate, value: 115200 },
  { section: 'printer', patch: { printer: { cut: false } }, expect: (s) => s.printer.cut, value: false },
];

/** Every section moved away from its defaults, so a reset to defaults would show. */
const CONFIGURED: SettingsPatch = {
  office: { code: '123456', name: 'Bưu cục Hoàn Kiếm' },
  counter: { code: 'Q03' },
  security: { idleLockMinutes: 20 },
  s10: { first: 20_000_000, last: 20_999_999, serviceLetters: ['EL', 'RR'] },
  handover: { defaultDays: 3, rules: [{ level: 'Tỉnh', days: 4 }] },
  scanner: { parity: 'even', suffix: 'CR' },
  printer: { connection: 'network', host: '127.0.0.1', port: 9100, paperWidth: 58, terms: 'Điều khoản riêng' },
};

describe('settings.update through the contract', () => {
  for (const c of PATCHES) {
    it(`a patch of ${c.section} changes that field and nothing else`, async () => {
      h = await startCore();
      const before = await h.client.settings.update(CONFIGURED);
      const after = await h.client.settings.update(c.patch);
      expect(c.expect(after)).toEqual(c.value);
      // Put the one field back: everything must then equal what was there before.
      const restored = structuredClone(after) as Record<string, unknown>;
      const section = c.section;
      if (typeof before[section] === 'object') {
        const [field] = Object.keys((c.patch as Record<string, object>)[section]!);
        (restored[section] as Record<string, unknown>)[field!] = (before[section] as Record<string, unknown>)[field!];
      } else {
        restored[section] = before[section];
      }
      expect(restored).toEqual(before);
      expect(await h.client.settings.get()).toEqual(after);
    });
  }

  // Locks the counter's own file from another program; the server's locks are tested in office-settings.
  it.skipIf(onOfficeServer())('writes the change and its audit row together: a locked database changes neither', async () => {
    h = await startCore();
    await h.client.settings.update({ counter: { code: 'Q05' } });
    const file = join(h.dataDir, 'settings.json');
    const fileBefore = readFileSync(file, 'utf8');
    const audits = async () => (await rowOf<{ n: number }>(h!, "SELECT count(*) AS n FROM audit_log WHERE action = 'settings.update'"))!.n;
    const auditBefore = await audits();
    const other = new Database(join(h.dataDir, 'counter.sqlite'));
    other.prepare('BEGIN EXCLUSIVE').run();
    try {
      const err = await failure(h.client.settings.update({ counter: { code: 'Q09' }, s10: { first: 30_000_000, last: 30_000_100 } }));
      expect(err.code).toBe('DB_LOCKED');
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(readFileSync(file, 'utf8')).toBe(fileBefore);
    expect(await audits()).toBe(auditBefore);
    expect((await h.client.settings.get()).counter.code).toBe('Q05');
  });

  it('records nothing when a patch changes nothing', async () => {
    h = await startCore();
    const s = await h.client.settings.get();
    await h.client.settings.update({ counter: s.counter });
    expect((await rowOf(h, "SELECT count(*) AS n FROM audit_log WHERE action = 'settings.update'"))).toEqual({ n: 0 });
  });
});
