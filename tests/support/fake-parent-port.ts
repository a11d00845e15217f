/**
 * Loaded before electron/core-process.ts in a plain Node child: Electron gives a utility
 * process `process.parentPort`; here it rides on the child's IPC channel (no ports cross).
 * Like a port, it holds what main sent before the core process listens (the start message
 * arrives while the core's modules still load).
 */
import { EventEmitter } from 'node:events';

const parentPort = Object.assign(new EventEmitter(), { postMessage: (message: unknown) => process.send!(message) });
const held: unknown[] = [];
process.on('message', (data) => {
  if (parentPort.listenerCount('message') > 0) parentPort.emit('message', { data, ports: [] });
  else held.push(data);
});
parentPort.on('newListener', (event: string) => {
  if (event === 'message') queueMicrotask(() => held.splice(0).forEach((data) => parentPort.emit('message', { data, ports: [] })));
});
Object.assign(process, { parentPort });
