import type { Core, CoreOptions } from '../core.js';
import { lockDataDir, type InstanceLock } from '../db/instance-lock.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTER_FILE } from '../db/open.js';
import { appError } from '../errors.js';
import { callsStillRunning, realDataMissing, realDataUnopened, trainingSwitching } from './training-words.js';
import { SessionStore } from '../auth/sessions.js';
import type { Actor } from '../system/actor.js';
import { makeTrainingDatabase, TRAINING_FILE } from './training-data.js';
import { trainingSettingsStore } from './training-settings.js';
import type { TrainingState } from '../../../shared/contract/training.js';

/** A core on one store: the counter's real data, or a training database. */
export type CounterCore = Omit<Core, 'training'>;

/** How a core is opened besides its options: who is signed in (kept across a switch), and whether it is training. */
export interface CoreMode {
  sessions: SessionStore;
  training: boolean;
}

export type OpenCore = (options: CoreOptions, mode: CoreMode) => Promise<CounterCore>;

/** Settings → Chế độ tập huấn: in and out of training while the counter runs (decision 0045). */
export interface TrainingControl {
  state(): TrainingState;
  /**
   * Runs one contract call on the core of the moment. A switch waits for the calls already
   * running, so each ends on the store it started on; a call arriving meanwhile is refused in words.
   */
  admit<T>(call: () => Promise<T>): Promise<T>;
  enter(actor: Actor): Promise<TrainingState>;
  leave(actor: Actor): Promise<TrainingState>;
}


/** How long a switch waits for the calls already running; a call is a few hundred ms, a slow office server's some seconds. */
const SETTLE_MS = 20_000;

/** The contract calls running now, and a way to wait until none is. */
class CallsInFlight {
  count = 0;
  private idle: (() => void)[] = [];

  async run<T>(call: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await call();
    } finally {
      if (--this.count === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  /** true once no call runs; false if some still run after `ms` */
  settled(ms: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idle = this.idle.filter((w) => w !== wake);
        resolve(false);
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idle.push(wake);
    });
  }
}

/**
 * The core the hosts serve. It holds one core at a time and hands every use of `Core` to it, so
 * the router, both transports and the tests stay as they are. Entering training makes a fresh
 * training database from the real one, closes the real core (its file, workers and devices),
 * and opens a core on the training file; leaving closes that and opens the real one again.
 * While training, the real store is not open at all: nothing can write to it. The data folder
 * stays locked against a second app meanwhile.
 */
/** How long leaving training waits for the office server's data to open again before answering. */
const OFFICE_OPEN_WAIT_MS = 5000;

export async function switchableCore(options: CoreOptions, open: OpenCore): Promise<Core> {
  const sessions = new SessionStore();
  const now = options.now ?? (() => new Date());
  let active = await open(options, { sessions, training: false });
  let since: Date | null = null;
  let busy = false;
  let heldLock: InstanceLock | null = null;
  /** how the training core was opened, to open it again when leaving fails */
  let training: CoreOptions | null = null;
  /** the counter's own file, when its real data are one (not the office server) */
  let realFile: string | null = null;
  const running = new CallsInFlight();

  const state = (): TrainingState => ({ on: since !== null, since: since?.toISOString() ?? null });
  const whileSwitching = async (work: () => Promise<void>): Promise<TrainingState> => {
    if (busy) throw trainingSwitching();
    busy = true;
    try {
      // An intake half-way ends on the store it started on; none starts until the switch is done.
      if (!(await running.settled(options.trainingSettleMs ?? SETTLE_MS))) throw callsStillRunning(running.count);
      await work();
      return state();
    } finally {
      busy = false;
    }
  };
  const openReal = async () => {
    heldLock?.release();
    heldLock = null;
    active = await open(options, { sessions, training: false });
  };
  const openTraining = async (trainingOptions: CoreOptions) => {
    heldLock = lockDataDir(options.dataDir, options.host ?? 'browser', now());
    active = await open(trainingOptions, { sessions, training: true });
  };

  const control: TrainingControl = {
    state,
    admit: (call) => {
      if (busy) return Promise.reject(trainingSwitching());
      return running.run(call);
    },
    enter: (actor) =>
      whileSwitching(async () => {
        if (since) throw appError('TRAINING_ALREADY_ON', 'Quầy đang ở chế độ tập huấn.', 'The counter is in training mode already.', { status: 'CONFLICT' });
        const dir = await makeTrainingDatabase(active.data, options.dataDir);
        const trainingOptions = { ...options, dataDir: dir, settingsStore: trainingSettingsStore(active.settings.get()), exchangeLease: undefined };
        realFile = active.db ? join(options.dataDir, COUNTER_FILE) : null;
        // Last words into the real data: who started practising, and when.
        await active.note('training.enter', actor, { file: TRAINING_FILE });
        await active.close();
        try {
          await openTraining(trainingOptions);
        } catch (error) {
          await openReal();
          throw error;
        }
        training = trainingOptions;
        since = now();
      }),
    leave: (actor) =>
      whileSwitching(async () => {
        if (!since) throw appError('TRAINING_NOT_ON', 'Quầy không ở chế độ tập huấn.', 'The counter is not in training mode.', { status: 'CONFLICT' });
        const started = since;
        // Opening a file that is gone would make an empty one and take it for the real data.
        if (realFile && !existsSync(realFile)) throw realDataMissing(realFile);
        await active.close();
        try {
          await openReal();
        } catch (error) {
          // Never half-switched: back on the training file as it was, saying why the real data did not open.
          console.error('[training] the real data did not open on leaving', error);
          await openTraining(training!);
          throw realDataUnopened(error);
        }
        since = null;
        const real = active;
        const record = () => real.note('training.leave', actor, { since: started.toISOString() });
        // The office server's data open when it answers. Leaving waits a few seconds for that, so the
        // clerk's next call finds the data open; a server that takes longer is waited for by the
        // status bar, which says why, and the leaving is recorded once it answers.
        if (real.office) {
          const opened = real.office.settled().then(record);
          opened.catch((error: unknown) => console.error('[training] leaving not recorded', error));
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([opened.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, OFFICE_OPEN_WAIT_MS)))]);
          clearTimeout(timer);
        } else await record();
      }),
  };

  const close = async () => {
    await active.close();
    heldLock?.release();
  };
  return new Proxy({} as Core, {
    get: (_target, key) => (key === 'training' ? control : key === 'close' ? close : Reflect.get(active, key)),
  });
}
