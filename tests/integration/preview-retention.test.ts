import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { rowOf } from '../support/raw-sql.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('the preview folder', () => {
  it('keeps citizens’ receipts only for the configured days: older ones are removed at start, nothing else is touched', async () => {
    const dataDir = tempDir();
    h = await startCore({ dataDir });
    await h.client.settings.update({ printer: { previewKeepDays: 3 } });
    await h.client.dossiers.intake(sampleIntake(1));
    await h.core.printing.idle();
    await h.stop();
    h = undefined;
    const dir = join(dataDir, 'print-preview');
    const printed = readdirSync(dir);
    expect(printed.length).toBeGreaterThanOrEqual(6); // two receipts and a label, PNG and bytes each
    // Age half of them past the limit; an administrator's own file stays whatever its age.
    const old = new Date('2026-11-20T00:00:00Z');
    const aged = printed.filter((_, i) => i % 2 === 0);
    for (const f of aged) utimesSync(join(dir, f), old, old);
    writeFileSync(join(dir, 'ghi-chu.txt'), 'do not remove');
    utimesSync(join(dir, 'ghi-chu.txt'), old, old);
    mkdirSync(join(dir, 'keep'));

    h = await startCore({ dataDir, now: new Date('2026-11-27T02:15:00Z') });
    const left = readdirSync(dir);
    for (const f of aged) expect(left).not.toContain(f);
    for (const f of printed.filter((x) => !aged.includes(x))) expect(left).toContain(f);
    expect(existsSync(join(dir, 'ghi-chu.txt'))).toBe(true);
    // The jobs stay recorded: only the files went.
    expect((await rowOf(h, 'SELECT count(*) AS n FROM print_jobs'))).toEqual({ n: 3 });
  });
});
