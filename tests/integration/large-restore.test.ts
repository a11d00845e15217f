import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, tempDir, type Harness } from '../support/core-harness.js';

const PASSPHRASE = 'trà đá vỉa hè 2026';
/** The page's old cap: 40,000,000 base64 characters, about 30 MB of backup. */
const OLD_CAP_BYTES = 30 * 1024 * 1024;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});
const start = async (dataDir?: string) => {
  const h = await startCore({ dataDir });
  harnesses.push(h);
  return h;
};

describe('restoring a backup larger than the page used to take', () => {
  it('a 34 MB backup goes through the page over HTTP, is previewed and confirmed', async () => {
    // Years of scans and receipts make a large database; random bytes stand in for them (gzip cannot shrink them).
    const a = await start();
    await a.stop();
    harnesses.pop();
    const db = new Database(join(a.dataDir, 'counter.sqlite'));
    db.exec('CREATE TABLE bulk_for_test (b BLOB)');
    const insert = db.prepare('INSERT INTO bulk_for_test (b) VALUES (?)');
    for (let i = 0; i < 34; i++) insert.run(randomBytes(1024 * 1024));
    db.close();

    const grown = await start(a.dataDir);
    const file = await grown.client.backup.create({ passphrase: PASSPHRASE });
    expect(statSync(file.path).size).toBeGreaterThan(OLD_CAP_BYTES);

    const b = await start(tempDir('bcci-other-machine-'));
    const content = readFileSync(file.path).toString('base64');
    const preview = await b.client.backup.previewRestore({ fileName: 'big.bccibak', contentBase64: content, passphrase: PASSPHRASE });
    expect(preview).toMatchObject({ dossiers: 0, office: { code: '100000' } });
    expect(await b.client.backup.confirmRestore({ restoreId: preview.restoreId })).toEqual({ restartNeeded: true });
  }, 240_000);

  it('another call of the same size is still refused unread (413; its words are checked in http-host.test.ts)', async () => {
    const h = await start();
    await expect(h.client.catalog.previewImport({ fileName: 'x.xlsx', contentBase64: 'A'.repeat(45_000_000) })).rejects.toThrow(/Payload Too Large/);
  }, 60_000);
});
