/**
 * One agency server over HTTP(S): the bearer token on every request, keep-alive connections,
 * and a deadline per request. It reports what happened on the wire — an answer, or an outcome
 * lost to a timeout or a broken connection — and leaves the meaning to the callers.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { problems, type AgencyProblem } from './problems.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';

export interface AgencyServer {
  /** https://…, or http:// on a loopback address */
  url: string;
  token: string;
  /** PEM of the province's own certificate authority, trusted besides the usual ones */
  ca?: string;
}

export type WireResult =
  | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; text: string }
  /** the request may or may not have reached the server; `code` is Node's (ECONNRESET, CERT_HAS_EXPIRED…) */
  | { kind: 'lost'; detail: string; code?: string };

export interface SentRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const isLoopback = (host: string) => {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
};

export class AgencyHttp {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  /** called with each request as sent; tests check them against the OpenAPI document */
  onRequest?: (req: SentRequest) => void;

  private constructor(
    base: URL,
    private readonly token: string,
    private readonly timeoutMs: number,
    ca: string | undefined,
  ) {
    this.base = base;
    this.agent =
      base.protocol === 'https:'
        ? new HttpsAgent({ keepAlive: true, ...(ca ? { ca: [...rootCertificates, ca] } : {}) })
        : new HttpAgent({ keepAlive: true });
  }

  /** The client for a configured server, or the reason the address cannot be used. */
  static open(server: AgencyServer, timeoutMs = DEFAULT_RETRY_POLICY.requestTimeoutMs): AgencyHttp | AgencyProblem {
    let url: URL;
    try {
      url = new URL(server.url);
    } catch {
      return problems.badUrl(server.url);
    }
    const ok = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
    if (!ok) return problems.badUrl(server.url);
    return new AgencyHttp(url, server.token, timeoutMs, server.ca);
  }

  send(method: 'GET' | 'POST', path: string, extra: { headers?: Record<string, string>; body?: string } = {}): Promise<WireResult> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token}`,
      Accept: 'application/json',
      ...extra.headers,
    };
    if (extra.body !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['Content-Length'] = String(Buffer.byteLength(extra.body));
    }
    this.onRequest?.({ method, path, headers, body: extra.body });
    const url = new URL(path.replace(/^\//, ''), this.base.href.endsWith('/') ? this.base : `${this.base.href}/`);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: WireResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const req = request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish({ kind: 'answer', status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => finish({ kind: 'lost', detail: `response broken: ${e.message}` }));
        res.on('aborted', () => finish({ kind: 'lost', detail: 'response aborted' }));
      });
      const timer = setTimeout(() => {
        finish({ kind: 'lost', detail: `no answer within ${this.timeoutMs} ms` });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'lost', detail: `${e.code ?? 'ERROR'}: ${e.message}`, code: e.code }));
      req.end(extra.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
