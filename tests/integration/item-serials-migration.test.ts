import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { makeS10 } from '../../shared/ids/s10.js';
import { startCore, tempDir, type Harness } from '../support/core-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('migration 034', () => {
  it('keeps the last serial counted per service and country: the range holding it goes on after it, another starts at its first', async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const all = loadMigrations();
    migrate(db, all.filter((m) => m.version < 34));
    db.exec(`INSERT INTO item_serials (service, country, last_serial) VALUES ('EL', 'VN', 20000005)`);
    db.close();

    h = await startCore({ dataDir });
    await h.client.settings.update({ s10: { service: 'EL', country: 'VN', first: 20_000_000, last: 20_999_999 } });
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toBe(makeS10('EL', 20_000_006));
    await h.client.settings.update({ s10: { first: 30_000_000, last: 30_999_999 } });
    expect((await h.client.dossiers.nextItemNumber()).itemNumber).toBe(makeS10('EL', 30_000_000));
  }, 60_000);
});
