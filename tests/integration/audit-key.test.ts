import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { auditKeyPath, type AuditKeyStore } from '../../electron/core/audit/key-file.js';
import { createCore } from '../../electron/core/core.js';
import { dataKeySeal } from '../../electron/core/secrets/data-key-seal.js';
import { SealedFile } from '../../electron/core/secrets/sealed-file.js';
import { sealedSecrets } from '../../electron/core/secrets/sealed-secrets.js';
import { createRouter } from '../../electron/core/router.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { startHttpHost } from '../../electron/hosting/http-host.js';
import { ADMIN, clientFor, failure, startCore, type Harness } from '../support/core-harness.js';
import { suiteEnv } from '../support/suite-postgres.js';
import { officeDataDir } from '../support/office-counter.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

const PASSPHRASE = 'khoá của bưu cục 2026';
const QUICK_HEALTH = { probeMs: 500, probeTimeoutMs: 1000, retryMs: [100, 200, 400] };
let h: Harness | undefined;
let server: TestPostgres | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
afterAll(async () => server?.remove());

/** A core started by its host with extra options, served over HTTP, not signed in. */
async function hostedCore(dataDir: string, extra: Partial<Parameters<typeof createCore>[0]>) {
  const core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), env: suiteEnv(), ...extra });
  await core.office?.settled();
  const host = await startHttpHost({ router: createRouter(core), token: 't', staticDir: join(dataDir, 'no-static') });
  return { core, client: clientFor(host.url, 't'), stop: async () => (await host.close(), await core.close()) };
}

describe('the audit key', () => {
  it('in a file other users may read is refused, in words saying chmod 600', async () => {
    h = await startCore();
    const dir = h.dataDir;
    await h.stop();
    h = undefined;
    chmodSync(auditKeyPath(dir), 0o644);
    const refused = await startCore({ dataDir: dir }).then(
      () => null,
      (e: { data: { code: string; vi: string; en: string } }) => e.data,
    );
    expect(refused).toMatchObject({ code: 'AUDIT_KEY_EXPOSED' });
    expect(refused!.vi).toContain(`chmod 600 ${auditKeyPath(dir)}`);
    expect(refused!.en).toContain('can be read by other users');
  });

  it("moves into the host's secret store, and the trail stays intact under it", async () => {
    h = await startCore();
    await h.client.dossiers.search({ query: '001090123456', limit: 5 });
    const dir = h.dataDir;
    const key = readFileSync(auditKeyPath(dir), 'utf8').trim();
    await h.stop();
    h = undefined;
    let held: string | null = null;
    const store: AuditKeyStore = { read: () => held, save: (hex) => void (held = hex) };
    for (let start = 0; start < 2; start++) {
      const counter = await hostedCore(dir, { auditKeyStore: store });
      try {
        await counter.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
        expect((await counter.client.audit.check({ full: true })).intact).toBe(true);
      } finally {
        await counter.stop();
      }
      expect(held).toBe(key);
      expect(existsSync(auditKeyPath(dir))).toBe(false);
    }
  });
});

describe('taking a key in without signing in', () => {
  const wrongTry = (client: ReturnType<Harness['anonymous']>, contentBase64: string) =>
    failure(client.audit.importKey({ contentBase64, passphrase: 'khong phai mat khau' }));

  it('after three wrong passphrases waits, refusing at once in words, even the right one, and records each wrong passphrase (not the refusals, which anyone could repeat)', async () => {
    h = await startCore();
    const file = await h.client.audit.exportKey({ passphrase: PASSPHRASE });
    const screen = h.anonymous();
    for (let i = 0; i < 3; i++) expect((await wrongTry(screen, file.contentBase64)).code).toBe('AUDIT_KEY_WRONG_PASSPHRASE');
    const started = performance.now();
    const refused = await wrongTry(screen, file.contentBase64);
    // Refused before a key derivation (~0.5 s), so guessing costs the core nothing.
    expect(performance.now() - started).toBeLessThan(250);
    expect(refused).toMatchObject({ code: 'AUDIT_KEY_IMPORT_WAIT', field: 'passphrase' });
    expect(refused.vi).toContain('Chờ 30 giây rồi thử lại');
    expect(refused.en).toContain('Wait 30 seconds and try again');
    expect((await failure(screen.audit.importKey({ contentBase64: file.contentBase64, passphrase: PASSPHRASE }))).code).toBe('AUDIT_KEY_IMPORT_WAIT');
    const failed = (await h.client.audit.list({ limit: 10, action: 'audit.keyImportFailed' })).entries;
    expect(failed).toHaveLength(3);
    expect(failed.map((e) => e.about.en)).toContain('wrong key-file passphrase (3 in a row)');
  });

  it('still tells the clerk the passphrase was wrong when the try cannot be recorded (the disk full), and logs that it was not', async () => {
    h = await startCore();
    const file = await h.client.audit.exportKey({ passphrase: PASSPHRASE });
    // This file's harness counters run on their own SQLite file (the limit is the same on both engines).
    h.core.db!.exec("CREATE TRIGGER test_disk_full BEFORE INSERT ON audit_log WHEN new.action = 'audit.keyImportFailed' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await wrongTry(h.anonymous(), file.contentBase64);
      expect(answer).toMatchObject({ code: 'AUDIT_KEY_WRONG_PASSPHRASE', field: 'passphrase' });
      expect(answer.vi).toContain('Mật khẩu của tệp khoá không đúng');
      expect(answer.en).toContain('passphrase is wrong');
      expect(logged.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringContaining('[audit] a wrong key-file passphrase could not be recorded'));
      // The try still counts towards the wait, recorded or not.
      for (let i = 0; i < 2; i++) await wrongTry(h.anonymous(), file.contentBase64);
      expect((await wrongTry(h.anonymous(), file.contentBase64)).code).toBe('AUDIT_KEY_IMPORT_WAIT');
    } finally {
      logged.mockRestore();
    }
  });

  it('opens one key file at a time: a try sent during another is refused at once', async () => {
    h = await startCore();
    const file = await h.client.audit.exportKey({ passphrase: PASSPHRASE });
    const screen = h.anonymous();
    const codes = (await Promise.all([wrongTry(screen, file.contentBase64), wrongTry(screen, file.contentBase64)])).map((f) => f.code).sort();
    expect(codes).toEqual(['AUDIT_KEY_IMPORT_BUSY', 'AUDIT_KEY_WRONG_PASSPHRASE']);
  });
});

describe.skipIf(skipWithout('postgres') !== false)('two counters on one office server', () => {
  it('a counter whose key is not the office key says so and writes nothing; the office chain stays intact', async () => {
    server = await startTestPostgres();
    const login = await server.createDatabase('office_keys');
    h = await startCore({ dataDir: officeDataDir(login, 'Q01'), env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH });
    await h.client.dossiers.search({ query: '001090123456', limit: 5 });

    const q02 = officeDataDir(login, 'Q02');
    writeFileSync(auditKeyPath(q02), randomBytes(32).toString('hex'), { mode: 0o600 });
    const wrong = await hostedCore(q02, { env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH });
    try {
      const refused = await failure(wrong.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret }));
      expect(refused.code).toBe('AUDIT_KEY_NOT_THE_OFFICE_KEY');
      expect(refused.vi).toContain('khác với khoá của bưu cục');
      expect(refused.en).toContain("is not the office's");
    } finally {
      await wrong.stop();
    }

    // The same counter with the office's key works, and the chain written by both verifies.
    writeFileSync(auditKeyPath(q02), readFileSync(auditKeyPath(h.dataDir)), { mode: 0o600 });
    const right = await hostedCore(q02, { env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH });
    try {
      await right.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
      await right.client.dossiers.search({ query: '079123456789', limit: 5 });
    } finally {
      await right.stop();
    }
    expect((await h.client.audit.check({ full: true })).intact).toBe(true);
  }, 120_000);

  it('a counter whose wrong key is sealed is told to put the office key in as audit.key, and that works', async () => {
    server ??= await startTestPostgres();
    const login = await server.createDatabase('office_sealed_keys');
    h = await startCore({ dataDir: officeDataDir(login, 'Q01'), env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH });
    await h.client.dossiers.search({ query: '001090123456', limit: 5 });

    const q02 = officeDataDir(login, 'Q02');
    // A key of its own (not the office's), sealed at its first start with the data key.
    writeFileSync(auditKeyPath(q02), randomBytes(32).toString('hex'), { mode: 0o600 });
    const dataKey = randomBytes(32);
    const sealed = { env: { BCCI_OFFICE_PASSWORD: login.password }, officeHealth: QUICK_HEALTH, ...sealedSecrets(q02, dataKey) };
    const wrong = await hostedCore(q02, sealed);
    try {
      const refused = await failure(wrong.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret }));
      expect(refused.code).toBe('AUDIT_KEY_NOT_THE_OFFICE_KEY');
      // No clear audit.key exists to copy or replace here: the words say what does work.
      expect(refused.vi).toContain('audit.key.sealed');
      expect(refused.vi).toContain('dưới tên audit.key');
      expect(refused.en).toContain("puts the office's key into this counter's data folder as audit.key");
      expect(refused.en).not.toContain('copies the audit.key file');
    } finally {
      await wrong.stop();
    }
    const ownKey = sealedSecrets(q02, dataKey).auditKeyStore.read();

    writeFileSync(auditKeyPath(q02), readFileSync(auditKeyPath(h.dataDir)), { mode: 0o600 });
    const right = await hostedCore(q02, sealed);
    try {
      await right.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
      await right.client.dossiers.search({ query: '079123456789', limit: 5 });
    } finally {
      await right.stop();
    }
    expect(existsSync(auditKeyPath(q02))).toBe(false);
    // The counter's own key, which signed nothing on the server but may sign a local file, is kept aside sealed.
    const aside = readdirSync(q02).filter((name) => /^audit\.replaced-.*\.key\.sealed$/.test(name));
    expect(aside).toHaveLength(1);
    expect(new SealedFile(join(q02, aside[0]!), dataKeySeal(dataKey)).read()).toBe(ownKey);
    expect((await h.client.audit.check({ full: true })).intact).toBe(true);
  }, 120_000);

  it('in an office where every counter seals its key, the key exported with a passphrase brings a new counter in, never in clear', async () => {
    server ??= await startTestPostgres();
    const login = await server.createDatabase('office_key_export');
    const env = { BCCI_OFFICE_PASSWORD: login.password };
    const q01 = officeDataDir(login, 'Q01');
    const firstDataKey = randomBytes(32);
    const first = await hostedCore(q01, { env, officeHealth: QUICK_HEALTH, ...sealedSecrets(q01, firstDataKey) });
    let file: { contentBase64: string; fileName: string; fingerprint: string };
    try {
      await first.client.session.setup({ clerkCode: ADMIN.clerkCode, clerkName: ADMIN.clerkName, secret: ADMIN.secret });
      // A short passphrase is refused in words.
      expect((await failure(first.client.audit.exportKey({ passphrase: 'ngan' }))).code).toBe('BACKUP_PASSPHRASE_SHORT');
      file = await first.client.audit.exportKey({ passphrase: PASSPHRASE });
      expect(file.fileName).toMatch(/\.bcciauditkey$/);
      expect((await first.client.audit.list({ limit: 5, action: 'audit.keyExported' })).entries).toHaveLength(1);
    } finally {
      await first.stop();
    }

    // A new counter, set up without a copy of the office's key: none can be copied out of a store.
    const q02 = officeDataDir(login, 'Q02');
    rmSync(auditKeyPath(q02));
    const dataKey = randomBytes(32);
    const sealed = { env, officeHealth: QUICK_HEALTH, ...sealedSecrets(q02, dataKey) };
    const joining = await hostedCore(q02, sealed);
    try {
      expect((await failure(joining.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret }))).code).toBe('AUDIT_KEY_NOT_THE_OFFICE_KEY');
      const wrong = await failure(joining.client.audit.importKey({ contentBase64: file.contentBase64, passphrase: 'khong phai mat khau' }));
      expect(wrong.code).toBe('AUDIT_KEY_WRONG_PASSPHRASE');
      expect(wrong.vi).toContain('Mật khẩu của tệp khoá không đúng');
      const taken = await joining.client.audit.importKey({ contentBase64: file.contentBase64, passphrase: PASSPHRASE });
      expect(taken).toMatchObject({ restartNeeded: true, fingerprint: file.fingerprint });
      expect(taken.message.vi).toContain('Mở lại ứng dụng');
    } finally {
      await joining.stop();
    }
    const joined = await hostedCore(q02, sealed);
    try {
      await joined.client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
      await joined.client.dossiers.search({ query: '079123456789', limit: 5 });
      const check = await joined.client.audit.check({ full: true });
      expect(check.problems).toEqual([]);
      expect((await joined.client.audit.list({ limit: 5, action: 'audit.keyImported' })).entries).toHaveLength(1);
    } finally {
      await joined.stop();
    }
    // Both counters now hold one key, sealed; neither folder has it in clear, nor did the page get it.
    const key = sealedSecrets(q01, firstDataKey).auditKeyStore.read()!;
    expect(sealedSecrets(q02, dataKey).auditKeyStore.read()).toBe(key);
    expect(Buffer.from(file.contentBase64, 'base64').includes(key)).toBe(false);
    expect(Buffer.from(file.contentBase64, 'base64').includes(Buffer.from(key, 'hex'))).toBe(false);
    for (const dir of [q01, q02]) {
      expect(existsSync(auditKeyPath(dir))).toBe(false);
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const path = join(dir, name);
        if (!statSync(path).isFile()) continue;
        const bytes = readFileSync(path);
        expect(bytes.includes(key) || bytes.includes(Buffer.from(key, 'hex')), `the audit key in clear in ${name}`).toBe(false);
      }
    }
  }, 120_000);
});
