import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Batch } from '../../shared/contract/batches.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/agency/retry-policy.js';
import { AGENCY_TOKENS_FILE } from '../../electron/core/agencies/token-file.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { certificate, configureAgency, recordingClock, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { failure, startCore, type Client, type Harness } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';
import { allStoredText, rowOf, rowsOf } from '../support/raw-sql.js';
import { onOfficeServer } from '../support/suite-postgres.js';

const open: { stop?(): unknown; close?(): unknown }[] = [];
afterEach(async () => {
  while (open.length) {
    const o = open.pop()!;
    await (o.stop ? o.stop() : o.close?.());
  }
});

const SECRET_TOKEN = 'tok-3f9a1c77e2b04d5e';

async function counter(opts: { idleMs?: number } = {}): Promise<Harness> {
  const h = await startCore({ agencyClock: recordingClock(), agencyPolicy: DEFAULT_RETRY_POLICY, outboxIdleMs: opts.idleMs ?? 20 });
  open.push(h);
  return h;
}

async function sim(opts: Parameters<typeof startSim>[0] = {}): Promise<AgencySim> {
  const s = await startSim({ offices: { [SECRET_TOKEN]: '100000' }, ...opts });
  open.push(s);
  return s;
}

async function closedBatch(client: Client, n = 1): Promise<Batch> {
  const ids = [];
  for (let i = 0; i < n; i++) ids.push((await takeIn(client)).id);
  const b = await client.batches.create({ agencyCode: BUILDING });
  await client.batches.addByPick({ batchId: b.id, dossierIds: ids });
  return client.batches.close({ batchId: b.id });
}

async function untilUpload(client: Client, batchId: number, state: string, timeoutMs = 10_000): Promise<Batch> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const b = await client.batches.get({ batchId });
    if (b.upload?.state === state && b.upload.attempts > 0) return b;
    if (Date.now() > end) throw new Error(`upload of ${b.number} is ${JSON.stringify(b.upload)}, not ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** On the office server the tokens are sealed rows every counter reads (decision 0047), not the counter's file. */
const tokenRows = async (h: Harness) => (await rowsOf(h, 'SELECT server FROM agency_tokens')).length;

const posts = (s: AgencySim) => s.requests.filter((r) => r.method === 'POST' && r.url === '/v1/batches');

describe('agencies in Settings', () => {
  it('keeps the token in a 0600 file only: never in the answer, the settings, the audit log or a backup', async () => {
    const h = await counter();
    const s = await sim();
    const saved = await configureAgency(h.client, s);
    expect(saved).toEqual([{ code: BUILDING, name: 'Sở Xây dựng', address: 'Số 2 Tràng Thi, Hoàn Kiếm, Hà Nội', serverUrl: s.url, tokenSaved: true }]);
    expect(await h.client.agencies.list()).toEqual(saved);

    const path = join(h.dataDir, AGENCY_TOKENS_FILE);
    if (onOfficeServer()) expect(await tokenRows(h)).toBe(1);
    else {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8')).toContain(SECRET_TOKEN);
    }
    expect(JSON.stringify(await h.client.settings.get())).not.toContain(SECRET_TOKEN);
    // Agencies are office-wide (decision 0038): their row holds the agency, not its token; the
    // counter's own file (not written at all when only office-wide settings changed) neither.
    const settingsFile = join(h.dataDir, 'settings.json');
    expect(existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '').not.toContain(SECRET_TOKEN);
    const row = (await rowOf<{ value: string }>(h, "SELECT value FROM office_settings WHERE name = 'agencies'"))!;
    expect(row.value).toContain(BUILDING);
    expect(row.value).not.toContain(SECRET_TOKEN);
    const audit = await rowsOf<{ action: string; detail: string }>(h, 'SELECT action, detail FROM audit_log');
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['settings.update', 'agencies.tokens']));
    expect(JSON.stringify(audit)).not.toContain(SECRET_TOKEN);
    // The backup carries the database and the settings, so neither may hold it.
    expect(await allStoredText(h)).not.toContain(SECRET_TOKEN);

    // Saved again without a token, the stored one stays; left out of the list, it goes.
    await h.client.agencies.save({ agencies: [{ ...saved[0]!, token: '' }] });
    expect((await h.client.agencies.list())[0]!.tokenSaved).toBe(true);
    await h.client.agencies.save({ agencies: [] });
    if (onOfficeServer()) expect(await tokenRows(h)).toBe(0);
    else expect(readFileSync(path, 'utf8')).not.toContain(SECRET_TOKEN);
  });

  it('two agencies on one server share its one token: batches of both go with it, two different tokens are refused', async () => {
    const h = await counter();
    const s = await sim();
    const JUSTICE = '000.00.16.H26';
    const agency = (code: string, token: string, serverUrl = s.url) => ({ code, name: `Cơ quan ${code}`, address: 'Hà Nội', serverUrl, token });
    const twice = await failure(h.client.agencies.save({ agencies: [agency(BUILDING, SECRET_TOKEN), agency(JUSTICE, 'another-token', `${s.url}/`)] }));
    expect(twice).toMatchObject({ code: 'AGENCY_TOKEN_TWICE', field: 'token' });
    expect(twice.vi).toContain('dùng chung máy chủ');
    expect(twice.en).toContain('share the server');
    expect(await h.client.agencies.list()).toEqual([]);

    // The token typed once, for one of them: both show it saved, and both agencies' batches use it.
    const saved = await h.client.agencies.save({ agencies: [agency(BUILDING, ''), agency(JUSTICE, SECRET_TOKEN, `${s.url}/`)] });
    expect(saved.map((a) => a.tokenSaved)).toEqual([true, true]);
    if (onOfficeServer()) expect(await tokenRows(h)).toBe(1);
    else {
      const tokens = JSON.parse(readFileSync(join(h.dataDir, AGENCY_TOKENS_FILE), 'utf8')) as { tokens: Record<string, string> };
      expect(Object.values(tokens.tokens)).toEqual([SECRET_TOKEN]);
    }
    const building = await closedBatch(h.client);
    const justiceDossier = await takeIn(h.client, '2.000488');
    const justice = await h.client.batches.create({ agencyCode: JUSTICE });
    await h.client.batches.addByPick({ batchId: justice.id, dossierIds: [justiceDossier.id] });
    await h.client.batches.close({ batchId: justice.id });
    await untilUpload(h.client, building.id, 'delivered');
    await untilUpload(h.client, justice.id, 'delivered');
    expect(new Set(posts(s).map((p) => p.headers.authorization))).toEqual(new Set([`Bearer ${SECRET_TOKEN}`]));
    expect(s.requests.filter((r) => r.url.startsWith('/v1/updates')).every((r) => r.headers.authorization === `Bearer ${SECRET_TOKEN}`)).toBe(true);
  });

  it('is the administrator’s: a supervisor can neither read nor change agencies, even through the settings', async () => {
    const h = await counter();
    const supervisor = await h.clientAs('supervisor', 'ksv01');
    await expect(supervisor.agencies.list()).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(supervisor.agencies.save({ agencies: [] })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(supervisor.settings.update({ agencies: [] })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('“Kiểm tra kết nối” says what happened: connected, token refused, unreachable, untrusted certificate', async () => {
    const h = await counter();
    const s = await sim();
    const test = (serverUrl: string, token: string) => h.client.agencies.test({ code: BUILDING, serverUrl, token });

    expect(await test(s.url, SECRET_TOKEN)).toMatchObject({ ok: true, outcome: 'ok', vi: expect.stringContaining('Đã kết nối') });
    expect(await test(s.url, 'wrong')).toMatchObject({ ok: false, outcome: 'token-refused', vi: expect.stringContaining('không nhận mã truy cập'), en: expect.stringContaining('refused the token') });
    expect(await test(s.url, '')).toMatchObject({ ok: false, outcome: 'no-token' });
    const closed = await startSim();
    const gone = closed.url;
    await closed.close();
    expect(await test(gone, SECRET_TOKEN)).toMatchObject({ ok: false, outcome: 'unreachable', vi: expect.stringContaining('Không kết nối được') });
    // The form's token is tried, not saved; with none typed, the saved one is used.
    await configureAgency(h.client, s, { token: SECRET_TOKEN });
    expect(await test(s.url, '')).toMatchObject({ ok: true });
    await expect(test('http://10.0.0.5:8790', SECRET_TOKEN)).rejects.toMatchObject({ data: { code: 'INVALID_INPUT' } });
  });

  it.skipIf(skipWithout('openssl'))('names a certificate it cannot trust', async () => {
    const h = await counter();
    const s = await sim({ tls: certificate() });
    const r = await h.client.agencies.test({ code: BUILDING, serverUrl: s.url, token: SECRET_TOKEN });
    expect(r).toMatchObject({ ok: false, outcome: 'untrusted', vi: expect.stringContaining('chứng chỉ') });
  });
});

describe('a configured counter uploads by itself', () => {
  it('a batch closed before the agency is configured waits, and goes once it is', async () => {
    const h = await counter();
    const s = await sim();
    const b = await closedBatch(h.client);
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.client.batches.get({ batchId: b.id })).upload).toMatchObject({ state: 'queued', attempts: 0 });
    expect(s.requests).toEqual([]);

    await configureAgency(h.client, s, { token: SECRET_TOKEN });
    await untilUpload(h.client, b.id, 'delivered');
    expect(posts(s)).toHaveLength(1);
  });

  it('closing a batch wakes the worker at once instead of after its rest', async () => {
    // A worker resting a minute between looks: only the close's nudge can send within seconds.
    const h = await counter({ idleMs: 60_000 });
    const s = await sim();
    await configureAgency(h.client, s, { token: SECRET_TOKEN });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const b = await closedBatch(h.client);
    await untilUpload(h.client, b.id, 'delivered', 5000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a refused token stops the batch; the token entered again sends it without anyone pressing anything', async () => {
    const h = await counter();
    const s = await sim();
    await configureAgency(h.client, s, { token: 'not-the-token' });
    const b = await closedBatch(h.client);
    expect((await untilUpload(h.client, b.id, 'attention')).upload!.problem!.code).toBe('AGENCY_UNAUTHORIZED');

    await configureAgency(h.client, s, { token: SECRET_TOKEN });
    await untilUpload(h.client, b.id, 'delivered');
    expect(Object.keys(s.store.receivedCounts('100000'))).toHaveLength(1);
  });

  it('“Gửi lại”: a supervisor sends a stopped batch again once its cause is fixed, audited; a clerk may not', async () => {
    const h = await counter();
    const s = await sim();
    await configureAgency(h.client, s, { token: SECRET_TOKEN });
    s.faults.add({ fault: { kind: 'status', status: 400 }, method: 'POST', path: '/v1/batches' });
    const b = await closedBatch(h.client, 2);
    const stopped = await untilUpload(h.client, b.id, 'attention');
    expect(stopped.upload!.problem!.code).toBe('AGENCY_BAD_REQUEST');
    await new Promise((r) => setTimeout(r, 200));
    expect(posts(s)).toHaveLength(1);

    expect((await h.client.exchange.attention()).filter((a) => a.kind === 'upload')).toEqual([
      expect.objectContaining({ batchId: b.id, batchNumber: b.number, detail: expect.objectContaining({ vi: expect.stringContaining('không tự gửi lại') }) }),
    ]);
    const clerk = await h.clientAs('clerk', 'gdv02');
    await expect(clerk.batches.resend({ batchId: b.id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const supervisor = await h.clientAs('supervisor', 'ksv01');
    await supervisor.batches.resend({ batchId: b.id });
    const done = await untilUpload(h.client, b.id, 'delivered');
    expect(done.upload!.problem).toBeNull();
    expect(posts(s)).toHaveLength(2);
    expect(new Set(posts(s).map((p) => p.body)).size).toBe(1);
    const audit = await rowsOf<{ clerk_code: string; detail: string }>(h, "SELECT clerk_code, detail FROM audit_log WHERE action = 'batch.resend'");
    expect(audit).toEqual([{ clerk_code: 'ksv01', detail: expect.stringContaining('AGENCY_BAD_REQUEST') }]);
    // Delivered, there is nothing to send again.
    await expect(supervisor.batches.resend({ batchId: b.id })).rejects.toMatchObject({ data: { code: 'BATCH_NOT_STOPPED' } });
  });
});
