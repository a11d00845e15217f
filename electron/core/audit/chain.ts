import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The audit log as a chain (decision 0031). Each entry's MAC covers its sequence number, the
 * previous entry's MAC and its content, under a key kept outside the database: whoever can edit
 * the SQLite file but not read the key cannot alter, remove or reorder an entry unseen.
 */

export interface AuditContent {
  at: string;
  action: string;
  clerk_code: string;
  counter_code: string;
  /** JSON text, as stored */
  detail: string;
}

export interface ChainedEntry extends AuditContent {
  seq: number;
  prev_mac: string;
  mac: string;
}

/**
 * The bytes the MAC covers: a JSON array in a fixed order, so no field's text can shift into
 * another's (a bare concatenation of "ab"+"c" and "a"+"bc" would collide).
 */
export function canonical(seq: number, prevMac: string, e: AuditContent): string {
  return JSON.stringify(['bcci-audit-v1', seq, prevMac, e.at, e.action, e.clerk_code, e.counter_code, e.detail]);
}

export function macOf(key: Buffer, seq: number, prevMac: string, e: AuditContent): string {
  return createHmac('sha256', key).update(canonical(seq, prevMac, e), 'utf8').digest('hex');
}

/** The next link after `last` (undefined when the chain is empty). */
export function nextLink(key: Buffer, last: { seq: number; mac: string } | undefined, e: AuditContent): ChainedEntry {
  const seq = last ? last.seq + 1 : 1;
  const prev_mac = last ? last.mac : '';
  return { ...e, seq, prev_mac, mac: macOf(key, seq, prev_mac, e) };
}

export const macMatches = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Whether `rows` (by number) are the entries after `afterSeq` up to `lastSeq` with no gap, each
 * MAC sound and each linked to the one before, the first to `prevMac`: a stretch of the chain
 * that can be vouched for without reading the rest.
 */
export function linksHold(key: Buffer, afterSeq: number, prevMac: string, rows: (AuditContent & { seq: number | null; prev_mac: string | null; mac: string | null })[], lastSeq: number): boolean {
  let seq = afterSeq;
  let prev = prevMac;
  for (const r of rows) {
    if (r.seq !== seq + 1 || r.mac === null || r.prev_mac === null || !macMatches(r.prev_mac, prev) || !macMatches(macOf(key, r.seq, r.prev_mac, r), r.mac)) return false;
    seq = r.seq;
    prev = r.mac;
  }
  return seq === lastSeq;
}
