import type { DayRange, ExportFile, ExportFormat } from '../../../../shared/contract/reports.js';
import type { PeriodicReport } from '../../../../shared/contract/periodic-report.js';
import { vnStartOfDay } from '../../../../shared/format/vn-time.js';
import { exportFile } from '../export-file.js';
import { checkRange } from '../register-service.js';
import { groupsOf, timelineOf, totalOf } from './periodic-figures.js';
import { periodicPdf } from './periodic-pdf.js';
import type { PeriodicRepository, RangeWindow } from './periodic-repository.js';
import { periodicXlsx } from './periodic-xlsx.js';

const DAY_MS = 86_400_000;
/** Up to about two months a chart reads best by day; longer, by month. */
const DAILY_UP_TO_DAYS = 62;

/** What an exported report says about itself: whose it is and when it was made. */
export interface PeriodicHeading {
  officeName: string;
  officeCode: string;
  madeAt: Date;
  /** made in training mode: the file says so (decision 0045) */
  training: boolean;
}

/**
 * The periodic report (báo cáo định kỳ) for any range of days: dossiers received and results
 * returned through the postal service, by agency, level, procedure, post office and time, with
 * the money by kind. Every figure is counted from the events of the range, never kept aside.
 */
export class PeriodicService {
  constructor(
    private readonly repo: PeriodicRepository,
    private readonly office: () => { code: string; name: string },
    private readonly resourcesDir: string,
    private readonly now: () => Date,
    /** the files say they are training papers (decision 0045) */
    private readonly training = false,
  ) {}

  async report(range: DayRange): Promise<PeriodicReport> {
    checkRange(range);
    const w: RangeWindow = { start: new Date(vnStartOfDay(range.from)).toISOString(), end: new Date(vnStartOfDay(range.to) + DAY_MS).toISOString() };
    const days = (vnStartOfDay(range.to) - vnStartOfDay(range.from)) / DAY_MS + 1;
    const step = days <= DAILY_UP_TO_DAYS ? 'day' : 'month';
    const byOffice = groupsOf(await this.repo.counts(w, 'office'));
    const { fees, postage } = await this.repo.money(w);
    const refunds = await this.repo.refunds(w);
    return {
      ...range,
      step,
      total: totalOf(byOffice),
      byAgency: groupsOf(await this.repo.counts(w, 'agency')),
      byProcedure: groupsOf(await this.repo.counts(w, 'procedure')),
      byLevel: groupsOf(await this.repo.counts(w, 'level')),
      byOffice,
      overTime: timelineOf(await this.repo.counts(w, step), range.from, range.to, step),
      money: {
        fees,
        postage: { name: 'postage', ...postage },
        refunds: { name: 'refunds', ...refunds },
        net: fees.reduce((s, f) => s + f.amount, 0) + postage.amount - refunds.amount,
      },
    };
  }

  async file(range: DayRange, format: ExportFormat): Promise<ExportFile> {
    const report = await this.report(range);
    const office = this.office();
    const heading: PeriodicHeading = { officeName: office.name, officeCode: office.code, madeAt: this.now(), training: this.training };
    const name = `bao-cao_${range.from}_${range.to}`;
    if (format === 'xlsx') return exportFile(name, 'xlsx', await periodicXlsx(heading, report), this.training);
    return exportFile(name, 'pdf', await periodicPdf(heading, report, this.resourcesDir, this.training), this.training);
  }
}
