import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRouter } from '../../electron/core/router.js';
import { MAX_BODY_BYTES, startHttpHost, type HttpHost } from '../../electron/hosting/http-host.js';
import { ADMIN, failure, startCore, tempDir, type Harness } from '../support/core-harness.js';

let h: Harness | undefined;
let host: HttpHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  await h?.stop();
  h = undefined;
});

/** A raw request, so headers and body can be what no well-behaved client would send. */
function raw(url: string, opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: u.host, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Browser mode over a build folder of our own, with a secret just outside it. */
async function withStatic() {
  h = await startCore();
  const top = tempDir('bcci-static-');
  const root = join(top, 'renderer');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(top, 'secret.txt'), 'counter secret');
  symlinkSync(join(top, 'secret.txt'), join(root, 'link.txt'));
  host = await startHttpHost({ router: createRouter(h.core), token: 't', staticDir: root });
  return host.url;
}

describe('browser mode under hostile requests', () => {
  it('answers malformed percent-encoding with 400, not a server error', async () => {
    const url = await withStatic();
    expect((await raw(url, { path: '/%E0%A4%A' })).status).toBe(400);
    expect((await raw(url, { path: '/' })).status).toBe(200);
  });

  it('serves nothing outside the build folder: no traversal, no symbolic links out', async () => {
    const url = await withStatic();
    const attempts = ['/link.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/../secret.txt', '/..%5csecret.txt',
      '/%2e%2e%2fsecret.txt', '/%2e%2e%5csecret.txt', '/..%252fsecret.txt', '//../secret.txt', '/....//secret.txt', '/.%2e/secret.txt', '/..%00/secret.txt'];
    for (const path of attempts) {
      const res = await raw(url, { path });
      expect(res.body, path).not.toContain('counter secret');
    }
    expect((await raw(url, { path: '/link.txt' })).status).toBe(403);
  });

  it('refuses a body above the limit with 413 in words, before reading it, and keeps serving', async () => {
    h = await startCore();
    const res = await raw(h.host.url, {
      method: 'POST',
      path: '/rpc/catalog/previewImport',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', 'content-length': MAX_BODY_BYTES + 1 },
      body: '{"json":',
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.vi).toContain('quá lớn');
    expect((await h.client.system.status()).catalog.procedures).toBe(20);
  });

  it('takes the largest legitimate request: a catalogue file at the contract’s size limit reaches the import', async () => {
    h = await startCore();
    // 40 million base64 characters of zero bytes: read in full and previewed, with nothing to confirm.
    const preview = await h.client.catalog.previewImport({ fileName: 'big.csv', contentBase64: 'A'.repeat(40_000_000) });
    expect(preview.canConfirm).toBe(false);
  });

  it('refuses a catalogue JSON nested 100,000 deep in words, and keeps serving', async () => {
    h = await startCore();
    const deep = `{"Thủ tục": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const err = await failure(h.client.catalog.previewImport({ fileName: 'danh-muc.json', contentBase64: Buffer.from(deep).toString('base64') }));
    expect(err.code).toBe('IMPORT_TOO_DEEP');
    expect(err.vi).toContain('không phải danh mục thủ tục');
    expect((await h.client.system.status()).catalog.procedures).toBe(20);
  });

  it('refuses a call that does not declare its length (411)', async () => {
    h = await startCore();
    const res = await raw(h.host.url, {
      method: 'POST',
      path: '/rpc/system/status',
      headers: { authorization: 'Bearer test-token', 'transfer-encoding': 'chunked' },
      body: '{}',
    });
    expect(res.status).toBe(411);
  });

  it('answers no call from a page of another site, even one holding the token', async () => {
    h = await startCore();
    const call = (origin?: string) =>
      raw(h!.host.url, {
        method: 'POST',
        path: '/rpc/session/signIn',
        headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', ...(origin ? { origin } : {}),
          'content-length': Buffer.byteLength(SIGN_IN) },
        body: SIGN_IN,
      });
    const port = new URL(h.host.url).port;
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example:${port}`, `http://127.0.0.1:${Number(port) + 1}`, 'file://']) {
      const res = await call(origin);
      expect(res.status, origin).toBe(403);
      const words = JSON.parse(res.body).error;
      expect(words.code).toBe('FORBIDDEN_ORIGIN');
      expect(words.vi).toContain('trang khác');
      expect(words.en).toContain('another site');
    }
    // The page itself (and a client that names no origin) still signs in.
    expect(JSON.parse((await call(`http://127.0.0.1:${port}`)).body).json.clerk.code).toBe(ADMIN.clerkCode);
    expect((await call()).status).toBe(200);
  });
});

const SIGN_IN = JSON.stringify({ json: { clerkCode: ADMIN.clerkCode, secret: ADMIN.secret } });
