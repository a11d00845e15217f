// A worker thread does not inherit `--import tsx` from vitest; this bootstrap registers it
// and then loads the TypeScript entry named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
