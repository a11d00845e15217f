/**
 * When to try again after a transient failure. Numbers and reasons: decision 0025.
 * Exponential backoff with "equal jitter": half the delay is fixed so a counter never hammers
 * a recovering server, half is random so the counters of a province that lost the network
 * together do not come back in step.
 */
export interface RetryPolicy {
  /** first delay */
  baseMs: number;
  /** each further delay is this many times the previous */
  factor: number;
  /** no delay grows beyond this */
  capMs: number;
  /** attempts (POST or GET) in one run before the batch goes back to the queue */
  attemptsPerRun: number;
  /** a wait longer than this ends the run; the caller schedules the next run instead of sleeping */
  maxWaitInRunMs: number;
  /** how long one request may take before its outcome counts as unknown */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1000,
  factor: 2,
  capMs: 5 * 60_000,
  attemptsPerRun: 8,
  maxWaitInRunMs: 60_000,
  requestTimeoutMs: 30_000,
};

/** The wait before retry number `retry` (0 = the first retry), jittered by `random` in [0, 1). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const full = Math.min(policy.capMs, policy.baseMs * policy.factor ** Math.min(retry, 30));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Time as the uploader sees it: injectable so tests neither wait nor guess. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
