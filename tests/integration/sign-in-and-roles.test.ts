import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, SECRET, failure, sampleIntake, startCore, type Client, type Harness } from '../support/core-harness.js';
import { rowOf, rowsOf } from '../support/raw-sql.js';
import { SESSION_HEADER } from '../../electron/hosting/http-host.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

type AuditRow = { action: string; clerk_code: string; counter_code: string; detail: string };
const audit = async (action: string) => (await rowsOf<AuditRow>(h!, 'SELECT action, clerk_code, counter_code, detail FROM audit_log WHERE action = ? ORDER BY id', action));

/** A forbidden call is refused in both languages and leaves a line in audit_log naming who and what. */
async function expectForbidden(client: Client, call: (c: Client) => Promise<unknown>, procedure: string, clerkCode: string) {
  const before = (await audit('access.denied')).length;
  const err = await failure(call(client));
  expect(err.code).toBe('FORBIDDEN');
  expect(err.vi).toMatch(/cần quyền/);
  expect(err.en).toMatch(/needs .* rights/);
  const rows = (await audit('access.denied'));
  expect(rows).toHaveLength(before + 1);
  expect(rows.at(-1)).toMatchObject({ clerk_code: clerkCode, counter_code: 'Q01' });
  expect(JSON.parse(rows.at(-1)!.detail)).toMatchObject({ procedure });
}

describe('first start', () => {
  it('allows only the sign-in screen’s calls until the administrator exists, and makes only one', async () => {
    h = await startCore();
    // The harness made the administrator; a new connection is signed out.
    const page = h.anonymous();
    expect(await page.session.state()).toMatchObject({ needsSetup: false, clerk: null, locked: false });
    const err = await failure(page.dossiers.intake(sampleIntake(1)));
    expect(err).toMatchObject({ code: 'SIGNED_OUT' });
    expect(err.vi).toContain('Chưa đăng nhập');
    expect((await audit('access.denied')).at(-1)).toMatchObject({ clerk_code: '' });
    expect(JSON.parse((await audit('access.denied')).at(-1)!.detail)).toMatchObject({ procedure: 'dossiers.intake', reason: 'SIGNED_OUT' });
    expect((await failure(page.session.setup({ clerkCode: 'chiem', clerkName: 'Kẻ chiếm quyền', secret: 'abcdef' }))).code).toBe('SETUP_DONE');
    expect((await rowsOf(h, 'SELECT code, role FROM clerks'))).toEqual([{ code: 'gdv01', role: 'admin' }]);
    expect((await audit('accounts.setup'))).toHaveLength(1);
  });

  it('stores a memory-hard hash, never the password', async () => {
    h = await startCore();
    const row = (await rowOf<{ secret_hash: string }>(h, 'SELECT secret_hash FROM clerks'))!;
    expect(row.secret_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.secret_hash).not.toContain(ADMIN.secret);
  });
});

describe('the actor of every write is the signed-in clerk', () => {
  it('takes the clerk from the session: nothing the page sends can name another', async () => {
    h = await startCore();
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    // An old page that still sends a clerk in settings changes nothing about who writes.
    await h.client.settings.update({ clerk: { code: 'ke-mao-danh', name: 'Mạo danh' } } as never);
    const r = await lan.dossiers.intake(sampleIntake(1));
    const d = await lan.dossiers.get({ id: r.dossierId });
    expect(d).toMatchObject({ clerkCode: 'lan' });
    expect(d.events[0]).toMatchObject({ clerkCode: 'lan', clerkName: 'Trần Thị Lan', counterCode: 'Q01' });
    expect(r.printJobs[0]).toMatchObject({ clerkCode: 'lan', clerkName: 'Trần Thị Lan' });
    expect(await lan.system.status()).toMatchObject({ clerk: { code: 'lan', name: 'Trần Thị Lan' } });
  });

  it('refuses a made-up session token as signed out', async () => {
    h = await startCore();
    const res = await fetch(`${h.host.url}rpc/system/status`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', [SESSION_HEADER]: 'forged', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).toContain('SIGNED_OUT');
  });

  it('records who looked up a dossier by its code, and what they typed', async () => {
    h = await startCore();
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    const r = await lan.dossiers.intake(sampleIntake(1));
    await lan.dossiers.findByCode({ code: r.itemNumber!.toLowerCase() });
    await failure(lan.dossiers.findByCode({ code: 'EE000000000VN' }));
    const rows = (await audit('lookup'));
    expect(rows.map((row) => [row.clerk_code, JSON.parse(row.detail).query])).toEqual([
      ['lan', r.itemNumber],
      ['lan', 'EE000000000VN'],
    ]);
  });
});

describe('a citizen looked up by ID number or name', () => {
  it('is recorded once per query with who searched and what; browsing further pages and plain lists are not', async () => {
    h = await startCore();
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    for (let i = 0; i < 3; i++) await lan.dossiers.intake(sampleIntake(1));
    await lan.dossiers.search({ query: 'nguyen van duc', limit: 2 });
    const first = await lan.dossiers.search({ query: '001090123456', limit: 2 });
    await lan.dossiers.search({ query: '001090123456', limit: 2, before: first.next! });
    await lan.dossiers.search({ query: '', limit: 50 });
    await lan.dossiers.search({ query: '000001/2026', limit: 50 });
    expect((await audit('lookup')).map((row) => [row.clerk_code, JSON.parse(row.detail).kind, JSON.parse(row.detail).query])).toEqual([
      ['lan', 'name', 'nguyen van duc'],
      ['lan', 'id-or-phone', '001090123456'],
    ]);
  });
});

describe('roles are enforced in the core', () => {
  it('a clerk takes in dossiers but cannot change settings, import a catalogue or manage accounts', async () => {
    h = await startCore();
    const clerk = await h.clientAs('clerk', 'lan');
    expect((await clerk.dossiers.intake(sampleIntake(1))).status).toBe('accepted-at-post');
    await expectForbidden(clerk, (c) => c.settings.update({ counter: { code: 'Q09' } }), 'settings.update', 'lan');
    await expectForbidden(clerk, (c) => c.catalog.confirmImport({ previewId: 'x' }), 'catalog.confirmImport', 'lan');
    await expectForbidden(
      clerk,
      (c) => c.calendar.saveNotice({ year: 2028, reference: 'Thông báo 2028', days: [{ date: '2028-01-01', name: 'Tết Dương lịch', kind: 'off' }] }),
      'calendar.saveNotice',
      'lan',
    );
    await expectForbidden(clerk, (c) => c.accounts.create({ clerkCode: 'ban', clerkName: 'Bạn', role: 'clerk', secret: SECRET }), 'accounts.create', 'lan');
    expect((await h.client.settings.get()).counter.code).toBe('Q01');
  });

  it('a supervisor manages clerks but not settings, and cannot make supervisors or touch an administrator', async () => {
    h = await startCore();
    const sup = await h.clientAs('supervisor', 'ks01', 'Phạm Kiểm Soát');
    expect(await sup.accounts.create({ clerkCode: 'Hoa ', clerkName: 'Đỗ Thị Hoa', role: 'clerk', secret: SECRET })).toMatchObject({ code: 'hoa', role: 'clerk', disabled: false });
    await expectForbidden(sup, (c) => c.settings.update({ counter: { code: 'Q09' } }), 'settings.update', 'ks01');
    await expectForbidden(sup, (c) => c.accounts.create({ clerkCode: 'ks02', clerkName: 'Ks', role: 'supervisor', secret: SECRET }), 'accounts.create', 'ks01');
    await expectForbidden(sup, (c) => c.accounts.resetSecret({ clerkCode: ADMIN.clerkCode, secret: 'chiem-quyen' }), 'accounts.resetSecret', 'ks01');
    // Password reset for a clerk works and the old one stops working.
    await sup.accounts.resetSecret({ clerkCode: 'hoa', secret: 'moi-moi-moi' });
    expect((await failure(h.anonymous().session.signIn({ clerkCode: 'hoa', secret: SECRET }))).code).toBe('SIGN_IN_FAILED');
    await h.anonymous().session.signIn({ clerkCode: 'hoa', secret: 'moi-moi-moi' });
    expect((await audit('accounts.resetSecret'))).toMatchObject([{ clerk_code: 'ks01' }]);
  });

  it('an administrator changes settings and makes supervisors', async () => {
    h = await startCore();
    expect((await h.client.settings.update({ counter: { code: 'Q09' } })).counter.code).toBe('Q09');
    expect(await h.client.accounts.create({ clerkCode: 'ks01', clerkName: 'Phạm Kiểm Soát', role: 'supervisor', secret: SECRET })).toMatchObject({ role: 'supervisor' });
    expect((await h.client.accounts.list()).map((a) => a.code)).toEqual(['gdv01', 'ks01']);
  });

  it('a disabled clerk is signed out at once and cannot sign in again', async () => {
    h = await startCore();
    const lan = await h.clientAs('clerk', 'lan');
    await h.client.accounts.setDisabled({ clerkCode: 'lan', disabled: true });
    expect((await failure(lan.dossiers.today())).code).toBe('SIGNED_OUT');
    expect((await failure(h.anonymous().session.signIn({ clerkCode: 'lan', secret: SECRET }))).code).toBe('ACCOUNT_DISABLED');
    // The same answer for a wrong password: a disabled account never confirms an old password.
    expect((await failure(h.anonymous().session.signIn({ clerkCode: 'lan', secret: 'doan-thu' }))).code).toBe('ACCOUNT_DISABLED');
    expect((await failure(h.client.accounts.setDisabled({ clerkCode: ADMIN.clerkCode, disabled: true }))).code).toBe('ACCOUNT_SELF');
  });
});

describe('sign-in failures', () => {
  it('makes each try wait longer after three wrong passwords, records them, and forgets them after a success', async () => {
    h = await startCore();
    await h.clientAs('clerk', 'lan');
    const page = h.anonymous();
    for (let i = 0; i < 3; i++) expect((await failure(page.session.signIn({ clerkCode: 'lan', secret: 'sai-roi' }))).code).toBe('SIGN_IN_FAILED');
    // Even the right password waits now: a guesser cannot tell a hit.
    const wait = await failure(page.session.signIn({ clerkCode: 'lan', secret: SECRET }));
    expect(wait.code).toBe('SIGN_IN_WAIT');
    expect(wait.vi).toContain('Chờ 30 giây');
    h.clock.now = new Date(h.clock.now.getTime() + 31_000);
    expect((await failure(page.session.signIn({ clerkCode: 'lan', secret: 'sai-nua' }))).code).toBe('SIGN_IN_FAILED');
    expect((await failure(page.session.signIn({ clerkCode: 'lan', secret: SECRET }))).vi).toContain('Chờ 60 giây');
    h.clock.now = new Date(h.clock.now.getTime() + 61_000);
    expect((await page.session.signIn({ clerkCode: 'LAN', secret: SECRET })).clerk.code).toBe('lan');
    expect((await audit('session.signIn.failed'))).toHaveLength(4);
    expect((await audit('session.signIn.refused'))).toHaveLength(2);
    expect((await rowOf(h, "SELECT failed_attempts, retry_after FROM clerks WHERE code = 'lan'"))).toEqual({ failed_attempts: 0, retry_after: null });
  });

  it('guesses sent all at once cannot slip past the wait that comes after three', async () => {
    h = await startCore();
    await h.clientAs('clerk', 'lan');
    const page = h.anonymous();
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => failure(page.session.signIn({ clerkCode: 'lan', secret: `doan-${i}` }))));
    // A guess that reads the account after the wait began is refused at once (on the office server,
    // where each waits for a connection, that happens); none gets in.
    expect(guesses.every((g) => g.code === 'SIGN_IN_FAILED' || g.code === 'SIGN_IN_WAIT')).toBe(true);
    // Three count; the five that finished hashing after the wait began are refused uncounted.
    expect((await rowOf(h, "SELECT failed_attempts FROM clerks WHERE code = 'lan'"))).toEqual({ failed_attempts: 3 });
    expect((await audit('session.signIn.refused'))).toHaveLength(5);
    expect((await failure(page.session.signIn({ clerkCode: 'lan', secret: SECRET }))).code).toBe('SIGN_IN_WAIT');
  });

  it('says the same for an unknown code as for a wrong password', async () => {
    h = await startCore();
    const unknown = await failure(h.anonymous().session.signIn({ clerkCode: 'khong-co', secret: 'abcdef' }));
    const wrong = await failure(h.anonymous().session.signIn({ clerkCode: ADMIN.clerkCode, secret: 'abcdef' }));
    expect(unknown).toEqual(wrong);
  });
});

describe('locking the counter', () => {
  it('refuses work while locked; the same clerk unlocks, another clerk cannot, a supervisor takes over', async () => {
    h = await startCore();
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    await h.client.accounts.create({ clerkCode: 'hoa', clerkName: 'Đỗ Thị Hoa', role: 'clerk', secret: SECRET });
    await h.client.accounts.create({ clerkCode: 'ks01', clerkName: 'Phạm Kiểm Soát', role: 'supervisor', secret: SECRET });
    await lan.session.lock();
    expect((await failure(lan.dossiers.intake(sampleIntake(1)))).code).toBe('SESSION_LOCKED');
    expect(await lan.session.state()).toMatchObject({ clerk: { code: 'lan' }, locked: true });
    const other = await failure(lan.session.unlock({ clerkCode: 'hoa', secret: SECRET }));
    expect(other.code).toBe('UNLOCK_OTHER_CLERK');
    expect(other.vi).toContain('Trần Thị Lan');
    await lan.session.unlock({ clerkCode: 'lan', secret: SECRET });
    expect((await lan.dossiers.intake(sampleIntake(1))).status).toBe('accepted-at-post');
    await lan.session.lock();
    expect((await lan.session.unlock({ clerkCode: 'ks01', secret: SECRET })).clerk).toEqual({ code: 'ks01', name: 'Phạm Kiểm Soát', role: 'supervisor' });
    const r = await lan.dossiers.intake(sampleIntake(1));
    expect((await lan.dossiers.get({ id: r.dossierId })).events[0]).toMatchObject({ clerkCode: 'ks01' });
    expect((await audit('session.unlock')).map((row) => [row.clerk_code, JSON.parse(row.detail).by ?? null])).toEqual([
      ['lan', null],
      ['lan', 'ks01'],
    ]);
  });

  it('locks itself after the idle time set by the administrator', async () => {
    h = await startCore();
    await h.client.settings.update({ security: { idleLockMinutes: 5 } });
    const lan = await h.clientAs('clerk', 'lan');
    h.clock.now = new Date(h.clock.now.getTime() + 4 * 60_000);
    await lan.dossiers.today();
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 60_000 + 1000);
    expect((await failure(lan.dossiers.today())).code).toBe('SESSION_LOCKED');
    expect((await audit('session.idleLock'))).toMatchObject([{ clerk_code: 'lan' }]);
    await lan.session.unlock({ clerkCode: 'lan', secret: SECRET });
    await lan.dossiers.today();
  });

  it('switches clerk on the same connection: the first is signed out', async () => {
    h = await startCore();
    const page = await h.clientAs('clerk', 'lan');
    await h.client.accounts.create({ clerkCode: 'hoa', clerkName: 'Đỗ Thị Hoa', role: 'clerk', secret: SECRET });
    await page.session.signIn({ clerkCode: 'hoa', secret: SECRET });
    expect((await page.system.status()).clerk.code).toBe('hoa');
    expect(JSON.parse((await audit('session.signOut')).at(-1)!.detail)).toEqual({ switchedTo: 'hoa' });
  });
});

describe('live events follow the session', () => {
  it('reach a signed-in page, not a locked one, and end when the clerk signs out', async () => {
    h = await startCore();
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    const seen = new Set<number>();
    let ended = false;
    const controller = new AbortController();
    const listening = (async () => {
      for await (const job of await lan.printing.events(undefined, { signal: controller.signal })) seen.add(job.id);
      ended = true;
    })();
    try {
      // The stream is open once one of these reaches it (on the office server the event may come
      // just after the answer, so any page made so far counts).
      const made: number[] = [];
      await vi.waitFor(async () => {
        made.push((await h!.client.printing.testPage()).id);
        expect(made.some((id) => seen.has(id))).toBe(true);
      }, { timeout: 5000, interval: 200 });
      await lan.session.lock();
      const whileLocked = await h.client.printing.testPage();
      await h.core.printing.idle();
      await lan.session.unlock({ clerkCode: 'lan', secret: SECRET });
      const afterUnlock = await h.client.printing.testPage();
      await vi.waitFor(() => expect(seen.has(afterUnlock.id)).toBe(true));
      expect(seen.has(whileLocked.id)).toBe(false);

      await lan.session.signOut();
      await h.client.printing.testPage();
      await vi.waitFor(() => expect(ended).toBe(true));
      await listening;
    } finally {
      controller.abort();
    }
  });
});
