/**
 * Drains the outbox with the agency client (decisions 0025, 0029): one row at a time, its
 * stored body and key on every try. Each run's outcome is recorded with the row in one
 * transaction — delivered with the receipts, needs-attention with the problem's words, or
 * queued with the next try's time and what that try must know. A rejected item leaves its
 * batch through the lifecycle so it can be corrected and batched again. Nothing here throws
 * out of the loop: a failure is logged, recorded when possible, and retried later.
 */
import { msg } from '../../../shared/i18n/msg.js';
import type { WireBatch, WireDelivery } from '../../../shared/agency/wire.js';
import { AgencyClients } from '../agency/clients.js';
import { AgencyHttp, type AgencyServer } from '../agency/http-client.js';
import type { AgencyProblem } from '../agency/problems.js';
import { SYSTEM_CLOCK, type Clock, type RetryPolicy } from '../agency/retry-policy.js';
import { uploadBatch, type ItemOutcome, type Resume, type UploadOutcome } from '../agency/upload-batch.js';
import { reportDelivery } from '../agency/report-delivery.js';
import { encodeBatch, encodeDelivery } from '../agency/wire-body.js';
import { BatchRepository } from '../batches/batch-repository.js';
import type { Tx } from '../db/data.js';
import type { DossierRepository } from '../dossiers/dossier-repository.js';
import type { Actor } from '../system/actor.js';
import { Rest } from '../system/rest.js';
import { SOLE_COUNTER, type WorkLease } from '../system/work-lease.js';
import type { OutboxRepository, OutboxRow, OutboxSettle } from './outbox-repository.js';

export interface OutboxWorkerDeps {
  outbox: OutboxRepository;
  dossiers: DossierRepository;
  /** the server an agency's batches go to, once Settings give it an address and a token */
  serverFor: (agencyCode: string) => AgencyServer | undefined;
  /** the agencies that have a server: rows of the others wait */
  configured: () => string[];
  /** told when the queue is empty after deliveries (the agency may soon have news) */
  onDelivered?: () => void;
  /** told each time a row starts or ends a try (the status bar counts them) */
  onChange?: () => void;
  /** who the lifecycle events are recorded for */
  actor: () => Actor;
  clock?: Clock;
  policy?: RetryPolicy;
  /** how long the worker rests when nothing is due */
  idleMs?: number;
  /** the office's once-only work is this counter's (always, on SQLite) */
  lease?: WorkLease;
}

const NOT_CONFIGURED = msg('Chưa cấu hình máy chủ cho cơ quan này; lô chờ gửi.', 'No server is configured for this agency; the batch waits.');

/** A run that broke in our own code waits this long, so a bug never spins the loop. */
const AFTER_CRASH_MS = 60_000;

class Stopped extends Error {}

const problemColumns = (p: AgencyProblem | null): OutboxSettle => ({
  error_code: p?.code ?? null,
  error_vi: p?.text.vi ?? null,
  error_en: p?.text.en ?? null,
  last_error: p?.detail ?? null,
});

export class OutboxWorker {
  private stopped = false;
  /** ends an in-run wait (a backoff, a Retry-After) when the core closes; only then */
  private cutWait: (() => void) | undefined;
  private readonly rest = new Rest();
  private loop: Promise<void> | undefined;
  private readonly clients: AgencyClients;
  private readonly clock: Clock;
  /** a delivery not yet told: told once the queue is empty, so a backlog's drain is not slowed by a poll per batch */
  private deliveredUntold = false;
  /**
   * The next row, already marked `sending` in the transaction that recorded the one before, as
   * read before that mark: a drain commits once per row instead of twice (decision 0049).
   */
  private claimed: OutboxRow | undefined;

  constructor(private readonly d: OutboxWorkerDeps) {
    this.clients = new AgencyClients(d.policy?.requestTimeoutMs);
    const base = d.clock ?? SYSTEM_CLOCK;
    // Sleeps inside a run end at once when the core closes: the row stays `sending` and the
    // next start settles it with a GET, as after a crash.
    this.clock = {
      now: () => base.now(),
      sleep: async (ms) => {
        if (this.stopped) throw new Stopped();
        await Promise.race([base.sleep(ms), new Promise<void>((resolve) => (this.cutWait = resolve))]);
        if (this.stopped) throw new Stopped();
      },
    };
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the loop: a request in flight is cut (its outcome is settled at the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cutWait?.();
    this.rest.end();
    this.clients.closeAll();
    await this.loop;
  }

  /**
   * Looks at the queue now rather than after the rest (a batch was just closed, or sent again).
   * A run waiting out a backoff keeps waiting: the nudge is for the queue, not for that row.
   */
  nudge(): void {
    this.rest.nudge();
  }

  /** A server's address or token changed: the next run opens new connections with the new ones. */
  serversChanged(): void {
    this.clients.closeAll();
    this.nudge();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.once();
      } catch (error) {
        if (!(error instanceof Stopped)) console.error('[outbox]', error);
      }
      if (!worked && this.deliveredUntold) {
        this.deliveredUntold = false;
        this.d.onDelivered?.();
      }
      if (!worked && !this.stopped) await this.rest.for(this.d.idleMs ?? 5000);
    }
  }

  /** Sends the next due row, if any; true when there was one. */
  async once(): Promise<boolean> {
    let row = this.claimed;
    this.claimed = undefined;
    // A claimed row left behind stays `sending`: whoever sends it asks GET /v1/batches first.
    if (!(await (this.d.lease ?? SOLE_COUNTER).held())) return false;
    row ??= await this.claimNext();
    if (!row) return false;
    try {
      this.d.onChange?.();
      const outcome = row.kind === 'delivery-report' ? await this.sendDelivery(row) : await this.send(row);
      if (this.stopped) return true;
      await this.record(row, outcome);
    } catch (error) {
      if (error instanceof Stopped || this.stopped) return true;
      console.error('[outbox]', row.idempotency_key, error);
      await this.d.outbox.settle(row.id, {
        state: 'queued',
        next_attempt_at: new Date(this.clock.now() + AFTER_CRASH_MS).toISOString(),
        ...problemColumns({ code: 'OUTBOX_INTERNAL', permanent: false, text: msg('Lỗi khi gửi; sẽ tự gửi lại sau một phút.', 'Sending failed here; it is tried again in a minute.'), detail: String(error) }),
      });
    } finally {
      this.d.onChange?.();
    }
    return true;
  }

  /** The next due row, marked `sending` before the first byte goes out, so a crash leaves it `sending`. */
  private async claimNext(outbox = this.d.outbox): Promise<OutboxRow | undefined> {
    const row = await outbox.next(new Date(this.clock.now()).toISOString(), this.d.configured());
    if (row) await outbox.markSending(row.id);
    return row;
  }

  private async send(row: OutboxRow): Promise<UploadOutcome> {
    const batch = JSON.parse(row.body) as WireBatch;
    // The client encodes what it is given; the row's bytes are the ones the key was promised to.
    if (encodeBatch(batch) !== row.body) throw new Error(`stored body of ${row.idempotency_key} does not encode to itself`);
    const stored: Resume = row.resume ? (JSON.parse(row.resume) as Resume) : { retries: 0, unsettled: [] };
    // Left `sending` by a crash or a close: whether it landed is unknown until the server is asked.
    const resume = row.state === 'sending' ? { ...stored, unsettled: [...new Set([...stored.unsettled, row.idempotency_key])] } : stored;
    const opened = this.openFor(row, stored);
    if (!(opened instanceof AgencyHttp)) return opened;
    return uploadBatch(opened, batch, { resume, clock: this.clock, policy: this.d.policy, encoded: row.body });
  }

  /**
   * A delivery report: the stored body under the event's key. The contract has no GET for a
   * delivery, so a row left `sending` is simply sent again: a server that recorded it answers 200.
   */
  private async sendDelivery(row: OutboxRow): Promise<UploadOutcome> {
    const delivery = JSON.parse(row.body) as WireDelivery;
    if (encodeDelivery(delivery) !== row.body) throw new Error(`stored body of ${row.idempotency_key} does not encode to itself`);
    const resume: Resume = row.resume ? (JSON.parse(row.resume) as Resume) : { retries: 0, unsettled: [] };
    const opened = this.openFor(row, resume);
    if (!(opened instanceof AgencyHttp)) return opened;
    const out = await reportDelivery(opened, row.idempotency_key, delivery, { resume, clock: this.clock, policy: this.d.policy });
    // No receipts or items to keep: the outcome alone is the row's.
    return out.state === 'delivered' ? { state: 'delivered', receipts: [], items: [] } : { ...out, receipts: [], items: [] };
  }

  /** The client for the row's agency, or the outcome that says why there is none. */
  private openFor(row: OutboxRow, stored: Resume): AgencyHttp | UploadOutcome {
    const server = this.d.serverFor(row.agency_code);
    // Unconfigured between the pick and now: it waits like the rows never picked.
    if (!server) return { state: 'queued', retryAt: this.clock.now(), resume: stored, problem: { code: 'AGENCY_NOT_CONFIGURED', permanent: false, text: NOT_CONFIGURED }, receipts: [], items: [] };
    const opened = this.clients.get(server);
    if (!(opened instanceof AgencyHttp)) return { state: 'needs-attention', problem: opened, receipts: [], items: [] };
    return opened;
  }

  /**
   * The outcome, the row and the rejected items' way back, in one transaction; the same
   * transaction claims the next row, so its `sending` mark costs no commit of its own.
   */
  private async record(row: OutboxRow, out: UploadOutcome): Promise<void> {
    const delivered = { receipts: out.receipts, items: out.items };
    const change: OutboxSettle =
      out.state === 'delivered'
        ? { state: 'delivered', next_attempt_at: null, resume: null, ...problemColumns(null) }
        : out.state === 'needs-attention'
          ? { state: 'attention', next_attempt_at: null, ...problemColumns(out.problem) }
          : { state: 'queued', next_attempt_at: new Date(out.retryAt).toISOString(), resume: JSON.stringify(out.resume), ...problemColumns(out.problem) };
    this.claimed = await this.d.outbox.inTransaction(async (outbox, tx) => {
      await outbox.settle(row.id, { ...change, receipt: out.items.length > 0 ? JSON.stringify(delivered) : row.receipt });
      await this.unbatchRejected(row.idempotency_key, out.items.filter((i) => i.result === 'rejected'), tx);
      return this.claimNext(outbox);
    });
    if (out.state === 'delivered') this.deliveredUntold = true;
  }

  /**
   * A dossier the agency rejected leaves its batch with `unbatched` and waits for another one.
   * The table allows that only before the handover; after it the rejection stays on the batch
   * for a person to read.
   */
  private async unbatchRejected(batchNumber: string, rejected: ItemOutcome[], tx: Tx): Promise<void> {
    if (rejected.length === 0) return;
    const dossiers = this.d.dossiers.in(tx);
    const batches = new BatchRepository(tx);
    const at = new Date(this.clock.now()).toISOString();
    for (const item of rejected) {
      const id = await dossiers.idByCode(item.item);
      const d = id === undefined ? undefined : await dossiers.get(id);
      if (!d || d.status !== 'in-batch') continue;
      const batchId = await batches.idOf(batchNumber);
      if (batchId === undefined || !(await batches.removeItem(batchId, d.id))) continue;
      const reason = `Cơ quan từ chối / rejected by the agency: ${item.reason ?? ''}`.slice(0, 500);
      await dossiers.appendEvent(d.id, at, { kind: 'unbatched', data: { batchId: batchNumber, reason } }, this.d.actor());
    }
  }
}
