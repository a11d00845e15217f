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
