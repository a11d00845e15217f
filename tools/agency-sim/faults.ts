/**
 * Faults the simulator injects on demand, outside the contract: each rule matches requests by
 * method and path prefix and fires on the next `times` of them (once by default).
 */
export type Fault =
  /** wait before handling; the request is then handled (and committed) as usual */
  | { kind: 'latency'; ms: number }
  /** answer this status instead of handling; 429 and 503 carry Retry-After */
  | { kind: 'status'; status: number; retryAfter?: number }
  /** read the request, then close the connection without recording anything */
  | { kind: 'drop-before-commit' }
  /** handle and commit the request, then close the connection instead of answering */
  | { kind: 'drop-after-commit' };

export interface FaultRule {
  fault: Fault;
  method?: string;
  path?: string;
  times?: number;
}

const KINDS = new Set(['latency', 'status', 'drop-before-commit', 'drop-after-commit']);

/** A rule read from the admin endpoint, or a reason it is refused. */
export function parseRule(raw: unknown): FaultRule | string {
  const r = raw as Partial<FaultRule> | null;
  const f = r?.fault as Partial<Fault> | undefined;
  if (!f || !KINDS.has(String(f.kind))) return `fault.kind must be one of ${[...KINDS].join(', ')}`;
  if (f.kind === 'latency' && !(Number.isInteger(f.ms) && (f.ms as number) >= 0)) return 'latency needs ms ≥ 0';
  if (f.kind === 'status' && !(Number.isInteger(f.status) && (f.status as number) >= 400 && (f.status as number) <= 599)) {
    return 'status needs a status 400–599';
  }
  if (r!.times !== undefined && !(Number.isInteger(r!.times) && r!.times! >= 1)) return 'times must be ≥ 1';
  return { fault: f as Fault, method: r!.method?.toUpperCase(), path: r!.path, times: r!.times ?? 1 };
}

export class Faults {
  private rules: FaultRule[] = [];

  add(...rules: FaultRule[]): void {
    this.rules.push(...rules.map((r) => ({ ...r, times: r.times ?? 1 })));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule matches; the rule is used up after `times` requests. */
  take(method: string, path: string): Fault | undefined {
    const rule = this.rules.find((r) => (!r.method || r.method === method) && (!r.path || path.startsWith(r.path)));
    if (!rule) return undefined;
    rule.times! -= 1;
    if (rule.times! <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule.fault;
  }
}
