import { parentPort, workerData } from 'node:worker_threads';
import { drawJob, type DrawRequest } from './draw-job.js';
import { registerPrintFonts } from './fonts.js';

// Fonts are registered per thread: the drawing canvas lives here, not in the core's thread.
registerPrintFonts((workerData as { resourcesDir: string }).resourcesDir);

parentPort!.on('message', ({ id, request }: { id: number; request: DrawRequest }) => {
  try {
    parentPort!.postMessage({ id, drawn: drawJob(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
