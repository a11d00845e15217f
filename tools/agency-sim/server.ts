/**
 * The reference agency server: the contract of docs/agency-api.openapi.yaml over plain HTTP
 * on loopback, with its own SQLite store, a deterministic decision schedule and fault
 * injection under /_sim/ (not part of the contract).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { compactDateTime } from '../../shared/format/vn-time.js';
import type { WireBatch, WireReceipt, WireUpdatesPage } from '../../shared/agency/wire.js';
import { MAX_UPDATES_LIMIT } from '../../shared/agency/wire.js';
import { Faults, parseRule, type Fault } from './faults.js';
import { loadContract } from './openapi-check.js';
import { DEFAULT_SCHEDULE, planDossier, type Schedule } from './schedule.js';
import { SimStore, type WriteKind } from './store.js';
import { refuseBatch, refuseDelivery, type Refusal } from './validate.js';

export interface SimOptions {
  /** folder of the simulator's SQLite file */
  dir: string;
  port?: number;
  host?: string;
  /** same seed, same fates */
  seed?: string;
  /** bearer token → the post office (MaBuuCuc) it acts for */
  offices?: Record<string, string>;
  schedule?: Partial<Schedule>;
  /** bodies above this many bytes get 413 */
  maxBodyBytes?: number;
  /** procedure codes this agency does not handle: such items are REJECTED */
  rejectProcedures?: string[];
  now?: () => number;
  /** serve HTTPS with this key and certificate (PEM) instead of plain HTTP */
  tls?: { key: string; cert: string };
  /** how many requests `requests` keeps (default 2000), so a simulator left running does not grow */
  keepRequests?: number;
}

export interface LoggedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** the status answered, or 'dropped' when the connection was closed instead */
  status: number | 'dropped';
  answer?: { headers: Record<string, string>; body: unknown };
}

export interface AgencySim {
  url: string;
  token: string;
  postOffice: string;
  store: SimStore;
  faults: Faults;
  /** the latest contract requests (at most `keepRequests`), in arrival order */
  requests: LoggedRequest[];
  /** moves the simulator's clock on (decisions fall due by it) */
  advance(ms: number): void;
  setMaxBodyBytes(bytes: number | undefined): void;
  close(): Promise<void>;
}

export const DEMO_TOKEN = 'demo-token-100000';
export const DEMO_POST_OFFICE = '100000';
/** Far above any real batch: a read limit so a runaway body cannot fill the memory. */
const HARD_BODY_LIMIT = 64 * 1024 * 1024;

class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const failure = (status: number, code: string, vi: string, en: string, headers: Record<string, string> = {}) =>
  new Answer(status, { error: { code, message: `${vi} / ${en}` } }, headers);
const refused = (status: number, r: Refusal) => new Answer(status, { error: r });

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > HARD_BODY_LIMIT) {
        req.destroy();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function statusFault(f: Extract<Fault, { kind: 'status' }>): Answer {
  const retry = f.retryAfter ?? 1;
  const headers: Record<string, string> = f.status === 429 || f.status === 503 ? { 'Retry-After': String(retry) } : {};
  return failure(f.status, `INJECTED_${f.status}`, 'Lỗi giả lập', 'Simulated failure', headers);
}

export async function startAgencySim(opts: SimOptions): Promise<AgencySim> {
  const doc = loadContract();
  const store = new SimStore(opts.dir);
  const offices = opts.offices ?? { [DEMO_TOKEN]: DEMO_POST_OFFICE };
  const schedule = { ...DEFAULT_SCHEDULE, ...opts.schedule };
  const seed = opts.seed ?? 'bcci';
  const reject = new Set(opts.rejectProcedures ?? []);
  const faults = new Faults();
  const requests: LoggedRequest[] = [];
  const keep = opts.keepRequests ?? 2000;
  let offset = 0;
  let maxBodyBytes = opts.maxBodyBytes;
  const now = () => (opts.now?.() ?? Date.now()) + offset;

  /** The write-once part shared by batches and deliveries: replay, conflict, or record. */
  function idempotent(office: string, kind: WriteKind, key: string, raw: Buffer, record: () => Answer): Answer {
    const sha = createHash('sha256').update(raw).digest('hex');
    return store.db.transaction(() => {
      const seen = store.write(office, kind, key);
      if (seen) {
        if (seen.bodySha === sha) return new Answer(200, JSON.parse(seen.answer));
        return failure(409, 'IDEMPOTENCY_CONFLICT', `Khoá ${key} đã dùng cho một nội dung khác`, `Key ${key} was already used with a different body`);
      }
      const answer = record();
      if (answer.status === 201) store.recordWrite(office, kind, key, sha, JSON.stringify(answer.body), now());
      return answer;
    }).immediate();
  }

  function recordBatch(office: string, batch: WireBatch): Answer {
    if (batch.MaBuuCuc !== office) {
      return failure(403, 'WRONG_POST_OFFICE', `Mã truy cập không được gửi thay bưu cục ${batch.MaBuuCuc}`, `The token may not act for post office ${batch.MaBuuCuc}`);
    }
    const at = now();
    const receipt: WireReceipt = { MaLo: batch.MaLo, ThoiGianNhan: compactDateTime(at), KetQua: [] };
    for (const h of batch.HoSo) {
      const earlier = store.acceptedIn(office, h.SoHieuBuuGui);
      const reason = earlier
        ? `Hồ sơ đã được tiếp nhận trong lô ${earlier}`
        : reject.has(h.MaTTHC)
          ? `Thủ tục ${h.MaTTHC} không thuộc thẩm quyền của cơ quan ${batch.MaCoQuan}`
          : undefined;
      store.recordItem(office, h.SoHieuBuuGui, batch.MaLo, batch.MaCoQuan, !reason);
      if (reason) {
        receipt.KetQua.push({ SoHieuBuuGui: h.SoHieuBuuGui, TrangThai: 'REJECTED', LyDo: reason });
        continue;
      }
      receipt.KetQua.push({ SoHieuBuuGui: h.SoHieuBuuGui, TrangThai: 'ACCEPTED' });
      const day = compactDateTime(at).slice(2, 8);
      const code = `${batch.MaCoQuan}-${day}-${String(store.next(`${batch.MaCoQuan}-${day}`)).padStart(4, '0')}`;
      store.plan(office, planDossier({ seed, item: h.SoHieuBuuGui, procedureName: h.TenTTHC, agencyDossierCode: code, recordedAt: at, schedule }));
    }
    return new Answer(201, receipt);
  }

  function parseJson(raw: Buffer): unknown {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return undefined;
    }
  }

  function handleWrite(kind: WriteKind, office: string, req: IncomingMessage, raw: Buffer): Answer {
    if (maxBodyBytes !== undefined && raw.length > maxBodyBytes) {
      return failure(413, 'TOO_LARGE', `Lô quá lớn (tối đa ${maxBodyBytes} byte); hãy chia nhỏ`, `Too large (at most ${maxBodyBytes} bytes); split it`);
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return failure(400, 'IDEMPOTENCY_KEY_MISSING', 'Thiếu Idempotency-Key', 'Idempotency-Key is missing');
    const body = parseJson(raw);
    if (body === undefined) return failure(400, 'MALFORMED_JSON', 'Nội dung không phải JSON hợp lệ', 'The body is not valid JSON');
    return idempotent(office, kind, key, raw, () => {
      if (kind === 'batch') {
        const bad = refuseBatch(doc, key, body);
        return bad ? refused(400, bad) : recordBatch(office, body as WireBatch);
      }
      const bad = refuseDelivery(doc, body);
      if (bad) return refused(400, bad);
      return new Answer(201, { SoHieuBuuGuiKetQua: (body as { SoHieuBuuGuiKetQua: string }).SoHieuBuuGuiKetQua, ThoiGianNhan: compactDateTime(now()) });
    });
  }

  function handleUpdates(office: string, url: URL): Answer {
    const after = url.searchParams.get('after') ?? '0';
    const limitText = url.searchParams.get('limit') ?? '100';
    if (!/^\d{1,15}$/.test(after)) return failure(400, 'BAD_CURSOR', `Con trỏ ${after} không hợp lệ`, `Cursor ${after} is not valid`);
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_UPDATES_LIMIT) {
      return failure(400, 'BAD_LIMIT', `limit phải từ 1 đến ${MAX_UPDATES_LIMIT}`, `limit must be 1 to ${MAX_UPDATES_LIMIT}`);
    }
    store.publishDue(now());
    const items = store.updatesAfter(office, Number(after), limit);
    const page: WireUpdatesPage = { items, next: items.at(-1)?.Cursor ?? after };
    return new Answer(200, page);
  }

  function route(req: IncomingMessage, raw: Buffer): Answer {
    const url = new URL(req.url ?? '/', 'http://sim');
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const office = auth ? offices[auth[1]!] : undefined;
    if (!office) return failure(401, 'UNAUTHORIZED', 'Thiếu hoặc sai mã truy cập', 'Missing or unknown token');
    const batchPath = /^\/v1\/batches\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === '/v1/batches') return handleWrite('batch', office, req, raw);
    if (req.method === 'POST' && url.pathname === '/v1/deliveries') return handleWrite('delivery', office, req, raw);
    if (req.method === 'GET' && batchPath) {
      const seen = store.write(office, 'batch', decodeURIComponent(batchPath[1]!));
      return seen ? new Answer(200, JSON.parse(seen.answer)) : failure(404, 'NOT_FOUND', 'Chưa ghi nhận lô này', 'This batch was never recorded');
    }
    if (req.method === 'GET' && url.pathname === '/v1/updates') return handleUpdates(office, url);
    return failure(404, 'NO_SUCH_ENDPOINT', 'Không có địa chỉ này', 'No such endpoint');
  }

  function admin(req: IncomingMessage, raw: Buffer): Answer {
    const body = (parseJson(raw) ?? {}) as Record<string, unknown>;
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (path === '/_sim/faults' && req.method === 'DELETE') {
      faults.clear();
      return new Answer(200, { ok: true });
    }
    if (path === '/_sim/faults' && req.method === 'POST') {
      const rules = (Array.isArray(body['rules']) ? body['rules'] : []).map(parseRule);
      const bad = rules.find((r) => typeof r === 'string');
      if (bad || rules.length === 0) return failure(400, 'BAD_RULE', 'Luật lỗi không hợp lệ', String(bad ?? 'rules: [] is empty'));
      faults.add(...(rules as Exclude<(typeof rules)[number], string>[]));
      return new Answer(200, { ok: true });
    }
    if (path === '/_sim/clock' && req.method === 'POST') {
      offset += Number(body['advanceMs'] ?? 0);
      return new Answer(200, { now: compactDateTime(now()) });
    }
    if (path === '/_sim/config' && req.method === 'PUT') {
      maxBodyBytes = typeof body['maxBodyBytes'] === 'number' ? body['maxBodyBytes'] : undefined;
      return new Answer(200, { maxBodyBytes: maxBodyBytes ?? null });
    }
    if (path === '/_sim/received' && req.method === 'GET') {
      const office = new URL(req.url ?? '/', 'http://sim').searchParams.get('postOffice') ?? DEMO_POST_OFFICE;
      return new Answer(200, { batches: store.batchCount(office), items: store.receivedCounts(office), deliveries: store.deliveryCounts(office) });
    }
    return failure(404, 'NO_SUCH_ENDPOINT', 'Không có địa chỉ này', 'No such endpoint');
  }

  const send = (res: ServerResponse, a: Answer) => {
    const text = JSON.stringify(a.body);
    res.writeHead(a.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...a.headers });
    res.end(text);
  };

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    if (!raw) return;
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (path.startsWith('/_sim/')) return send(res, admin(req, raw));
    const log: LoggedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw.toString('utf8'), status: 'dropped' };
    requests.push(log);
    if (requests.length > keep) requests.splice(0, requests.length - keep);
    const fault = faults.take(log.method, path);
    if (fault?.kind === 'latency') await sleep(fault.ms);
    if (fault?.kind === 'drop-before-commit') return void req.socket.destroy();
    const answer = fault?.kind === 'status' ? statusFault(fault) : route(req, raw);
    if (fault?.kind === 'drop-after-commit') return void req.socket.destroy();
    log.status = answer.status;
    log.answer = { headers: answer.headers, body: answer.body };
    send(res, answer);
  }

  const listener: RequestListener = (req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, failure(500, 'INTERNAL', 'Lỗi máy chủ', String(error)));
    });
  };
  const server = opts.tls ? createTlsServer(opts.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const [token, postOffice] = Object.entries(offices)[0]!;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${port}`,
    token,
    postOffice,
    store,
    faults,
    requests,
    advance: (ms) => void (offset += ms),
    setMaxBodyBytes: (bytes) => void (maxBodyBytes = bytes),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
