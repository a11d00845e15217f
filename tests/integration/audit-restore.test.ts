import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { auditKeyPath } from '../../electron/core/audit/key-file.js';
import { startCore, tempDir, type Harness } from '../support/core-harness.js';

const run = promisify(execFile);
const PASSPHRASE = 'trà đá vỉa hè 2026';
let open: Harness[] = [];
afterEach(async () => {
  for (const h of open) await h.stop();
  open = [];
});
const start = async (dataDir?: string) => {
  const h = await startCore(dataDir ? { dataDir } : {});
  open.push(h);
  return h;
};
const stop = async (h: Harness) => {
  open = open.filter((x) => x !== h);
  await h.stop();
};

describe('the audit trail restored on another machine', () => {
  it('verifies there: the backup carries the audit key, and the machine’s own key is kept aside', async () => {
    const a = await start();
    for (const query of ['0912345678', 'Nguyễn Văn Đức']) await a.client.dossiers.search({ query, limit: 5 });
    const file = await a.client.backup.create({ passphrase: PASSPHRASE });
    const entries = (await a.client.audit.check({ full: true })).entries;
    // The key travels inside the encrypted body, never in the readable header.
    const key = readFileSync(auditKeyPath(a.dataDir), 'utf8').trim();
    expect(readFileSync(file.path).includes(Buffer.from(key))).toBe(false);

    const b = await start(tempDir('bcci-other-machine-'));
    const ownKey = readFileSync(auditKeyPath(b.dataDir), 'utf8').trim();
    expect(ownKey).not.toBe(key);
    const preview = await b.client.backup.previewRestore({ fileName: file.fileName, contentBase64: readFileSync(file.path).toString('base64'), passphrase: PASSPHRASE });
    await b.client.backup.confirmRestore({ restoreId: preview.restoreId });
    const dir = b.dataDir;
    await stop(b);

    const restored = await start(dir);
    expect((await restored.client.system.status()).auditNotice).toBeNull();
    const check = await restored.client.audit.check({ full: true });
    expect(check.problems).toEqual([]);
    expect(check.intact).toBe(true);
    // What the backup held, then the restore and this sign-in, all under the backup's key.
    expect(check.entries).toBeGreaterThan(entries);
    expect(readFileSync(auditKeyPath(dir), 'utf8').trim()).toBe(key);
    expect(statSync(auditKeyPath(dir)).mode & 0o777).toBe(0o600);
    const kept = readdirSync(dir).filter((f) => /^audit\.before-restore-\d{14}\.key$/.test(f));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8').trim()).toBe(ownKey);
    await stop(restored);
    const { stdout } = await run(join('node_modules', '.bin', 'tsx'), ['tools/audit-check/main.ts', dir, '--full']);
    expect(stdout).toMatch(/Nhật ký kiểm tra nguyên vẹn/);
  }, 60_000);
});
