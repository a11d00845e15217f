import { Worker } from 'node:worker_threads';
import type { DrawRequest, Drawn } from './draw-job.js';

type Pending = { resolve: (d: Drawn) => void; reject: (e: Error) => void };

/**
 * Draws print jobs on a thread of their own: a receipt takes tens of milliseconds to draw,
 * which on the core's thread would hold up every request behind it (decision 0021).
 * One thread is enough: jobs print one at a time, and the counter PC has few cores.
 */
export class Drawer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Started at once: loading the thread and its fonts takes long enough to delay a first receipt. */
  constructor(private readonly resourcesDir: string) {
    this.start();
  }

  draw(request: DrawRequest): Promise<Drawn> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held while it draws, so a job in hand is finished; idle, it never keeps the app open.
      worker.ref();
      worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    this.failAll(new Error('the drawing thread was closed'));
  }

  private start(): Worker {
    const worker = spawnDrawWorker(this.resourcesDir);
    worker.on('message', (m: { id: number; drawn?: { bytes: Uint8Array; png: Uint8Array | null }; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (!p) return;
      if (m.drawn) p.resolve({ bytes: asBuffer(m.drawn.bytes), png: m.drawn.png && asBuffer(m.drawn.png) });
      else p.reject(new Error(m.error));
    });
    // A thread that dies takes its jobs with it; the next draw starts a fresh one.
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the drawing thread stopped (exit ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** Buffers cross the thread boundary as plain Uint8Arrays. */
const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Built code runs draw-worker.js directly. Run from source (tests, browser mode under tsx) the
 * worker is TypeScript, which a bare worker thread cannot load: it is imported through tsx
 * (a development dependency, found from the project folder the tests and tsx run in).
 */
function spawnDrawWorker(resourcesDir: string): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './draw-worker.ts' : './draw-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: { resourcesDir } });
  const boot = `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(boot, { eval: true, workerData: { resourcesDir } });
}
