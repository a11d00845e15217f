import type { DayRange, ExportFile, ExportFormat, RegisterPage, RegisterRow, YearNumbering } from '../../../shared/contract/reports.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { appError } from '../errors.js';
import type { RegisterRepository, RegisterSource } from './register-repository.js';
import { registerPdf } from './register-pdf.js';
import { registerXlsx } from './register-xlsx.js';
import { exportFile } from './export-file.js';

/** What the exported book says about itself: whose book, which days, when it was made. */
export interface RegisterHeading {
  officeName: string;
  officeCode: string;
  range: string;
  madeAt: string;
  /** made in training mode: the file says so (decision 0045) */
  training: boolean;
}

const toRow = (s: RegisterSource, stt: number): RegisterRow => {
  const { registerYear, registerSeq, ...rest } = s;
  return { stt, registerNo: registerNo(registerYear, registerSeq), ...rest };
};

/** The register book (sổ theo dõi hồ sơ) for a range of days: on screen by pages, or as a file. */
export class RegisterService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly office: () => { code: string; name: string },
    private readonly resourcesDir: string,
    private readonly now: () => Date,
    /** the files say they are training papers (decision 0045) */
    private readonly training = false,
  ) {}

  async page(range: DayRange, offset: number, limit: number): Promise<RegisterPage> {
    checkRange(range);
    return {
      ...range,
      total: await this.repo.count(range.from, range.to),
      offset,
      rows: (await this.repo.page(range.from, range.to, offset, limit)).map((s, i) => toRow(s, offset + i + 1)),
      numbering: await this.numbering(range),
    };
  }

  async file(range: DayRange, format: ExportFormat): Promise<ExportFile> {
    checkRange(range);
    const office = this.office();
    const heading: RegisterHeading = {
      officeName: office.name,
      officeCode: office.code,
      range: range.from === range.to ? `Ngày ${formatDate(range.from)}` : `Từ ngày ${formatDate(range.from)} đến ngày ${formatDate(range.to)}`,
      madeAt: formatDateTime(this.now()),
      training: this.training,
    };
    // The numbering first: the rows are read as the file is written, on the one connection.
    const numbering = await this.numbering(range);
    const rows = this.rows(range);
    const name = `so-theo-doi-ho-so_${range.from}_${range.to}`;
    if (format === 'xlsx') return exportFile(name, 'xlsx', await registerXlsx(heading, rows, numbering), this.training);
    return exportFile(name, 'pdf', await registerPdf(heading, rows, numbering, this.resourcesDir, this.training), this.training);
  }

  private async *rows(range: DayRange): AsyncGenerator<RegisterRow> {
    let stt = 0;
    for await (const s of this.repo.each(range.from, range.to)) yield toRow(s, ++stt);
  }

  /** Every year the range touches is checked whole, from its number 1 to the last one issued. */
  private async numbering(range: DayRange): Promise<YearNumbering[]> {
    const years: YearNumbering[] = [];
    for (let year = Number(range.from.slice(0, 4)); year <= Number(range.to.slice(0, 4)); year++) {
      years.push({ year, ...(await this.repo.numbering(year)) });
    }
    return years;
  }
}

/** A range whose start is after its end is refused in words, naming both days. */
export function checkRange(range: DayRange): void {
  if (range.from > range.to) {
    throw appError(
      'RANGE_INVALID',
      `Ngày bắt đầu (${formatDate(range.from)}) sau ngày kết thúc (${formatDate(range.to)}). Chọn lại khoảng ngày.`,
      `The start day (${formatDate(range.from)}) is after the end day (${formatDate(range.to)}). Choose the range again.`,
      { field: 'to' },
    );
  }
}
