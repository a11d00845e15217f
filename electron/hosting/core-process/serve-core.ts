import { RPCHandler } from '@orpc/server/message-port';
import type { SupportedMessagePort } from '@orpc/client/message-port';
import { isAppErrorData, type AppErrorData } from '../../../shared/contract/errors.js';
import type { Core } from '../../core/core.js';
import { createRouter, errorInterceptor, requestInterceptor } from '../../core/router.js';
import { isToCore, type FromCore } from './messages.js';

/** A page's port as both Electron's MessagePortMain and Node's MessagePort are. */
export type PagePort = SupportedMessagePort & { start?(): void; close(): void };

/**
 * The core process's line to main: Electron's `process.parentPort` in the app, a worker
 * thread's `parentPort` in tests. Only this much of either is used.
 */
export interface ParentLink<P extends PagePort> {
  onMessage(listener: (message: unknown, ports: readonly P[]) => void): void;
  post(message: FromCore): void;
}

/**
 * Runs the core behind a parent link: builds it, serves the router on every port main
 * forwards (one session per port, decision 0014), and closes it when main says stop.
 * Resolves with the exit code the process should end with once there is nothing left to do.
 */
export function serveCore<P extends PagePort>(link: ParentLink<P>, startCore: (secrets: CoreSecrets) => Promise<Core>): Promise<number> {
  return new Promise((resolve) => {
    let handler: RPCHandler<{ session: { token: string | null } }> | undefined;
    let stopping = false;
    // A page may connect while the database is still opening: its port waits here.
    const waiting: P[] = [];
    // The core starts on main's first message, which carries the data key.
    let starting: Promise<Core> | undefined;

    const serve = (port: P) => {
      handler!.upgrade(port, { context: { session: { token: null } } });
      port.start?.();
    };
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      for (const port of waiting.splice(0)) port.close();
      try {
        // Devices first, then the database (core.close): never hold a port after the app is gone.
        const core = await starting?.catch(() => undefined);
        await core?.close();
      } catch (error) {
        console.error('[core-process] closing the core failed', error);
      }
      link.post({ kind: 'stopped' });
      resolve(0);
    };

    link.onMessage((message, ports) => {
      if (!isToCore(message)) return;
      if (message.kind === 'stop') return void stop();
      if (message.kind === 'start') {
        if (!starting && !stopping) begin(message.dataKey === null ? null : Buffer.from(message.dataKey, 'hex'));
        return;
      }
      const port = ports[0];
      if (!port) return;
      if (stopping) port.close();
      else if (handler) serve(port);
      else waiting.push(port);
    });

    const begin = (dataKey: Buffer | null) => {
      starting = startCore({ dataKey });
      starting.then(
        (core) => {
          if (stopping) return;
          handler = new RPCHandler(createRouter(core), { interceptors: [requestInterceptor], clientInterceptors: [errorInterceptor] });
          for (const port of waiting.splice(0)) serve(port);
          link.post({ kind: 'ready' });
        },
        (error: unknown) => {
          link.post({ kind: 'failed', problem: problemOf(error) });
          resolve(1);
        },
      );
    };
  });
}

/** What main hands the core at start. */
export interface CoreSecrets {
  /** the data key opened with the OS secret store; null without one (browser mode, Linux without a keyring) */
  dataKey: Buffer | null;
}

/** The clerk's words for a start-up failure; the core's own AppErrors already carry them. */
function problemOf(error: unknown): AppErrorData {
  const data = (error as { data?: unknown } | null)?.data;
  if (isAppErrorData(data)) return { code: data.code, vi: data.vi, en: data.en };
  console.error('[core-process] the core could not start', error);
  return {
    code: 'CORE_START_FAILED',
    vi: `Lõi ứng dụng không khởi động được: ${String(error)}. Dữ liệu đã lưu không bị thay đổi; khởi động lại ứng dụng, nếu vẫn lỗi hãy báo bộ phận kỹ thuật.`,
    en: `The app core could not start: ${String(error)}. Saved data is unchanged; restart the app, and call technical support if it happens again.`,
  };
}
