import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { RPCHandler } from '@orpc/server/node';
import type { AddressInfo } from 'node:net';
import { MAX_RESTORE_BASE64, MAX_RESTORE_FILE_MB } from '../../shared/contract/backup.js';
import { errorInterceptor, requestInterceptor, type CoreRouter } from '../core/router.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The header carrying the signed-in clerk's session token (browser mode). */
export const SESSION_HEADER = 'x-bcci-session';

/**
 * The largest request the contract allows is a catalogue workbook: 40,000,000 characters of
 * base64 (about 30 MB of file) plus a little JSON around it. Anything larger is refused before
 * it is read, so a hostile or broken client cannot make the core hold hundreds of megabytes.
 */
export const MAX_BODY_BYTES = 41 * 1024 * 1024;

/**
 * A restore uploads the whole backup, which grows with the counter's years of dossiers: its one
 * route takes up to MAX_RESTORE_FILE_MB of file as base64 (decision 0050). It is an
 * administrator's call, signed in, and the body is still refused unread above that.
 */
const RESTORE_PATH = '/rpc/backup/previewRestore';
export const MAX_RESTORE_BODY_BYTES = MAX_RESTORE_BASE64 + 64 * 1024;

const words = (code: string, vi: string, en: string) => JSON.stringify({ error: { code, vi, en } });

export interface HttpHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Browser mode: the core's router over HTTP on loopback only. RPC calls need the
 * per-run token (401 without it); the built renderer is served to whoever has the address.
 */
export async function startHttpHost(opts: {
  router: CoreRouter;
  token: string;
  staticDir: string;
  port?: number;
}): Promise<HttpHost> {
  const handler = new RPCHandler(opts.router, { interceptors: [requestInterceptor], clientInterceptors: [errorInterceptor] });
  const expected = Buffer.from(`Bearer ${opts.token}`);
  const authorised = (req: IncomingMessage) => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  let port = 0;
  // Only our own address may be named in Host: a page on another site cannot rebind to us.
  const hostAllowed = (req: IncomingMessage) =>
    req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  // A browser names the page's origin on every call; only our own page may call. (Clients that
  // are not browsers name none, and still need the token.)
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  };

  const server = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden host');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/rpc/')) {
        if (!authorised(req)) {
          return send(res, 401, 'application/json', words('UNAUTHORIZED', 'Thiếu hoặc sai mã phiên; mở lại địa chỉ do ứng dụng in ra.', 'Missing or wrong session token; open the address the app printed.'));
        }
        if (!originAllowed(req)) {
          return send(res, 403, 'application/json', words('FORBIDDEN_ORIGIN', 'Yêu cầu đến từ một trang khác, không phải trang của ứng dụng; không xử lý.', 'The call came from another site, not the app’s own page; it was not processed.'));
        }
        const refusal = bodyRefusal(req, path === RESTORE_PATH ? RESTORE_LIMIT : CALL_LIMIT);
        if (refusal) {
          // The body is not read: close the connection rather than drain megabytes nobody wants.
          res.setHeader('Connection', 'close');
          return send(res, refusal.status, 'application/json', refusal.body);
        }
        // HTTP has no connection to keep a session on: the page sends the one sign-in gave it.
        const session = { token: typeof req.headers[SESSION_HEADER] === 'string' ? req.headers[SESSION_HEADER] : null };
        const { matched } = await handler.handle(req, res, { prefix: '/rpc', context: { session } });
        if (!matched) send(res, 404, 'text/plain; charset=utf-8', 'Not found');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      await serveStatic(opts.staticDir, path, res);
    } catch (error) {
      console.error('[http]', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Lỗi máy chủ / Server error');
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    // Open event streams and keep-alive sockets would hold close() forever: end them too.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

interface BodyLimit {
  bytes: number;
  vi: string;
  en: string;
}
const CALL_LIMIT: BodyLimit = {
  bytes: MAX_BODY_BYTES,
  vi: `Dữ liệu gửi lên quá lớn (tối đa ${Math.floor(MAX_BODY_BYTES / 1024 / 1024)} MB). Với danh mục thủ tục, hãy chia tệp hoặc bỏ các trang tính không cần.`,
  en: `The data sent is too large (at most ${Math.floor(MAX_BODY_BYTES / 1024 / 1024)} MB). For a procedure list, split the file or remove unneeded sheets.`,
};
const RESTORE_LIMIT: BodyLimit = {
  bytes: MAX_RESTORE_BODY_BYTES,
  vi: `Tệp sao lưu quá lớn để khôi phục qua trang (tối đa ${MAX_RESTORE_FILE_MB} MB). Dữ liệu hiện tại không bị động đến; báo bộ phận kỹ thuật.`,
  en: `The backup file is too large to restore through the page (at most ${MAX_RESTORE_FILE_MB} MB). The current data is untouched; call technical support.`,
};

/** A request body the host will not read: none declared for a call (411), or one above the limit (413). */
function bodyRefusal(req: IncomingMessage, limit: BodyLimit): { status: number; body: string } | null {
  if (req.method !== 'POST') return null;
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    return { status: 411, body: words('LENGTH_REQUIRED', 'Yêu cầu không ghi độ dài nội dung; không xử lý.', 'The request does not declare its length; it was not processed.') };
  }
  if (Number(declared) > limit.bytes) return { status: 413, body: words('REQUEST_TOO_LARGE', limit.vi, limit.en) };
  return null;
}

async function serveStatic(root: string, urlPath: string, res: ServerResponse) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Địa chỉ không hợp lệ / Malformed address');
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const realRoot = await realpath(root).catch(() => normalize(root));
  const file = join(realRoot, rel === '' ? 'index.html' : rel);
  if (!file.startsWith(realRoot + sep)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
  let body: Buffer;
  let target = file;
  try {
    // A link inside the build folder must not lead out of it.
    if ((await realpath(target)) !== target) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    body = await readFile(target);
  } catch {
    // Unknown paths get the app itself (it has one page).
    target = join(realRoot, 'index.html');
    body = await readFile(target);
  }
  const type = TYPES[extname(target)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
