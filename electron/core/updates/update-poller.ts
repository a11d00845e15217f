/**
 * Reads each configured agency server's updates feed from its stored cursor (agency-api.md,
 * GET /v1/updates): every minute, sooner after an upload, and at start. Pages are applied by
 * the `UpdateApplier`, their cursor stored with them. It also remembers, per server, whether
 * the last exchange reached it, for the status bar. Nothing here throws out of the loop.
 */
import type { Msg } from '../../../shared/i18n/msg.js';
import { drainUpdates } from '../agency/fetch-updates.js';
import { AgencyClients } from '../agency/clients.js';
import { AgencyHttp } from '../agency/http-client.js';
import type { ServerOfAgencies } from '../agencies/agency-service.js';
import { Rest } from '../system/rest.js';
import { SOLE_COUNTER, type WorkLease } from '../system/work-lease.js';
import type { UpdateApplier } from './apply-updates.js';
import type { UpdateRepository } from './update-repository.js';

export interface Reachability {
  serverUrl: string;
  ok: boolean;
  at: string;
  /** why the last exchange failed, in words */
  problem: Msg | null;
}

export interface UpdatePollerDeps {
  applier: UpdateApplier;
  updates: UpdateRepository;
  servers: () => ServerOfAgencies[];
  now: () => Date;
  /** between polls when nothing hurries it (the contract's default: 60 s) */
  intervalMs?: number;
  pageSize?: number;
  /** the office's once-only work is this counter's (always, on SQLite) */
  lease?: WorkLease;
  /** told after each round (reachability and the "Cần xử lý" list may have moved) */
  onRound?: () => void;
  /** each server's exchange as it ends: on an office server, recorded for the other counters (decision 0047) */
  onReached?: (r: Reachability) => Promise<void>;
}

export class UpdatePoller {
  private stopped = false;
  private readonly rest = new Rest();
  private loop: Promise<void> | undefined;
  private readonly clients = new AgencyClients();
  private readonly reached = new Map<string, Reachability>();

  constructor(private readonly d: UpdatePollerDeps) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.rest.end();
    this.clients.closeAll();
    await this.loop;
  }

  /** Polls now (a batch was delivered, a handover recorded, a server configured). */
  nudge(): void {
    this.rest.nudge();
  }

  serversChanged(): void {
    this.clients.closeAll();
    this.reached.clear();
    this.nudge();
  }

  /** The last exchange with each configured server. */
  reachability(): Reachability[] {
    return this.d.servers().flatMap((s) => this.reached.get(s.url) ?? []);
  }

  private async reach(r: Reachability): Promise<void> {
    this.reached.set(r.serverUrl, r);
    await this.d.onReached?.(r);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let waitMs = this.d.intervalMs ?? 60_000;
      try {
        waitMs = Math.max(waitMs, await this.once());
      } catch (error) {
        console.error('[updates]', error);
      }
      this.d.onRound?.();
      if (!this.stopped) await this.rest.for(waitMs);
    }
  }

  /** One round over every server; returns the longest wait a server asked for (Retry-After). */
  async once(): Promise<number> {
    if (!(await (this.d.lease ?? SOLE_COUNTER).held())) return 0;
    await this.d.applier.retryHeld();
    let askedWait = 0;
    for (const server of this.d.servers()) {
      if (this.stopped) break;
      const http = this.clients.get(server);
      const at = () => this.d.now().toISOString();
      if (!(http instanceof AgencyHttp)) {
        await this.reach({ serverUrl: server.url, ok: false, at: at(), problem: http.text });
        continue;
      }
      const cursor = await this.d.updates.cursor(server.url);
      const r = await drainUpdates(http, cursor, (page, next) => this.d.applier.applyPage(server.url, page, next), this.d.pageSize);
      await this.reach({ serverUrl: server.url, ok: !r.problem, at: at(), problem: r.problem?.text ?? null });
      if (r.problem) console.warn('[updates]', server.url, r.problem.code, r.problem.detail ?? '');
      askedWait = Math.max(askedWait, r.retryAfterMs ?? 0);
    }
    return askedWait;
  }
}
