import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { officeDataDir, ownRangeOf } from '../support/office-counter.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

/** The audit end marker on an office server: one chain, one marker file per counter (decision 0047). */
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0).reverse()) await h.stop();
});

describe.skipIf(!onOfficeServer())('two counters starting in turn on one office server', () => {
  it('the second counter starts its own end marker instead of reporting the first one’s deleted, and its own deletion is still seen', async () => {
    const login = await freshOfficeDatabase('empty');
    const env = { BCCI_OFFICE_PASSWORD: login.password };
    const q01 = await startCore({ dataDir: officeDataDir(login, 'Q01'), env });
    running.push(q01);
    expect((await q01.client.audit.check()).intact).toBe(true);
    await q01.stop();
    running.splice(0);

    const q02Dir = officeDataDir(login, 'Q02');
    let q02 = await startCore({ dataDir: q02Dir, env });
    running.push(q02);
    // At start the check ran and found nothing: no warning on every screen.
    expect(q02.core.audit.notice()).toBeNull();
    const check = await q02.client.audit.check({ full: true });
    expect(check.problems).toEqual([]);
    expect(check.intact).toBe(true);
    const started = await q02.core.data.selectFrom('audit_log').select('counter_code').where('action', '=', 'audit.headStarted').orderBy('seq').execute();
    expect(started.map((r) => r.counter_code)).toEqual(['Q01', 'Q02']);

    // Q02's own marker deleted is still reported, at Q02.
    await q02.stop();
    running.splice(0);
    rmSync(join(q02Dir, 'audit.head'));
    q02 = await startCore({ dataDir: q02Dir, env });
    running.push(q02);
    const after = await q02.client.audit.check({ full: true });
    expect(after.intact).toBe(false);
    expect(after.problems.map((p) => p.message.en).join(' ')).toContain('audit.head) was deleted');
  });
});

describe.skipIf(!onOfficeServer())('two counters taking dossiers in at once on one office server', () => {
  it('each end marker follows its own counter\'s intake entries, and neither counter reads the other\'s as damage', async () => {
    const login = await freshOfficeDatabase('empty');
    const env = { BCCI_OFFICE_PASSWORD: login.password };
    // One after the other: the first start sets the office up (its administrator).
    const start = async (code: string) => {
      const h = await startCore({ dataDir: officeDataDir(login, code, { s10: ownRangeOf(code) }), env });
      running.push(h);
      return h;
    };
    const q01 = await start('Q01');
    const q02 = await start('Q02');
    const version = (await q01.client.catalog.status()).version!;
    // Interleaved on the one chain: each intake appends its entry inside the intake's own transaction.
    await Promise.all([q01, q02].flatMap((h) => Array.from({ length: 8 }, () => h.client.dossiers.intake(sampleIntake(version)))));
    for (const h of [q01, q02]) {
      const code = h.core.settings.get().counter.code;
      const last = await h.core.data.selectFrom('audit_log').select(['seq', 'action']).where('counter_code', '=', code).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last.action).toBe('dossier.intake');
      // The marker names the counter's own last entry without a check having brought it up.
      expect((JSON.parse(readFileSync(join(h.dataDir, 'audit.head'), 'utf8')) as { seq: number }).seq).toBe(last.seq);
    }
    for (const h of [q01, q02]) {
      const check = await h.client.audit.check({ full: true });
      expect(check.problems).toEqual([]);
      expect(check.dossiers).toEqual({ sealed: 16, beforeSeals: 0 });
    }
  });
});
