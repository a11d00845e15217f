import type { Dashboard, DashboardList, DashboardListKind } from '../../../../shared/contract/dashboard.js';
import { vnIsoDate, vnStartOfDay } from '../../../../shared/format/vn-time.js';
import { totalOf, groupsOf } from '../periodic/periodic-figures.js';
import type { PeriodicRepository } from '../periodic/periodic-repository.js';
import type { DashboardRepository } from './dashboard-repository.js';

const DAY_MS = 86_400_000;

/**
 * The supervisor's F6 overview. Today's and the month's flow are counted from the events, as
 * the periodic report counts them (one office-wide group); what waits is the current state.
 */
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly periodic: PeriodicRepository,
    private readonly now: () => Date,
  ) {}

  async overview(): Promise<Dashboard> {
    const today = vnIsoDate(this.now());
    const monthFrom = `${today.slice(0, 8)}01`;
    const end = new Date(vnStartOfDay(today) + DAY_MS).toISOString();
    const flowFrom = async (from: string) => {
      const t = totalOf(groupsOf(await this.periodic.counts({ start: new Date(vnStartOfDay(from)).toISOString(), end }, 'office')));
      return { received: t.received, handedOver: t.handedOver, handedOverLate: t.handedOverLate, returned: t.returned };
    };
    const s = await this.repo.standing(today);
    return {
      today,
      monthFrom,
      flow: { today: await flowFrom(today), month: await flowFrom(monthFrom) },
      waitingHandover: s.waiting,
      pastDueHandover: s.pastDue,
      resultsWaiting: s.results,
      oldestResultAt: s.oldestResultAt,
      uploadsAttention: s.uploads,
    };
  }

  async list(kind: DashboardListKind, offset: number, limit: number): Promise<DashboardList> {
    const today = vnIsoDate(this.now());
    const s = await this.repo.standing(today);
    const total = kind === 'waiting-handover' ? s.waiting : kind === 'past-due' ? s.pastDue : s.results;
    return { kind, total, offset, rows: await this.repo.list(kind, today, offset, limit) };
  }
}
