import type { AppErrorData } from '../../../shared/contract/errors.js';
import { isFromCore, type FromCore, type ToCore } from './messages.js';

/** The core process as main sees it: Electron's UtilityProcess, or a worker thread in tests. */
export interface CoreChild<P> {
  postMessage(message: ToCore, transfer?: P[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): unknown;
}

export type StartOutcome = { ok: true } | { ok: false; problem: AppErrorData };

export interface SupervisorOptions<P> {
  fork(): CoreChild<P>;
  /** the data key (hex) each core process gets in its start message; null without an OS secret store */
  dataKey?: string | null;
  /**
   * The core process ended without being asked. `restarted` says a new one is serving (the
   * page must connect again: its sessions died with the old one); otherwise `problem` is final.
   */
  onCrash(event: { restarted: boolean; problem: AppErrorData }): void;
  /** restarts allowed within `crashWindowMs` before giving up: a core that dies at once would loop */
  maxRestarts?: number;
  crashWindowMs?: number;
  /** how long a stop may take before the process is killed */
  stopTimeoutMs?: number;
  now?: () => number;
}

export interface CoreSupervisor<P> {
  start(): Promise<StartOutcome>;
  /** hands one page's port to the core; it waits if the core is not serving yet */
  connect(port: P): void;
  /** asks the core to release devices and close the database, then ends it */
  stop(): Promise<void>;
}

const CRASHED: AppErrorData = {
  code: 'CORE_CRASHED',
  vi: 'Lõi ứng dụng đã dừng đột ngột và đã được khởi động lại. Các hồ sơ đã tiếp nhận vẫn được lưu; hãy đăng nhập lại để làm tiếp.',
  en: 'The app core stopped unexpectedly and has been restarted. Dossiers already taken in are saved; sign in again to go on.',
};
const GAVE_UP: AppErrorData = {
  code: 'CORE_KEEPS_CRASHING',
  vi: 'Lõi ứng dụng dừng đột ngột nhiều lần liên tiếp nên không được khởi động lại nữa. Các hồ sơ đã tiếp nhận vẫn được lưu. Đóng ứng dụng, mở lại, và nếu vẫn lỗi hãy báo bộ phận kỹ thuật.',
  en: 'The app core stopped unexpectedly several times in a row, so it is not restarted again. Dossiers already taken in are saved. Close the app and open it again; if it happens again, call technical support.',
};

/**
 * Main's side of the core process: starts it, forwards pages' ports, restarts it when it
 * dies (a few times, then says so in words) and stops it on quit. Plain Node: main passes a
 * `fork` built on utilityProcess, tests one built on worker_threads.
 */
export function superviseCore<P>(options: SupervisorOptions<P>): CoreSupervisor<P> {
  const now = options.now ?? Date.now;
  const maxRestarts = options.maxRestarts ?? 3;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  let child: CoreChild<P> | undefined;
  let stopping = false;
  const crashes: number[] = [];
  // Ports handed over before the first fork; a forked core queues its own until it is ready.
  const early: P[] = [];

  /** Forks one core process and resolves when it is ready or has failed to start. */
  function launch(): Promise<StartOutcome> {
    const current = options.fork();
    child = current;
    current.postMessage({ kind: 'start', dataKey: options.dataKey ?? null });
    for (const port of early.splice(0)) current.postMessage({ kind: 'connect' }, [port]);
    return new Promise((resolve) => {
      let settled = false;
      let served = false;
      const settle = (outcome: StartOutcome) => {
        if (settled) return;
        settled = true;
        served = outcome.ok;
        resolve(outcome);
      };
      current.on('message', (message) => {
        if (!isFromCore(message)) return;
        const m: FromCore = message;
        if (m.kind === 'ready') settle({ ok: true });
        if (m.kind === 'failed') settle({ ok: false, problem: m.problem });
      });
      current.on('exit', (code) => {
        if (child === current) child = undefined;
        if (!settled) return settle({ ok: false, problem: exitedAtStart(code) });
        // A core that said it failed ends on purpose; only one that was serving has crashed.
        if (served && !stopping) void crashed();
      });
    });
  }

  async function crashed() {
    const at = now();
    crashes.push(at);
    while (crashes.length && crashes[0]! < at - crashWindowMs) crashes.shift();
    if (crashes.length > maxRestarts) return options.onCrash({ restarted: false, problem: GAVE_UP });
    console.error(`[main] the core process ended unexpectedly; restarting (${crashes.length} of ${maxRestarts})`);
    const outcome = await launch();
    options.onCrash(outcome.ok ? { restarted: true, problem: CRASHED } : { restarted: false, problem: outcome.problem });
  }

  return {
    start: launch,
    connect(port) {
      if (child) child.postMessage({ kind: 'connect' }, [port]);
      else if (!stopping) early.push(port);
    },
    stop() {
      stopping = true;
      const current = child;
      if (!current) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          console.error('[main] the core process did not stop in time; ending it');
          current.kill();
        }, options.stopTimeoutMs ?? 10_000);
        current.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        current.postMessage({ kind: 'stop' });
      });
    },
  };
}

function exitedAtStart(code: number): AppErrorData {
  return {
    code: 'CORE_START_FAILED',
    vi: `Lõi ứng dụng dừng ngay khi khởi động (mã ${code}). Dữ liệu đã lưu không bị thay đổi; mở lại ứng dụng, nếu vẫn lỗi hãy báo bộ phận kỹ thuật.`,
    en: `The app core stopped while starting (code ${code}). Saved data is unchanged; open the app again, and call technical support if it happens again.`,
  };
}
