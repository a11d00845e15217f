import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { StandardRPCJsonSerializer, type StandardRPCJsonSerializedMetaItem } from '@orpc/client/standard';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { SESSION_HEADER } from '../../electron/hosting/http-host.js';
import { ADMIN, SECRET, startCore, type Harness } from '../support/core-harness.js';
import { rowsOf, tablesOf } from '../support/raw-sql.js';

/**
 * Every procedure of the contract, called over real HTTP with payloads no page of ours sends:
 * the answer is a refusal in words (4xx with code, vi, en), the core keeps serving, and nothing
 * is written. FC_SEED=<seed> replays a failing run.
 */

interface Procedure {
  path: string;
  input?: z.ZodType;
}

/** Every procedure, with its input schema, read from the contract object itself. */
function proceduresOf(node: object, prefix = ''): Procedure[] {
  return Object.entries(node).flatMap(([key, value]) => {
    if (value && typeof value === 'object' && '~orpc' in value) {
      return [{ path: `${prefix}${key}`, input: (value as { '~orpc': { inputSchema?: z.ZodType } })['~orpc'].inputSchema }];
    }
    return proceduresOf(value as object, `${prefix}${key}.`);
  });
}

/** An object with the given own keys, `__proto__` included as a plain key (as JSON.parse makes it). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const hostileText = fc.oneof(
  fc.constantFrom('', '\u0000', 'a\u0000b', '\u202E\u2066gdv01', '\uD800', '\uDFFF', 'x\uD83D', '\uFEFF', '../../../etc/passwd',
    "'; DROP TABLE dossiers; --", '%00', '<script>alert(1)</script>', '${7*7}', ' ', '1.002804\u0000', 'NaN', 'Infinity'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'Ư'.repeat(n)),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 2 ** 53, -(2 ** 31) - 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const pollution = fc.constantFrom(
  objectOf([['__proto__', { role: 'admin', polluted: true }]]),
  objectOf([['constructor', { prototype: { polluted: true } }]]),
  objectOf([['prototype', { polluted: true }]]),
);
const leaf = fc.oneof(hostileText, hostileNumber, fc.boolean(), fc.constant(null), pollution,
  fc.integer({ min: 200, max: 3000 }).map(nested));
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(objectOf),
  ),
}));

/** Hostile payloads for one procedure: anything at all, and its own fields with hostile values or missing. */
function payloadsFor(input: z.ZodType | undefined): fc.Arbitrary<unknown> {
  const shape = (input as { shape?: Record<string, unknown> } | undefined)?.shape;
  const candidates = shape
    ? fc.oneof(value, fc.array(fc.tuple(fc.constantFrom(...Object.keys(shape), '__proto__'), value), { maxLength: 8 }).map(objectOf))
    : value;
  // What the core receives is the JSON text: judge the payload as it will arrive.
  return candidates.filter((p) => refusable(input, JSON.parse(JSON.stringify({ p })).p));
}

/** Bodies no JSON encoder writes: NaN and Infinity raw, broken JSON, hostile oRPC type metadata. */
const RAW_BODIES = [
  '{"json":NaN}', '{"json":{"id":Infinity}}', '{"json":{"id":1e999,"year":-1e999}}', '{"json":{"id":', '{"json":',
  '[1,2,3]', 'null', '"json"', '{"json":{"id":1},"meta":[[2,"id"]]}', '{"json":{"year":1},"meta":[[0,"year"]]}',
  '{"json":{},"meta":[[3,"__proto__","polluted"]]}', '{"json":{"a":1},"meta":[[7,"a"]]}', '{"json":{"a":"x"},"meta":[[5,"a"]]}',
  '{"json":{"a":"(a+)+$"},"meta":[[5,"a"]]}', '{"json":1,"meta":"x"}', '{"json":1,"meta":[[99]]}', '{"json":{},"maps":[["a"]]}',
  `{"json":{"code":"${'a'.repeat(100_000)}"}}`,
];

/** The input a raw body carries as the core will decode it; `malformed` when it cannot be decoded. */
function decoded(body: string): { input: unknown } | 'malformed' {
  try {
    const parsed = JSON.parse(body) as { json?: unknown; meta?: StandardRPCJsonSerializedMetaItem[] } | null;
    // oRPC reads a body without a `json` member as no input at all.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { input: undefined };
    return { input: new StandardRPCJsonSerializer().deserialize(parsed.json, parsed.meta ?? []) };
  } catch {
    return 'malformed';
  }
}

/** Whether the core must refuse this input: it takes none, or its schema rejects it. */
const refusable = (input: z.ZodType | undefined, value: unknown) => (input ? !input.safeParse(value).success : value !== undefined);

type Who = 'admin' | 'clerk' | 'signed out';

let h: Harness;
const sessions: Record<Who, string | null> = { admin: null, clerk: null, 'signed out': null };

/** Signs in over raw HTTP and returns the session token the page would keep. */
async function signIn(clerkCode: string, secret: string): Promise<string> {
  const res = await call('signed out', 'session.signIn', JSON.stringify({ json: { clerkCode, secret } }));
  expect(res.status).toBe(200);
  return (res.body as { json: { token: string } }).json.token;
}

async function call(who: Who, path: string, body: string): Promise<{ status: number; body: unknown; text: string }> {
  const token = sessions[who];
  const res = await fetch(`${h.host.url}rpc/${path.replaceAll('.', '/')}`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', ...(token ? { [SESSION_HEADER]: token } : {}) },
    body,
    // An event stream opened by mistake must not hold the test: a refusal comes at once.
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* judged below: a refusal must be JSON words */
  }
  return { status: res.status, body: parsed, text };
}

/** A refusal the page can show: 4xx, with a stable code and words in both languages, no stack. */
function expectRefusal(res: { status: number; body: unknown; text: string }, label: string) {
  expect(res.status, `${label} → ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  const data = (res.body as { json?: { data?: unknown }; error?: unknown } | null)?.json?.data ?? (res.body as { error?: unknown } | null)?.error;
  expect(data, `${label} → ${res.text.slice(0, 300)}`).toMatchObject({ code: expect.any(String), vi: expect.any(String), en: expect.any(String) });
  expect(res.text).not.toMatch(/\n\s+at /);
}

/** What a write would change: every row of every table (updates too), and the settings file. */
async function digest(): Promise<string> {
  // A refused call is itself recorded (decision 0014); that line is the only one allowed.
  const where = (t: string) => (t === 'audit_log' ? " WHERE action <> 'access.denied'" : '');
  const tables = await tablesOf(h);
  let rows: string[];
  if (h.core.db === null) {
    // On the office server each table is summed up there, in one round trip for all of them.
    const sums = tables.map((t) => `SELECT '${t}' AS t, count(*) AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS sum FROM "${t}" r${where(t)}`);
    rows = (await rowsOf<{ t: string; n: number; sum: string }>(h, sums.join(' UNION ALL '))).map((r) => `${r.t}: ${r.n} rows ${r.sum}`).sort();
  } else {
    rows = [];
    for (const t of tables) {
      const all = (await rowsOf<Record<string, unknown>>(h, `SELECT * FROM "${t}"${where(t)}`)).map((r) => JSON.stringify(r)).sort();
      rows.push(`${t}: ${all.length} rows ${createHash('sha256').update(all.join('\n')).digest('hex')}`);
    }
  }
  const settings = join(h.dataDir, 'settings.json');
  return [...rows, existsSync(settings) ? readFileSync(settings, 'utf8') : 'no settings.json'].join('\n');
}

const PROCEDURES = proceduresOf(contract);
const RUNS: Record<Who, number> = { admin: 30, clerk: 10, 'signed out': 10 };
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

beforeAll(async () => {
  h = await startCore();
  await h.client.accounts.create({ clerkCode: 'gdv02', clerkName: 'Giao dịch viên hai', role: 'clerk', secret: SECRET });
  sessions.admin = await signIn(ADMIN.clerkCode, ADMIN.secret);
  sessions.clerk = await signIn('gdv02', SECRET);
});
afterAll(async () => h?.stop());

describe.each(['admin', 'clerk', 'signed out'] as const)('every procedure refuses hostile input (%s)', (who) => {
  it.each(PROCEDURES.map((p) => [p.path, p] as const))('%s', async (_path, procedure) => {
    const before = await digest();
    await fc.assert(
      fc.asyncProperty(payloadsFor(procedure.input), async (payload) => {
        expectRefusal(await call(who, procedure.path, JSON.stringify({ json: payload })), `${who} ${procedure.path}`);
      }),
      { numRuns: RUNS[who], seed },
    );
    const hostileBodies = RAW_BODIES.filter((b) => {
      const d = decoded(b);
      return d === 'malformed' || refusable(procedure.input, d.input);
    });
    for (const body of hostileBodies) expectRefusal(await call(who, procedure.path, body), `${who} ${procedure.path} ${body.slice(0, 60)}`);
    expect(await digest()).toBe(before);
    // Still serving, and the sessions still signed in and unlocked.
    const state = await call(who, 'session.state', '{}');
    expect(state.status).toBe(200);
    expect((state.body as { json: { locked: boolean; clerk: unknown } }).json).toMatchObject({ locked: false, clerk: who === 'signed out' ? null : expect.anything() });
  }, 60_000);
});
