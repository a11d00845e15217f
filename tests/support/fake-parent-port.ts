/**
 * Loaded before electron/core-process.ts in a plain Node child: Electron gives a utility
 * process `process.parentPort`; here it rides on the child's IPC channel (no ports cross).
 */
import { EventEmitter } from 'node:events';

const parentPort = Object.assign(new EventEmitter(), { postMessage: (message: unknown) => process.send!(message) });
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
Object.assign(process, { parentPort });
