/**
 * The attempts of one run at the contract's writes (batches, deliveries): the same key and
 * bytes each time; after an unknown outcome, a GET settles whether the write landed when the
 * contract offers one; transient failures wait (Retry-After, else backoff) within the run's
 * budget; permanent ones end at once. What a landed answer means is the caller's.
 */
import type { Msg } from '../../../shared/i18n/msg.js';
import { failureOf, type Failure } from './answers.js';
import type { AgencyHttp, WireResult } from './http-client.js';
import type { AgencyProblem } from './problems.js';
import { backoffMs, DEFAULT_RETRY_POLICY, SYSTEM_CLOCK, type Clock, type RetryPolicy } from './retry-policy.js';

export type Answered = Extract<WireResult, { kind: 'answer' }>;

/** Carried from a run that ended queued to the next run of the same write. */
export interface Resume {
  /** retries so far, so the backoff keeps growing across runs */
  retries: number;
  /** keys whose last attempt was lost: ask the server about them before sending again */
  unsettled: string[];
}

export interface RunOptions {
  policy?: RetryPolicy;
  clock?: Clock;
  random?: () => number;
  resume?: Resume;
  /** each attempt as it starts: the key sent and the attempt's number in this run */
  onAttempt?: (key: string, attempt: number) => void;
}

export type WriteEnd =
  /** 200 or 201, or a status the caller handles itself (413 for batches) */
  | { end: 'answered'; answer: Answered }
  | { end: 'permanent'; problem: AgencyProblem }
  | { end: 'later'; problem: AgencyProblem; waitMs: number };

export interface Write {
  key: string;
  path: string;
  body: string;
  /** names the write in a 400's words */
  what: Msg;
  /** the GET that tells whether the write landed (200) or not (404), when the contract has one */
  statusPath?: string;
  /** statuses handed back to the caller besides 200 and 201 */
  callerHandles?: number[];
}

export class WriteRun {
  attempts = 0;
  retries: number;
  readonly unsettled: Set<string>;
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    readonly http: AgencyHttp,
    private readonly opts: RunOptions,
  ) {
    this.policy = opts.policy ?? DEFAULT_RETRY_POLICY;
    this.clock = opts.clock ?? SYSTEM_CLOCK;
    this.random = opts.random ?? Math.random;
    this.retries = opts.resume?.retries ?? 0;
    this.unsettled = new Set(opts.resume?.unsettled ?? []);
  }

  resume(): Resume {
    return { retries: this.retries, unsettled: [...this.unsettled] };
  }

  private send(key: string, method: 'GET' | 'POST', path: string, extra?: { headers: Record<string, string>; body: string }): Promise<WireResult> {
    this.attempts += 1;
    this.opts.onAttempt?.(key, this.attempts);
    return this.http.send(method, path, extra);
  }

  /** Waits out a transient failure, or ends the run when the wait is long or the attempts are spent. */
  private async waitOut(f: Failure): Promise<WriteEnd | undefined> {
    const waitMs = f.retryAfterMs ?? backoffMs(this.policy, this.retries, this.random);
    this.retries += 1;
    if (this.attempts >= this.policy.attemptsPerRun || waitMs > this.policy.maxWaitInRunMs) return { end: 'later', problem: f.problem, waitMs };
    await this.clock.sleep(waitMs);
    return undefined;
  }

  /** Sends `w` until it is answered, fails for good, or the run is spent. */
  async write(w: Write): Promise<WriteEnd> {
    const answered = (answer: Answered): WriteEnd => {
      this.unsettled.delete(w.key);
      return { end: 'answered', answer };
    };
    for (;;) {
      if (w.statusPath && this.unsettled.has(w.key)) {
        const r = await this.send(w.key, 'GET', w.statusPath);
        if (r.kind === 'answer' && r.status === 200) return answered(r);
        if (r.kind === 'answer' && r.status === 404) {
          this.unsettled.delete(w.key);
        } else {
          const f = failureOf(r, w.what, w.key, this.clock.now());
          if (f.problem.permanent) return { end: 'permanent', problem: f.problem };
          const ended = await this.waitOut(f);
          if (ended) return ended;
          continue;
        }
      }
      const r = await this.send(w.key, 'POST', w.path, { headers: { 'Idempotency-Key': w.key }, body: w.body });
      if (r.kind === 'answer' && (r.status === 200 || r.status === 201 || w.callerHandles?.includes(r.status))) return answered(r);
      const f = failureOf(r, w.what, w.key, this.clock.now());
      if (f.problem.permanent) return { end: 'permanent', problem: f.problem };
      if (f.unknown) this.unsettled.add(w.key);
      const ended = await this.waitOut(f);
      if (ended) return ended;
    }
  }
}
