import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgencyTokens } from '../../electron/core/agencies/token-file.js';
import { auditKeyPath } from '../../electron/core/audit/key-file.js';
import { describeEntry } from '../../electron/core/audit/describe-entry.js';
import { createCore } from '../../electron/core/core.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { officePasswordPath, readOfficePassword } from '../../electron/core/db/postgres/office-password.js';
import { writeMovedMarker } from '../../electron/core/office-move/moved-marker.js';
import { createRouter } from '../../electron/core/router.js';
import { sealedSecrets } from '../../electron/core/secrets/sealed-secrets.js';
import { DATA_KEY_FILE, openDataKey } from '../../electron/hosting/data-key.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { startHttpHost } from '../../electron/hosting/http-host.js';
import { ADMIN, clientFor, startCore, tempDir } from '../support/core-harness.js';
import { testSafeStorage } from '../support/test-safe-storage.js';

const run = promisify(execFile);
const TOKEN = 'tok-9f2c41d7-sealed-test';
const PASSWORD = 'mat-khau-may-chu-7Q';
const SERVER = 'https://dvc.example.gov.vn/';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A counter folder as an earlier version left it: its audit key, a token and the office password in clear 0600 files. */
async function clearCounterFolder() {
  const h = await startCore();
  await h.client.dossiers.search({ query: '001090123456', limit: 5 });
  await h.stop();
  const dir = h.dataDir;
  new AgencyTokens(dir).replace([SERVER.replace(/\/$/, '')], new Map([[SERVER.replace(/\/$/, ''), TOKEN]]));
  writeFileSync(officePasswordPath(dir), `${PASSWORD}\n`, { mode: 0o600 });
  return { dir, auditKeyHex: readFileSync(auditKeyPath(dir), 'utf8').trim() };
}

/** Every file of the folder, by name, with its bytes. */
function folderBytes(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files.set(entry, readFileSync(path));
  }
  return files;
}

/** A core as core-process.ts starts it with a data key, served over HTTP. */
async function sealedCore(dir: string, dataKey: Buffer) {
  const core = await createCore({ dataDir: dir, settingsStore: fileSettingsStore(dir), ...sealedSecrets(dir, dataKey) });
  const host = await startHttpHost({ router: createRouter(core), token: 't', staticDir: join(dir, 'no-static') });
  const stop = async () => (await host.close(), await core.close());
  stops.push(stop);
  return { core, client: clientFor(host.url, 't'), stop };
}

/** A folder sealed by one start with a key, and a check that no file of it changed since. */
async function sealedFolder() {
  const { dir } = await clearCounterFolder();
  await (await sealedCore(dir, randomBytes(32))).stop();
  stops.pop();
  const before = folderBytes(dir);
  const unchanged = () => {
    const after = folderBytes(dir);
    // The instance lock (instance.json, instance.lock) records each start; nothing else may differ.
    for (const [name, bytes] of before) if (!name.startsWith('instance.')) expect(after.get(name), name).toEqual(bytes);
  };
  return { dir, unchanged };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { data?: { code: string; vi: string; en: string } }) => e.data ?? null,
  );

describe("main's data key, sealed by the OS secret store", () => {
  it('is made once, written only sealed, and opened again at the next start', () => {
    const dir = tempDir('bcci-data-key-');
    const store = testSafeStorage();
    const first = openDataKey(dir, store);
    expect(first).toMatchObject({ ok: true, dataKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const onDisk = readFileSync(join(dir, DATA_KEY_FILE));
    expect(onDisk.includes((first as { dataKey: string }).dataKey)).toBe(false);
    expect(onDisk.includes(Buffer.from((first as { dataKey: string }).dataKey, 'hex'))).toBe(false);
    expect(statSync(join(dir, DATA_KEY_FILE)).mode & 0o077).toBe(0);
    expect(openDataKey(dir, store)).toEqual(first);
  });

  it('without a store there is no key and no file: the 0600 files stay as before', () => {
    const dir = tempDir('bcci-data-key-');
    expect(openDataKey(dir, testSafeStorage(false))).toEqual({ ok: true, dataKey: null });
    expect(existsSync(join(dir, DATA_KEY_FILE))).toBe(false);
  });

  it("another account's store gets words, and the sealed key is kept as it was", () => {
    const dir = tempDir('bcci-data-key-');
    openDataKey(dir, testSafeStorage());
    const before = readFileSync(join(dir, DATA_KEY_FILE));
    const other = openDataKey(dir, testSafeStorage());
    expect(other).toMatchObject({ ok: false, problem: { code: 'DATA_KEY_UNOPENED', vi: expect.stringContaining('Không có gì bị thay đổi'), en: expect.stringContaining('Nothing was changed') } });
    expect(readFileSync(join(dir, DATA_KEY_FILE))).toEqual(before);
  });
});

describe('secrets sealed with the data key in the core', () => {
  it('an upgraded folder keeps no clear secret after the first start with a key, and everything still works', async () => {
    const { dir, auditKeyHex } = await clearCounterFolder();
    const dataKey = randomBytes(32);
    for (let start = 0; start < 2; start++) {
      const counter = await sealedCore(dir, dataKey);
      await counter.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
      expect((await counter.client.audit.check({ full: true })).intact).toBe(true);
      await counter.stop();
      stops.pop();

      expect(existsSync(auditKeyPath(dir))).toBe(false);
      expect(existsSync(officePasswordPath(dir))).toBe(false);
      for (const [name, bytes] of folderBytes(dir)) {
        for (const secret of [TOKEN, PASSWORD, auditKeyHex]) expect(bytes.includes(secret), `${secret} in clear in ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(auditKeyHex, 'hex')), `the audit key's bytes in ${name}`).toBe(false);
      }
      const seams = sealedSecrets(dir, dataKey);
      expect(new AgencyTokens(dir, seams.secretSeal).get(SERVER)).toBe(TOKEN);
      expect(seams.officePassword.read()).toBe(PASSWORD);
      expect(seams.auditKeyStore.read()).toBe(auditKeyHex);
    }
  }, 60_000);

  it('a wrong data key gives words, not a crash, and changes no file', async () => {
    const { dir, unchanged } = await sealedFolder();
    const wrong = await refusal(createCore({ dataDir: dir, settingsStore: fileSettingsStore(dir), ...sealedSecrets(dir, randomBytes(32)) }));
    expect(wrong).toMatchObject({ code: 'SECRET_SEAL_WRONG_KEY', vi: expect.stringContaining('khoá nhật ký kiểm tra'), en: expect.stringContaining('The file is kept as it is') });
    unchanged();
  }, 60_000);

  it('no data key (browser mode, no keyring) gives words, makes no new audit key, and changes no file', async () => {
    const { dir, unchanged } = await sealedFolder();
    const missing = await refusal(createCore({ dataDir: dir, settingsStore: fileSettingsStore(dir) }));
    expect(missing).toMatchObject({ code: 'AUDIT_KEY_SEALED', vi: expect.stringContaining('Không tạo khoá mới'), en: expect.stringContaining('No new key is made') });
    expect(existsSync(auditKeyPath(dir))).toBe(false);
    expect(() => new AgencyTokens(dir).get(SERVER)).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: 'AGENCY_TOKENS_SEALED' }) }));
    expect(() => readOfficePassword(dir, { env: {} })).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: 'OFFICE_PASSWORD_SEALED' }) }));
    unchanged();
  }, 60_000);
});

describe('a restore on a counter whose secrets are sealed', () => {
  it('keeps the backup’s audit key sealed in restore-pending, and the next start takes it in', async () => {
    const passphrase = 'trà đá vỉa hè 2026';
    // Another machine, its key in a file, makes the backup.
    const a = await startCore();
    await a.client.dossiers.search({ query: '0912345678', limit: 5 });
    const file = await a.client.backup.create({ passphrase });
    const keyHex = readFileSync(auditKeyPath(a.dataDir), 'utf8').trim();
    await a.stop();

    const dir = tempDir('bcci-sealed-restore-');
    const dataKey = randomBytes(32);
    const b = await sealedCore(dir, dataKey);
    await b.client.session.setup({ clerkCode: ADMIN.clerkCode, clerkName: ADMIN.clerkName, secret: ADMIN.secret });
    const preview = await b.client.backup.previewRestore({ fileName: file.fileName, contentBase64: readFileSync(file.path).toString('base64'), passphrase });
    await b.client.backup.confirmRestore({ restoreId: preview.restoreId });
    const pending = join(dir, 'restore-pending');
    expect(existsSync(join(pending, 'counter.sqlite'))).toBe(true);
    expect(existsSync(join(pending, 'audit.key'))).toBe(false);
    for (const [name, bytes] of folderBytes(pending)) {
      expect(bytes.includes(keyHex), `the audit key in clear in ${name}`).toBe(false);
      expect(bytes.includes(Buffer.from(keyHex, 'hex')), `the audit key's bytes in ${name}`).toBe(false);
    }
    await b.stop();
    stops.pop();
    // A clear key left in the folder meanwhile (an administrator following a refusal's words)
    // must not win over the restored one at a later start.
    writeFileSync(auditKeyPath(dir), randomBytes(32).toString('hex'), { mode: 0o600 });

    // The next start applies the restore: the backup's key is in the store, the trail verifies.
    let restored = await sealedCore(dir, dataKey);
    await restored.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
    const check = await restored.client.audit.check({ full: true });
    expect(check.problems).toEqual([]);
    expect(sealedSecrets(dir, dataKey).auditKeyStore.read()).toBe(keyHex);
    for (const [name, bytes] of folderBytes(dir)) expect(bytes.includes(keyHex), `the audit key in clear in ${name}`).toBe(false);
    // This counter's own key before the restore is kept aside, sealed.
    expect(readdirSync(dir).filter((f) => /^audit\.replaced-\d{14}\.key\.sealed$/.test(f))).toHaveLength(1);
    // And it holds at the start after.
    await restored.stop();
    stops.pop();
    restored = await sealedCore(dir, dataKey);
    expect(sealedSecrets(dir, dataKey).auditKeyStore.read()).toBe(keyHex);
    await restored.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
    expect((await restored.client.audit.check({ full: true })).problems).toEqual([]);
  }, 90_000);
});

describe('a counter whose data key is lost', () => {
  const recover = (args: string[], env: Record<string, string> = {}) =>
    run(join('node_modules', '.bin', 'tsx'), ['tools/recover-audit-key/main.ts', ...args], { env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const passphrase = 'khoá của bưu cục 2026';

  /** A counter started as main starts it (a data key sealed by the store), with entries, an agency token and its key exported. */
  async function counterWithExportedKey() {
    const dir = tempDir('bcci-lost-key-');
    const store = testSafeStorage();
    const opened = openDataKey(dir, store) as { dataKey: string };
    const counter = await sealedCore(dir, Buffer.from(opened.dataKey, 'hex'));
    await counter.client.session.setup({ clerkCode: ADMIN.clerkCode, clerkName: ADMIN.clerkName, secret: ADMIN.secret });
    await counter.client.dossiers.search({ query: '0912345678', limit: 5 });
    const exported = await counter.client.audit.exportKey({ passphrase });
    new AgencyTokens(dir, sealedSecrets(dir, Buffer.from(opened.dataKey, 'hex')).secretSeal).replace([SERVER], new Map([[SERVER, TOKEN]]));
    await counter.stop();
    stops.pop();
    const keyFile = join(tempDir('bcci-key-file-'), exported.fileName);
    writeFileSync(keyFile, Buffer.from(exported.contentBase64, 'base64'), { mode: 0o600 });
    return { dir, store, keyFile };
  }

  it('does not start, makes no new key, says what happened and what to do; the command with the exported key brings it back on its trail', async () => {
    const { dir, store, keyFile } = await counterWithExportedKey();
    rmSync(join(dir, DATA_KEY_FILE));
    const before = folderBytes(dir);

    const refused = openDataKey(dir, store);
    expect(refused).toMatchObject({ ok: false, problem: { code: 'DATA_KEY_LOST' } });
    const words = (refused as { problem: { vi: string; en: string } }).problem;
    expect(words.vi).toContain('Khoá dữ liệu');
    expect(words.vi).toContain('audit.key.sealed');
    expect(words.vi).toContain(`npm run recover-audit-key -- "${dir}" --key-file`);
    expect(words.en).toContain('the files sealed with it are still there (audit.key.sealed, agency-tokens.json)');
    expect(words.en).toContain('The app makes no new key by itself');
    expect(existsSync(join(dir, DATA_KEY_FILE))).toBe(false);
    expect(folderBytes(dir)).toEqual(before);

    // Another office's key is refused, and nothing changes.
    const other = await counterWithExportedKey();
    const wrong = await recover([dir, '--key-file', other.keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: passphrase });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is not the key that signed the audit trail');
    // Reading the trail leaves only SQLite's own side files of a read-only open.
    expect(new Map([...folderBytes(dir)].filter(([name]) => !/^counter\.sqlite-(wal|shm)$/.test(name)))).toEqual(before);

    const done = await recover([dir, '--key-file', keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: passphrase });
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Enter the agencies\' tokens');
    const aside = readdirSync(dir).filter((f) => f.startsWith('lost-data-key-'));
    expect(aside).toHaveLength(1);
    expect(readdirSync(join(dir, aside[0]!)).sort()).toEqual(['agency-tokens.json', 'audit.key.sealed']);

    // The next start: a new data key; the key goes into the store; the trail goes on, intact.
    const reopened = openDataKey(dir, store) as { ok: boolean; dataKey: string };
    expect(reopened.ok).toBe(true);
    const counter = await sealedCore(dir, Buffer.from(reopened.dataKey, 'hex'));
    await counter.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
    await counter.client.dossiers.search({ query: '0912345678', limit: 5 });
    const check = await counter.client.audit.check({ full: true });
    expect(check.problems).toEqual([]);
    expect(check.intact).toBe(true);
    expect(existsSync(auditKeyPath(dir))).toBe(false);
    // The trail says the key was taken in by the command, and by whom (the system).
    const [taken] = (await counter.client.audit.list({ limit: 5, action: 'audit.keyImported' })).entries;
    expect(taken).toMatchObject({ clerkCode: 'system' });
    expect(taken!.about.vi).toContain('bằng lệnh npm run recover-audit-key khi mất khoá dữ liệu');
    expect(taken!.about.en).toContain('after the data key was lost');
    expect(taken!.about.vi).toContain('đã kiểm tra khớp với nhật ký');
    expect(taken!.about.en).toContain('checked against the trail');
  }, 120_000);

  it('a data key that no longer opens names the command, which sets it aside only when told to', async () => {
    const { dir, store, keyFile } = await counterWithExportedKey();
    writeFileSync(join(dir, DATA_KEY_FILE), randomBytes(60));
    const refused = openDataKey(dir, store) as { ok: false; problem: { code: string; vi: string; en: string } };
    expect(refused.problem.code).toBe('DATA_KEY_UNOPENED');
    expect(refused.problem.vi).toContain('Trước hết mở ứng dụng bằng tài khoản và trên máy đã dùng trước đây');
    expect(refused.problem.en).toContain(`npm run recover-audit-key -- "${dir}" --key-file <.bcciauditkey file> --set-aside-data-key`);

    const before = folderBytes(dir);
    const untold = await recover([dir, '--key-file', keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: passphrase });
    expect(untold.code).toBe(2);
    expect(untold.stderr).toContain('--set-aside-data-key');
    expect(folderBytes(dir)).toEqual(before);

    expect((await recover([dir, '--key-file', keyFile, '--set-aside-data-key'], { BCCI_AUDIT_KEY_PASSPHRASE: passphrase })).code).toBe(0);
    const reopened = openDataKey(dir, store) as { ok: boolean; dataKey: string };
    expect(reopened.ok).toBe(true);
    const counter = await sealedCore(dir, Buffer.from(reopened.dataKey, 'hex'));
    await counter.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
    expect((await counter.client.audit.check({ full: true })).problems).toEqual([]);
  }, 120_000);

  it('refuses a key it cannot check against a trail, changing nothing, unless told --unchecked', async () => {
    const { dir, keyFile } = await counterWithExportedKey();
    rmSync(join(dir, DATA_KEY_FILE));
    const noFile = tempDir('bcci-lost-key-no-file-');
    cpSync(dir, noFile, { recursive: true });
    for (const f of readdirSync(noFile).filter((f) => f.startsWith('counter.sqlite'))) rmSync(join(noFile, f));
    // A folder whose file has the schema but no entry yet: any key would verify "its" trail.
    const noEntry = tempDir('bcci-lost-key-no-entry-');
    const db = openDatabase(noEntry);
    migrate(db);
    db.close();
    const settings = fileSettingsStore(dir);
    settings.store = { ...settings.store, officeServer: { host: '10.0.0.5', port: 5432, database: 'bcci_hn01', role: 'bcci_app', tls: 'disable', caFile: '', enabled: true } };
    const env = { BCCI_AUDIT_KEY_PASSPHRASE: passphrase };

    // Reading a trail leaves only SQLite's own side files of a read-only open.
    const kept = (folder: string) => new Map([...folderBytes(folder)].filter(([name]) => !/^counter\.sqlite-(wal|shm)$/.test(name)));
    for (const [folder, why] of [
      [dir, 'the counter uses the office data server'],
      [noFile, 'there is no data file'],
      [noEntry, 'has no signed entry yet'],
    ] as const) {
      const before = kept(folder);
      const refused = await recover([folder, '--key-file', keyFile], env);
      expect(refused.code, folder).toBe(2);
      expect(refused.stderr).toContain('Không kiểm tra được khoá với nhật ký kiểm tra');
      expect(refused.stderr).toContain('The key cannot be checked against the audit trail: ');
      expect(refused.stderr).toContain(why);
      expect(refused.stderr).toContain('Nothing changed. Only when sure this is the office\'s key, run this again with --unchecked');
      expect(kept(folder)).toEqual(before);
    }

    const told = await recover([dir, '--key-file', keyFile, '--unchecked'], env);
    expect(told.code).toBe(0);
    expect(told.stdout).toContain('The key was put in unchecked (--unchecked): the counter uses the office data server');
    expect(existsSync(auditKeyPath(dir))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('lost-data-key-'))).toHaveLength(1);
    // Put in a file with no signed entry: the trail records that the key was not checked.
    expect((await recover([noEntry, '--key-file', keyFile, '--unchecked'], env)).code).toBe(0);
    const recorded = new Database(join(noEntry, 'counter.sqlite'), { readonly: true });
    const entry = recorded.prepare('SELECT action, detail FROM audit_log WHERE seq IS NOT NULL').all() as { action: string; detail: string }[];
    recorded.close();
    expect(entry.map((e) => e.action)).toEqual(['audit.keyImported']);
    expect(describeEntry('audit.keyImported', entry[0]!.detail).about.en).toContain('put in without checking it against the trail (--unchecked)');
  }, 120_000);

  it('on a counter whose data moved to the office server, puts the key in and leaves the moved file as it was', async () => {
    const { dir, keyFile } = await counterWithExportedKey();
    rmSync(join(dir, DATA_KEY_FILE));
    writeMovedMarker(dir, { movedAt: '2026-11-28T10:00:00.000Z', server: { host: '10.0.0.5', port: 5432, database: 'bcci_hn01' }, rows: 40, auditEntry: 7 });
    const file = join(dir, 'counter.sqlite');
    const entries = () => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const [bytes, before] = [readFileSync(file), entries()];

    const done = await recover([dir, '--key-file', keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: passphrase });
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(entries()).toBe(before);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(auditKeyPath(dir))).toBe(true);
    expect(done.stdout).toContain('moved to the office server 10.0.0.5/bcci_hn01: the old file stays as it was, so the take-in is not recorded there but here: {"action":"audit.keyImported"');
  }, 120_000);
});

describe('npm run audit-check on a counter whose key is sealed', () => {
  const check = (args: string[], env: Record<string, string> = {}) =>
    run(join('node_modules', '.bin', 'tsx'), ['tools/audit-check/main.ts', ...args], { env: { ...process.env, ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('says what it needs, and checks with the exported key file and its passphrase', async () => {
    const dir = tempDir('bcci-sealed-check-');
    const counter = await sealedCore(dir, randomBytes(32));
    await counter.client.session.setup({ clerkCode: ADMIN.clerkCode, clerkName: ADMIN.clerkName, secret: ADMIN.secret });
    await counter.client.dossiers.search({ query: '0912345678', limit: 5 });
    const passphrase = 'khoá kiểm tra 2026';
    const exported = await counter.client.audit.exportKey({ passphrase });
    await counter.stop();
    stops.pop();
    const keyFile = join(tempDir('bcci-key-file-'), exported.fileName);
    writeFileSync(keyFile, Buffer.from(exported.contentBase64, 'base64'), { mode: 0o600 });

    // Without the file: it cannot check, and says how to.
    const sealed = await check([dir, '--full']);
    expect(sealed.code).toBe(2);
    expect(sealed.stderr).toContain('audit.key.sealed');
    expect(sealed.stderr).toContain('--key-file');
    expect(sealed.stderr).toContain('BCCI_AUDIT_KEY_PASSPHRASE');
    // With the file but no passphrase and no terminal to type it in.
    const bare = await check([dir, '--full', '--key-file', keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: '' });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Cần mật khẩu của tệp khoá');
    expect(bare.stderr).toContain('set the BCCI_AUDIT_KEY_PASSPHRASE environment variable');
    const wrong = await check([dir, '--key-file', keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: 'sai mat khau roi' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('The key file’s passphrase is wrong');
    const ok = await check([dir, '--full', '--key-file', keyFile], { BCCI_AUDIT_KEY_PASSPHRASE: passphrase });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Nhật ký kiểm tra nguyên vẹn/);
  }, 90_000);
});
