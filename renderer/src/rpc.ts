import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink as FetchLink } from '@orpc/client/fetch';
import { RPCLink as PortLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import type { Contract } from '../../shared/contract/index.js';
import { isAppErrorData, type AppErrorData } from '../../shared/contract/errors.js';

export type Api = ContractRouterClient<Contract>;

/**
 * The signed-in clerk's session token, in memory only: a reload signs out. Browser mode sends it
 * with each call; over Electron's MessagePort the core keeps the session on the port itself.
 */
let sessionToken: string | null = null;
const SIGNING_IN = new Set(['setup', 'signIn', 'unlock']);

/** Screens learn here that the core has locked or ended the session (idle, disabled account). */
const sessionListeners = new Set<(code: 'SESSION_LOCKED' | 'SIGNED_OUT') => void>();
export function onSessionLost(listener: (code: 'SESSION_LOCKED' | 'SIGNED_OUT') => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

const sessionInterceptor = async <T>({ next, path }: { next: () => Promise<T>; path: readonly string[] }): Promise<T> => {
  try {
    const out = await next();
    if (path[0] === 'session' && SIGNING_IN.has(path[1]!)) sessionToken = (out as { token: string }).token;
    if (path[0] === 'session' && path[1] === 'signOut') sessionToken = null;
    return out;
  } catch (error) {
    const code = error instanceof ORPCError && isAppErrorData(error.data) ? error.data.code : '';
    if (code === 'SESSION_LOCKED' || code === 'SIGNED_OUT') for (const l of sessionListeners) l(code);
    throw error;
  }
};

/**
 * In Electron the page is served from the app:// scheme and talks over a MessagePort
 * handed to the preload; in browser mode it calls the core over HTTP with the run's token,
 * which arrives in the address fragment (never sent to a server) and is kept for the tab.
 */
/** The page runs inside the Electron app (served from app://), not in a browser tab. */
export const inElectron = location.protocol === 'app:';

/** Electron restarts the app to apply a confirmed restore; a browser tab cannot restart its server. */
export function relaunchForRestore(): void {
  window.postMessage('bcci:relaunch', '*');
}

function createApi(): Api {
  if (inElectron) {
    const { port1, port2 } = new MessageChannel();
    window.postMessage('bcci:connect', '*', [port2]);
    port1.start();
    return createORPCClient(new PortLink({ port: port1, interceptors: [sessionInterceptor] }));
  }
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('bcci-token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem('bcci-token') ?? '';
  return createORPCClient(
    new FetchLink({
      url: `${location.origin}/rpc`,
      headers: () => ({ authorization: `Bearer ${token}`, ...(sessionToken ? { 'x-bcci-session': sessionToken } : {}) }),
      interceptors: [sessionInterceptor],
    }),
  );
}

export const api: Api = createApi();

/** The words to show for any failure, in both languages. */
export function errorData(error: unknown): AppErrorData {
  if (error instanceof ORPCError && isAppErrorData(error.data)) return error.data;
  if (error instanceof ORPCError && error.status === 401) {
    return {
      code: 'UNAUTHORIZED',
      vi: 'Phiên làm việc không hợp lệ. Mở lại địa chỉ mà ứng dụng in ra khi khởi động.',
      en: 'The session is not valid. Open the address the app printed at start-up.',
    };
  }
  return {
    code: 'UNREACHABLE',
    vi: 'Không liên lạc được với lõi ứng dụng. Kiểm tra ứng dụng còn chạy rồi thử lại; dữ liệu đã lưu không bị mất.',
    en: 'Cannot reach the app core. Check it is still running and try again; saved data is not lost.',
  };
}
