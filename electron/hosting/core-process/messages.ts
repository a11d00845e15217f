import type { AppErrorData } from '../../../shared/contract/errors.js';

/**
 * What Electron main and the core process say to each other (decision 0030). Everything the
 * page asks goes over the MessagePort main forwards with `connect`; these few messages only
 * start, report and stop the process, so nothing of the contract crosses here.
 */
export type ToCore =
  /**
   * the first message: the data key main opened with the OS secret store (hex), or null where
   * there is none (decision 0050). It crosses in memory only, never in arguments or the environment.
   */
  | { kind: 'start'; dataKey: string | null }
  /** carries one page's MessagePort as its transferred port; it gets its own session */
  | { kind: 'connect' }
  /** release the devices, close the database, then say `stopped` */
  | { kind: 'stop' };

export type FromCore =
  | { kind: 'ready' }
  /** the core could not start (data folder in use, damaged database…): words for the clerk */
  | { kind: 'failed'; problem: AppErrorData }
  | { kind: 'stopped' };

export function isFromCore(value: unknown): value is FromCore {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'ready' || kind === 'stopped' || (kind === 'failed' && typeof (value as { problem?: unknown }).problem === 'object');
}

export function isToCore(value: unknown): value is ToCore {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'start') {
    const key = (value as { dataKey?: unknown }).dataKey;
    return key === null || (typeof key === 'string' && /^[0-9a-f]{64}$/.test(key));
  }
  return kind === 'connect' || kind === 'stop';
}
