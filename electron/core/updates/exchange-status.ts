/**
 * What the status bar and the "Cần xử lý" list show of the exchange with the agencies.
 */
import { EventPublisher } from '@orpc/server';
import type { AttentionItem, ExchangeStatus } from '../../../shared/contract/exchange.js';
import type { OutboxRepository } from '../outbox/outbox-repository.js';
import type { AttentionRepository } from './attention-repository.js';
import type { Reachability } from './update-poller.js';

export class ExchangeView {
  /** One slot: a burst of changes while the page reads a status costs one more read, not one per change. */
  private readonly changes = new EventPublisher<{ changed: true }>({ maxBufferedEvents: 1 });

  constructor(
    private readonly d: {
      attention: AttentionRepository;
      outbox: OutboxRepository;
      /** the last exchange with each configured server (empty: none asked yet) */
      reachability: () => Reachability[] | Promise<Reachability[]>;
      configured: () => boolean;
    },
  ) {}

  async attention(): Promise<AttentionItem[]> {
    const parts = await Promise.all([this.d.attention.stoppedUploads(), this.d.attention.heldUpdates(), this.d.attention.decisions()]);
    return parts.flat().sort((a, b) => b.at.localeCompare(a.at));
  }

  async status(): Promise<ExchangeStatus> {
    const waiting = await this.d.outbox.waiting();
    const reached = await this.d.reachability();
    const failed = reached.find((r) => !r.ok);
    return {
      uploadsWaiting: waiting.count,
      oldestWaitingAt: waiting.oldest,
      agencyServer: !this.d.configured() ? 'none' : reached.length === 0 ? 'unknown' : failed ? 'unreachable' : 'reachable',
      problem: failed?.problem ?? null,
      attention: (await this.attention()).length,
    };
  }

  /** Something the status bar shows may have moved: a batch queued, sent, settled, a poll answered. */
  changed(): void {
    this.changes.publish('changed', true);
  }

  /**
   * The status now, then again after each change, so the bar follows within a read of the
   * database rather than a poll's interval.
   */
  async *live(signal?: AbortSignal): AsyncGenerator<ExchangeStatus> {
    const changes = this.changes.subscribe('changed', { signal });
    yield await this.status();
    for await (const _ of changes) yield await this.status();
  }
}
