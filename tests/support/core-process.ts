import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/message-port';
import type { CoreChild } from '../../electron/hosting/core-process/supervisor.js';
import type { ToCore } from '../../electron/hosting/core-process/messages.js';
import type { Client } from './core-harness.js';

const BOOT = new URL('./ts-worker.mjs', import.meta.url);
const ENTRY = new URL('./core-process-worker.ts', import.meta.url).href;

/** Forks the core "process" on a worker thread, shaped as main sees Electron's UtilityProcess. */
export function forkCoreWorker(dataDir: string): CoreChild<MessagePort> & { worker: Worker } {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, dataDir } });
  return {
    worker,
    postMessage: (message: ToCore, transfer: MessagePort[] = []) => worker.postMessage({ message, ports: transfer }, transfer),
    // Electron's listeners take the message or the exit code; a worker's are typed as any.
    on: (event: 'message' | 'exit', listener: (value: any) => void) => worker.on(event, listener),
    kill: () => void worker.terminate(),
  };
}

/** A page's channel: one end goes to the core through `connect`, the client talks on the other. */
export function pageClient(connect: (port: MessagePort) => void): { client: Client; close(): void } {
  const { port1, port2 } = new MessageChannel();
  connect(port2);
  port1.start();
  return { client: createORPCClient(new RPCLink({ port: port1 })), close: () => port1.close() };
}
