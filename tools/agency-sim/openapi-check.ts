/**
 * Checks requests and answers against docs/agency-api.openapi.yaml, so the document, the
 * reference server and the client cannot drift apart. It reads the JSON Schema keywords the
 * document uses (type, required, properties, additionalProperties, items, enum, min/max,
 * minLength/maxLength, minItems/maxItems, pattern, $ref) and nothing more: a keyword it does
 * not know is reported, not ignored, so the document cannot grow past what is checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

type Schema = Record<string, unknown>;
interface Parameter { name: string; in: 'header' | 'query' | 'path'; required?: boolean; schema: Schema }
interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref?: string; headers?: Record<string, { $ref?: string; required?: boolean; schema?: Schema }>; content?: Record<string, { schema: Schema }> }>;
}
export interface OpenApiDoc { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> }

export const CONTRACT_PATH = new URL('../../docs/agency-api.openapi.yaml', import.meta.url);

export function loadContract(path: URL | string = CONTRACT_PATH): OpenApiDoc {
  return load(readFileSync(path, 'utf8')) as OpenApiDoc;
}

const KNOWN = new Set([
  'type', 'required', 'properties', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum', 'minLength',
  'maxLength', 'minItems', 'maxItems', 'pattern', '$ref', 'description', 'default',
]);

function deref<T>(doc: OpenApiDoc, node: T): T {
  let n = node as { $ref?: string };
  while (n && typeof n.$ref === 'string') {
    const parts = n.$ref.replace(/^#\//, '').split('/');
    n = parts.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc) as { $ref?: string };
  }
  return n as T;
}

const typeOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

/** Problems of `value` against `schema`, each naming where (`$.HoSo[3].Gia`). Empty when it conforms. */
export function checkSchema(doc: OpenApiDoc, schema: Schema, value: unknown, at = '$'): string[] {
  const s = deref(doc, schema);
  const out: string[] = [];
  for (const key of Object.keys(s)) if (!KNOWN.has(key)) out.push(`${at}: schema keyword ${key} is not checked`);
  if (s['type'] !== undefined) {
    const t = typeOf(value);
    const ok = s['type'] === t || (s['type'] === 'number' && t === 'integer');
    if (!ok) return [...out, `${at}: expected ${String(s['type'])}, got ${t}`];
  }
  if (Array.isArray(s['enum']) && !s['enum'].includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s['enum'])}`);
  if (typeof value === 'number') {
    if (typeof s['minimum'] === 'number' && value < s['minimum']) out.push(`${at}: below ${s['minimum']}`);
    if (typeof s['maximum'] === 'number' && value > s['maximum']) out.push(`${at}: above ${s['maximum']}`);
  }
  if (typeof value === 'string') {
    if (typeof s['minLength'] === 'number' && value.length < s['minLength']) out.push(`${at}: shorter than ${s['minLength']}`);
    if (typeof s['maxLength'] === 'number' && value.length > s['maxLength']) out.push(`${at}: longer than ${s['maxLength']}`);
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(value)) out.push(`${at}: does not match ${s['pattern']}`);
  }
  if (Array.isArray(value)) {
    if (typeof s['minItems'] === 'number' && value.length < s['minItems']) out.push(`${at}: fewer than ${s['minItems']} items`);
    if (typeof s['maxItems'] === 'number' && value.length > s['maxItems']) out.push(`${at}: more than ${s['maxItems']} items`);
    if (s['items']) value.forEach((v, i) => out.push(...checkSchema(doc, s['items'] as Schema, v, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s['properties'] ?? {}) as Record<string, Schema>;
    for (const name of (s['required'] ?? []) as string[]) if (!(name in obj)) out.push(`${at}.${name}: required`);
    for (const [name, v] of Object.entries(obj)) {
      if (props[name]) out.push(...checkSchema(doc, props[name], v, `${at}.${name}`));
      else if (s['additionalProperties'] === false) out.push(`${at}.${name}: not in the contract`);
    }
  }
  return out;
}

/** The operation serving `method path` (path without query), and the template it matched. */
function operationOf(doc: OpenApiDoc, method: string, path: string) {
  for (const [template, ops] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const op = ops[method.toLowerCase()];
    if (re.test(path) && op) return { template, op };
  }
  return undefined;
}

export interface Exchange {
  method: string;
  /** path and query, as sent: /v1/updates?after=4 */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** Problems of a request against the document: unknown operation, missing header, bad query, bad body. */
export function checkRequest(doc: OpenApiDoc, req: Exchange): string[] {
  const url = new URL(req.url, 'http://x');
  const found = operationOf(doc, req.method, url.pathname);
  if (!found) return [`${req.method} ${url.pathname}: not in the contract`];
  const out: string[] = [];
  const auth = req.headers['authorization'];
  if (typeof auth !== 'string' || !/^Bearer \S+$/.test(auth)) out.push('Authorization: a Bearer token is required');
  for (const p of (found.op.parameters ?? []).map((x) => deref(doc, x) as Parameter)) {
    const raw = p.in === 'header' ? req.headers[p.name.toLowerCase()] : p.in === 'query' ? url.searchParams.get(p.name) ?? undefined : 'path';
    if (raw === undefined) {
      if (p.required) out.push(`${p.in} ${p.name}: required`);
      continue;
    }
    const value = p.schema['type'] === 'integer' && /^-?\d+$/.test(String(raw)) ? Number(raw) : raw;
    out.push(...checkSchema(doc, p.schema, value, `${p.in} ${p.name}`));
  }
  for (const name of url.searchParams.keys()) {
    if (!(found.op.parameters ?? []).some((x) => (deref(doc, x) as Parameter).name === name)) out.push(`query ${name}: not in the contract`);
  }
  const content = found.op.requestBody?.content['application/json'];
  if (content) out.push(...checkSchema(doc, content.schema, req.body, 'body'));
  else if (req.body !== undefined) out.push('body: this operation takes none');
  return out;
}

/** Problems of an answer: a status the operation does not list, a missing header, a body off its schema. */
export function checkResponse(doc: OpenApiDoc, req: Pick<Exchange, 'method' | 'url'>, res: { status: number; headers: Record<string, unknown>; body: unknown }): string[] {
  const found = operationOf(doc, req.method, new URL(req.url, 'http://x').pathname);
  if (!found) return [`${req.method} ${req.url}: not in the contract`];
  const listed = found.op.responses[String(res.status)] ?? found.op.responses[`${String(res.status)[0]}XX`];
  if (!listed) return [`status ${res.status}: not an answer of ${req.method} ${found.template}`];
  const r = deref(doc, listed);
  const out: string[] = [];
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, h] of Object.entries(r.headers ?? {})) {
    const header = deref(doc, h);
    const raw = headers[name.toLowerCase()];
    if (raw === undefined) {
      if (header.required) out.push(`header ${name}: required`);
    } else if (header.schema) {
      out.push(...checkSchema(doc, header.schema, header.schema['type'] === 'integer' && /^\d+$/.test(String(raw)) ? Number(raw) : raw, `header ${name}`));
    }
  }
  const content = r.content?.['application/json'];
  if (content) out.push(...checkSchema(doc, content.schema, res.body, 'body'));
  return out;
}
