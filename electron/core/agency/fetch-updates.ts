/**
 * The agency's decisions, a page at a time from a cursor. The caller applies a page and stores
 * its `next` in one local transaction, then asks for the next page: a crash between pages
 * repeats nothing and skips nothing.
 */
import { msg } from '../../../shared/i18n/msg.js';
import { AGENCY_STATUS, MAX_UPDATES_LIMIT, type WireUpdate } from '../../../shared/agency/wire.js';
import { failureOf } from './answers.js';
import type { AgencyHttp } from './http-client.js';
import { problems, type AgencyProblem } from './problems.js';

export type UpdatesPage = { ok: true; updates: WireUpdate[]; next: string } | { ok: false; problem: AgencyProblem; retryAfterMs?: number };

const STATUSES = new Set<number>(Object.values(AGENCY_STATUS));
const WHAT = msg('danh sách cập nhật', 'list of updates');

function readPage(text: string, limit: number): { updates: WireUpdate[]; next: string } | string {
  let page: { items?: unknown; next?: unknown };
  try {
    page = JSON.parse(text) as typeof page;
  } catch {
    return 'not JSON';
  }
  if (!Array.isArray(page?.items) || typeof page.next !== 'string') return 'items or next missing';
  if (page.items.length > limit) return `${page.items.length} items for limit ${limit}`;
  for (const u of page.items as Partial<WireUpdate>[]) {
    if (typeof u?.Cursor !== 'string' || typeof u.SoHieuBuuGui !== 'string' || typeof u.ThoiGian !== 'string') return 'an update lacks Cursor, SoHieuBuuGui or ThoiGian';
    if (!STATUSES.has(u.TrangThaiHoSo as number)) return `TrangThaiHoSo ${String(u.TrangThaiHoSo)} is not in the contract`;
  }
  return { updates: page.items as WireUpdate[], next: page.next };
}

/** One page after `after` (undefined: from the start). */
export async function fetchUpdates(http: AgencyHttp, after: string | undefined, limit = 100, now = Date.now()): Promise<UpdatesPage> {
  const n = Math.max(1, Math.min(MAX_UPDATES_LIMIT, Math.floor(limit)));
  const query = new URLSearchParams({ ...(after !== undefined ? { after } : {}), limit: String(n) });
  const r = await http.send('GET', `/v1/updates?${query}`);
  if (r.kind === 'answer' && r.status === 200) {
    const page = readPage(r.text, n);
    return typeof page === 'string' ? { ok: false, problem: problems.unreadable(WHAT, page, 200) } : { ok: true, ...page };
  }
  const f = failureOf(r, WHAT, '', now);
  return { ok: false, problem: f.problem, retryAfterMs: f.retryAfterMs };
}

/**
 * Pages until the server has nothing newer, handing each to `apply` (which stores the page and
 * its cursor together) before asking for the next. Ends with the last cursor stored, or the
 * problem that stopped it; what was applied before the problem stays applied.
 */
export async function drainUpdates(
  http: AgencyHttp,
  after: string | undefined,
  apply: (updates: WireUpdate[], next: string) => void | Promise<void>,
  limit = 100,
): Promise<{ cursor: string | undefined; applied: number; problem?: AgencyProblem; retryAfterMs?: number }> {
  let cursor = after;
  let applied = 0;
  for (;;) {
    const page = await fetchUpdates(http, cursor, limit);
    if (!page.ok) return { cursor, applied, problem: page.problem, retryAfterMs: page.retryAfterMs };
    if (page.updates.length > 0) await apply(page.updates, page.next);
    applied += page.updates.length;
    cursor = page.next;
    if (page.updates.length < limit) return { cursor, applied };
  }
}
