import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackup } from '../../electron/core/backup/backup-file.js';
import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { closedAfterEach } from '../support/closing.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

const open = closedAfterEach();
let serve: ServeProcess | undefined;
afterEach(() => {
  serve?.process.kill('SIGKILL');
  serve = undefined;
});

const TOKEN = 'tok-9c41e0d2b7aa45f3';
const PASSPHRASE = 'mật khẩu sao lưu của bưu cục';

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

describe('an agency server’s token', () => {
  it('is in its 0600 file only: not in a backup, opened, nor in anything the counter logs while it uploads, fails and is tested', async () => {
    const sim = await startSim({ offices: { [TOKEN]: '100000' } });
    open.push(sim);
    serve = await startServeProcess();
    await configureAgency(serve.client, sim, { token: TOKEN });
    // A failed read of the updates (logged) and a refused upload, then delivered; a test with it, and one with a wrong token.
    sim.faults.add({ fault: { kind: 'status', status: 500 }, path: '/v1/updates' }, { fault: { kind: 'status', status: 500 }, method: 'POST', path: '/v1/batches' });
    await serve.client.agencies.save({ agencies: (await serve.client.agencies.list()).map(({ tokenSaved: _, ...a }) => ({ ...a, token: '' })) });
    const { id } = await takeIn(serve.client);
    const batch = await serve.client.batches.create({ agencyCode: BUILDING });
    await serve.client.batches.addByPick({ batchId: batch.id, dossierIds: [id] });
    await serve.client.batches.close({ batchId: batch.id });
    await expect.poll(async () => (await serve!.client.batches.get({ batchId: batch.id })).upload?.state, { timeout: 20_000 }).toBe('delivered');
    expect(sim.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect((await serve.client.agencies.test({ code: BUILDING, serverUrl: sim.url, token: '' })).ok).toBe(true);
    expect((await serve.client.agencies.test({ code: BUILDING, serverUrl: sim.url, token: 'sai-ma' })).outcome).toBe('token-refused');

    const file = await serve.client.backup.create({ passphrase: PASSPHRASE });
    const sealed = readFileSync(file.path);
    const content = await openBackup(sealed, PASSPHRASE);
    expect(content.database.includes(TOKEN)).toBe(false);
    expect(JSON.stringify(content.settings)).not.toContain(TOKEN);
    expect(sealed.includes(TOKEN)).toBe(false);

    serve.process.kill('SIGTERM');
    await exitOf(serve.process);
    expect(serve.output()).toContain('[updates]'); // the failed read was logged, with its address
    expect(serve.output()).not.toContain(TOKEN);
    // In the data folder, the token file alone holds it (logs, database, settings, backups do not).
    const holding = filesUnder(serve.dataDir).filter((f) => f.bytes.includes(TOKEN)).map((f) => f.path);
    expect(holding).toEqual([join(serve.dataDir, 'agency-tokens.json')]);
    expect(statSync(holding[0]!).mode & 0o777).toBe(0o600);
  });
});
