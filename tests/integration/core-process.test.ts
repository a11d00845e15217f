import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../shared/contract/index.js';
import { AGENCY_TOKENS_FILE, AgencyTokens } from '../../electron/core/agencies/token-file.js';
import { auditKeyPath } from '../../electron/core/audit/key-file.js';
import { dataKeySeal } from '../../electron/core/secrets/data-key-seal.js';
import { lockDataDir } from '../../electron/core/db/instance-lock.js';
import { superviseCore, type CoreSupervisor } from '../../electron/hosting/core-process/supervisor.js';
import { catalogueWorkbook, SAMPLE } from '../support/catalogue-workbook.js';
import { ADMIN, sampleIntake, signInAdmin, startCore, tempDir, type Client } from '../support/core-harness.js';
import { forkCoreWorker, pageClient } from '../support/core-process.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Crash = { restarted: boolean; problem: { code: string; vi: string; en: string } };

/** Main's supervisor over a worker-thread core, as main.ts builds it over utilityProcess. */
function supervise(dataDir = tempDir('bcci-core-process-'), onCrash: (event: Crash) => void = () => {}) {
  const children: ReturnType<typeof forkCoreWorker>[] = [];
  const supervisor: CoreSupervisor<MessagePort> = superviseCore<MessagePort>({
    fork: () => {
      const child = forkCoreWorker(dataDir);
      children.push(child);
      return child;
    },
    onCrash,
  });
  cleanups.push(() => supervisor.stop());
  return { supervisor, children, dataDir };
}

/** A started core whose crashes main would be told of, in order. */
async function startedWithCrashes() {
  const crashes: Crash[] = [];
  const started = supervise(undefined, (event) => crashes.push(event));
  expect((await started.supervisor.start()).ok).toBe(true);
  return { ...started, crashes };
}

const takeInOne = async (client: Client) => client.dossiers.intake(sampleIntake((await client.catalog.status()).version!));

function page(supervisor: CoreSupervisor<MessagePort>) {
  const p = pageClient((port) => supervisor.connect(port));
  cleanups.push(() => p.close());
  return p.client;
}

describe('the core in its own process', () => {
  it('serves the contract over a transferred port: sign-in, intake and a streamed print event', async () => {
    const { supervisor } = supervise();
    // The page connects before the core is ready, as a window loads while the database opens.
    const client = page(supervisor);
    expect(await supervisor.start()).toEqual({ ok: true });
    await signInAdmin(client);
    expect((await client.session.state()).clerk?.code).toBe(ADMIN.clerkCode);

    const events: PrintJob[] = [];
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const streaming = (async () => {
      for await (const job of await client.printing.events(undefined, { signal: controller.signal })) events.push(job);
    })().catch(() => {});
    const accepted = await takeInOne(client);
    expect((await client.dossiers.get({ id: accepted.dossierId })).status).toBe('accepted-at-post');
    // The receipt is drawn and "printed" (to the preview folder) in the core process; the page hears of it.
    await expect.poll(() => events.some((e) => e.dossierId === accepted.dossierId), { timeout: 15_000 }).toBe(true);
    controller.abort();
    await streaming;
  }, 60_000);

  it('gives each port its own session', async () => {
    const { supervisor } = supervise();
    expect((await supervisor.start()).ok).toBe(true);
    const first = await signInAdmin(page(supervisor));
    const second = page(supervisor);
    expect((await first.session.state()).clerk?.code).toBe(ADMIN.clerkCode);
    expect((await second.session.state()).clerk).toBeNull();
    await expect(second.dossiers.today()).rejects.toMatchObject({ data: { code: expect.any(String), vi: expect.any(String), en: expect.any(String) } });
    expect(await first.dossiers.today()).toEqual([]);
  }, 60_000);

  it('a data folder held by another process reaches main as words, and the process ends', async () => {
    const dataDir = tempDir('bcci-core-process-');
    const other = lockDataDir(dataDir, 'browser', new Date());
    cleanups.push(() => other.release());
    const { supervisor, children } = supervise(dataDir);
    const outcome = await supervisor.start();
    expect(outcome).toMatchObject({
      ok: false,
      problem: { code: 'DATA_DIR_IN_USE', vi: expect.stringContaining('đang được một phiên BCCI Counter khác dùng'), en: expect.stringContaining('is in use by another BCCI Counter') },
    });
    await expect.poll(() => children[0]!.worker.threadId).toBe(-1);
  }, 60_000);

  it('after a stop the folder is free, and the next core finds the dossiers taken in', async () => {
    const { supervisor, dataDir } = supervise();
    expect((await supervisor.start()).ok).toBe(true);
    const accepted = await takeInOne(await signInAdmin(page(supervisor)));
    await supervisor.stop();
    lockDataDir(dataDir, 'browser', new Date()).release();
    const next = supervise(dataDir);
    expect((await next.supervisor.start()).ok).toBe(true);
    const again = await signInAdmin(page(next.supervisor));
    expect((await again.dossiers.today()).map((d) => d.id)).toEqual([accepted.dossierId]);
  }, 60_000);

  it('a core that dies is restarted and main is told in words; the data is still there', async () => {
    const { supervisor, children, crashes } = await startedWithCrashes();
    const accepted = await takeInOne(await signInAdmin(page(supervisor)));
    await children[0]!.worker.terminate();
    await expect.poll(() => crashes, { timeout: 30_000 }).toEqual([
      { restarted: true, problem: expect.objectContaining({ code: 'CORE_CRASHED', vi: expect.stringContaining('đăng nhập lại'), en: expect.stringContaining('sign in again') }) },
    ]);
    // As the reloaded window does: a new port, a new session.
    const reloaded = await signInAdmin(page(supervisor));
    expect((await reloaded.dossiers.today()).map((d) => d.id)).toEqual([accepted.dossierId]);
  }, 60_000);

  it('a core that keeps dying is not restarted for ever: the fourth crash in a minute is final, in words', async () => {
    const { children, crashes } = await startedWithCrashes();
    for (let i = 1; i <= 4; i++) {
      await children.at(-1)!.worker.terminate();
      await expect.poll(() => crashes.length, { timeout: 30_000 }).toBe(i);
    }
    expect(crashes.map((c) => c.restarted)).toEqual([true, true, true, false]);
    expect(crashes[3]!.problem).toMatchObject({ code: 'CORE_KEEPS_CRASHING', vi: expect.stringContaining('không được khởi động lại'), en: expect.stringContaining('not restarted again') });
    expect(children).toHaveLength(4);
  }, 120_000);

  it('a long catalogue import in the core does not hold up the main side', async () => {
    const many = Array.from({ length: 8000 }, (_, i) => ({ ...SAMPLE[0]!, code: `9.${String(i).padStart(6, '0')}`, name: `Thủ tục thử số ${i}` }));
    const contentBase64 = (await catalogueWorkbook(many)).toString('base64');
    /** The longest this thread's timers waited while the core read the workbook, in ms. */
    const stallWhileImporting = async (client: Client) => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const preview = await client.catalog.previewImport({ fileName: 'danh-muc-lon.xlsx', contentBase64 });
      delay.disable();
      expect(preview.procedures).toBe(8000);
      return delay.max / 1e6;
    };

    // As the core ran before, in the window's own process: the same import freezes it.
    const inProcess = await startCore();
    cleanups.push(() => inProcess.stop());
    const frozen = await stallWhileImporting(inProcess.client);

    const { supervisor } = supervise();
    expect((await supervisor.start()).ok).toBe(true);
    const stall = await stallWhileImporting(await signInAdmin(page(supervisor)));
    console.log(`[core-process] longest main-side stall during an 8000-procedure import: in process ${frozen.toFixed(0)} ms, in the core process ${stall.toFixed(0)} ms`);
    expect(frozen).toBeGreaterThan(300);
    expect(stall).toBeLessThan(100);
  }, 120_000);
});

describe('the entry Electron starts (electron/core-process.ts), in a plain Node child process', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const startEntry = (dataDir: string) => {
    const child = fork('electron/core-process.ts', ['--data-dir', dataDir, '--app-version', '9.9.9'], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', '--import', './tests/support/fake-parent-port.ts'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    cleanups.push(() => child.exitCode ?? child.kill('SIGKILL'));
    return child;
  };
  const nextMessage = async (child: ChildProcess) => (await once(child, 'message'))[0] as unknown;

  it('reports a folder held by another process in words and exits with 1', async () => {
    const dataDir = tempDir('bcci-core-entry-');
    const other = lockDataDir(dataDir, 'browser', new Date());
    cleanups.push(() => other.release());
    const child = startEntry(dataDir);
    const exited = once(child, 'exit');
    child.send({ kind: 'start', dataKey: null });
    expect(await nextMessage(child)).toMatchObject({
      kind: 'failed',
      problem: { code: 'DATA_DIR_IN_USE', vi: expect.stringContaining(`tiến trình ${process.pid}, chế độ trình duyệt`), en: expect.stringContaining(dataDir) },
    });
    expect((await exited)[0]).toBe(1);
  }, 60_000);

  it('says ready, and on stop closes the database and exits with 0', async () => {
    const dataDir = tempDir('bcci-core-entry-');
    const child = startEntry(dataDir);
    child.send({ kind: 'start', dataKey: null });
    expect(await nextMessage(child)).toEqual({ kind: 'ready' });
    const exited = once(child, 'exit');
    child.send({ kind: 'stop' });
    expect(await nextMessage(child)).toEqual({ kind: 'stopped' });
    expect((await exited)[0]).toBe(0);
    expect(existsSync(join(dataDir, 'counter.sqlite'))).toBe(true);
    // A clean close checkpoints the WAL into the database file. (Checked here, in a process of its
    // own: a worker thread's databases are closed when the thread ends, asked or not.)
    expect(existsSync(join(dataDir, 'counter.sqlite-wal'))).toBe(false);
    // The folder is free again: the lock went with the process.
    lockDataDir(dataDir, 'browser', new Date()).release();
  }, 60_000);

  it("starts on main's start message, sealing a clear token file and the audit key with the data key it carries", async () => {
    const dataDir = tempDir('bcci-core-entry-');
    const token = 'tok-entry-5b1e-clear-before';
    new AgencyTokens(dataDir).replace(['https://dvc.example.gov.vn'], new Map([['https://dvc.example.gov.vn', token]]));
    const dataKey = randomBytes(32);
    const child = startEntry(dataDir);
    child.send({ kind: 'start', dataKey: dataKey.toString('hex') });
    expect(await nextMessage(child)).toEqual({ kind: 'ready' });
    const exited = once(child, 'exit');
    child.send({ kind: 'stop' });
    await exited;
    expect(readFileSync(join(dataDir, AGENCY_TOKENS_FILE), 'utf8')).not.toContain(token);
    expect(existsSync(auditKeyPath(dataDir))).toBe(false);
    expect(new AgencyTokens(dataDir, dataKeySeal(dataKey)).get('https://dvc.example.gov.vn/')).toBe(token);
  }, 60_000);
});
