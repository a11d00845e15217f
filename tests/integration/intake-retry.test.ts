import { afterEach, describe, expect, it } from 'vitest';
import { sampleIntake, startCore, tempDir, failure, type Harness } from '../support/core-harness.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

let h: Harness | undefined;
let serve: ServeProcess | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  serve?.process.kill('SIGKILL');
  serve = undefined;
});

describe('an intake retried with the same request key', () => {
  it('after the core died between commit and answer: the retry returns the first dossier, not a second', async () => {
    const dataDir = tempDir('bcci-crash-');
    serve = await startServeProcess(dataDir, { BCCI_FAILPOINTS: 'intake.committed' });
    const input = sampleIntake(1);
    await expect(serve.client.dossiers.intake(input)).rejects.toThrow();
    expect((await exitOf(serve.process)).signal).toBe('SIGKILL');

    serve = await startServeProcess(dataDir);
    const retry = await serve.client.dossiers.intake(input);
    expect(retry).toMatchObject({ replayed: true, registerNo: '000001/2026', status: 'accepted-at-post' });
    const today = await serve.client.dossiers.today();
    expect(today).toHaveLength(1);
    expect(today[0]!.id).toBe(retry.dossierId);
    // The receipts the first call queued are the ones shown; nothing new is printed.
    expect(retry.printJobs.map((j) => j.id)).toEqual((await serve.client.printing.jobs({ dossierId: retry.dossierId })).map((j) => j.id));

    const next = await serve.client.dossiers.intake(sampleIntake(1));
    expect(next).toMatchObject({ replayed: false, registerNo: '000002/2026' });
  });

  it('sent twice at once (a double Enter): one dossier, one set of receipts, the same answer twice', async () => {
    h = await startCore();
    const input = sampleIntake(1);
    const [a, b] = await Promise.all([h.client.dossiers.intake(input), h.client.dossiers.intake(input)]);
    expect(a.dossierId).toBe(b.dossierId);
    expect(a.registerNo).toBe(b.registerNo);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await h.client.dossiers.today()).toHaveLength(1);
    expect(h.core.db.prepare('SELECT count(*) AS n FROM print_jobs').get()).toEqual({ n: a.printJobs.length });
  });

  it('with other content: refused in words, naming the dossier already made', async () => {
    h = await startCore();
    const input = sampleIntake(1);
    await h.client.dossiers.intake(input);
    const err = await failure(h.client.dossiers.intake({ ...input, postage: 30000 }));
    expect(err.code).toBe('INTAKE_ALREADY_RECORDED');
    expect(err.vi).toContain('000001/2026');
    expect(await h.client.dossiers.today()).toHaveLength(1);
  });

  it('a key refused by validation stays free for the corrected form', async () => {
    h = await startCore();
    const input = sampleIntake(1);
    await failure(h.client.dossiers.intake({ ...input, sender: { ...input.sender, phone: '1' } }));
    expect((await h.client.dossiers.intake(input)).replayed).toBe(false);
  });
});
