/**
 * What the status bar and the "Cần xử lý" list show of the exchange with the agencies.
 */
import type { AttentionItem, ExchangeStatus } from '../../../shared/contract/exchange.js';
import type { OutboxRepository } from '../outbox/outbox-repository.js';
import type { AttentionRepository } from './attention-repository.js';
import type { Reachability } from './update-poller.js';

export class ExchangeView {
  constructor(
    private readonly d: {
      attention: AttentionRepository;
      outbox: OutboxRepository;
      /** the last exchange with each configured server (empty: none asked yet) */
      reachability: () => Reachability[];
      configured: () => boolean;
    },
  ) {}

  async attention(): Promise<AttentionItem[]> {
    const parts = await Promise.all([this.d.attention.stoppedUploads(), this.d.attention.heldUpdates(), this.d.attention.decisions()]);
    return parts.flat().sort((a, b) => b.at.localeCompare(a.at));
  }

  async status(): Promise<ExchangeStatus> {
    const waiting = await this.d.outbox.waiting();
    const reached = this.d.reachability();
    const failed = reached.find((r) => !r.ok);
    return {
      uploadsWaiting: waiting.count,
      oldestWaitingAt: waiting.oldest,
      agencyServer: !this.d.configured() ? 'none' : reached.length === 0 ? 'unknown' : failed ? 'unreachable' : 'reachable',
      problem: failed?.problem ?? null,
      attention: (await this.attention()).length,
    };
  }
}
