/**
 * What a failed exchange means, the same for every endpoint: permanent (stop and show a
 * person), or transient with how long to wait — the server's Retry-After when it gave one.
 */
import type { Msg } from '../../../shared/i18n/msg.js';
import type { WireResult } from './http-client.js';
import { problems, type AgencyProblem } from './problems.js';
import { retryAfterMs } from './retry-policy.js';

export interface Failure {
  problem: AgencyProblem;
  /** the server asked for this wait (429, 503) */
  retryAfterMs?: number;
  /** the request may have been carried out: settle before sending it again */
  unknown: boolean;
}

/** Node's codes for a server certificate that cannot be trusted (a setting to fix, not a network down). */
const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED',
]);

/** The server's own error words, for the details pane. */
function serverWords(text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (e && typeof e.code === 'string') return `${e.code}: ${String(e.message ?? '')}`;
  } catch {
    // not the contract's error body; show the start of what came
  }
  return text.slice(0, 300);
}

/** `what` names the request for a 400 ("lô L1" / "batch L1"); `key` is the Idempotency-Key, named by a 409. */
export function failureOf(r: WireResult, what: Msg, key: string, nowMs: number): Failure {
  if (r.kind === 'lost') {
    const untrusted = r.code !== undefined && (TLS_TRUST_CODES.has(r.code) || r.code.startsWith('ERR_TLS_CERT'));
    return { problem: untrusted ? problems.untrusted(r.detail) : problems.unreachable(r.detail), unknown: true };
  }
  const words = serverWords(r.text);
  switch (r.status) {
    case 400:
      return { problem: problems.badRequest(what, words), unknown: false };
    case 401:
      return { problem: problems.unauthorized(words), unknown: false };
    case 403:
      return { problem: problems.forbidden(words), unknown: false };
    case 409:
      return { problem: problems.conflict(key, words), unknown: false };
    case 429:
    case 503: {
      const header = r.headers['retry-after'];
      return { problem: problems.busy(r.status, words), retryAfterMs: retryAfterMs(Array.isArray(header) ? header[0] : header, nowMs), unknown: false };
    }
  }
  if (r.status >= 500) return { problem: problems.serverError(r.status, words), unknown: true };
  return { problem: problems.unexpected(r.status, words), unknown: false };
}
