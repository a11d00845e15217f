import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

let h: Harness | undefined;
const started: ServeProcess[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const s of started.splice(0)) s.process.kill('SIGKILL');
});

describe('one process per data folder', () => {
  it('refuses a second core on the same folder, naming the folder, and leaves the first untouched', async () => {
    h = await startCore();
    const accepted = await h.client.dossiers.intake(sampleIntake(1));
    const jobsBefore = await h.client.printing.jobs({ dossierId: accepted.dossierId });
    const err = await createCore({ dataDir: h.dataDir, settingsStore: fileSettingsStore(h.dataDir) }).then(
      () => {
        throw new Error('second core started');
      },
      (e: { data: { code: string; vi: string; en: string } }) => e.data,
    );
    expect(err.code).toBe('DATA_DIR_IN_USE');
    expect(err.vi).toContain(h.dataDir);
    expect(err.vi).toContain(`tiến trình ${process.pid}`);
    // The refused start recovered no "interrupted" jobs of the living one.
    expect(await h.client.printing.jobs({ dossierId: accepted.dossierId })).toEqual(jobsBefore);
    await h.stop();
    h = await startCore({ dataDir: h.dataDir });
    expect((await h.client.dossiers.today()).map((d) => d.id)).toEqual([accepted.dossierId]);
  });

  it('browser mode: a second process exits with the reason; a killed first leaves no stale lock', async () => {
    const dataDir = tempDir('bcci-lock-');
    const first = await startServeProcess(dataDir);
    started.push(first);
    const second = startServeProcess(dataDir);
    await expect(second).rejects.toThrow(/đang được một phiên BCCI Counter khác dùng \(tiến trình \d+, chế độ trình duyệt/);
    first.process.kill('SIGKILL');
    await exitOf(first.process);
    const third = await startServeProcess(dataDir);
    started.push(third);
    expect((await third.client.system.status()).dataDir).toBe(dataDir);
  });
});
