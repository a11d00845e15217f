import type { RegisterRow, YearNumbering } from '../../../shared/contract/reports.js';
import { CODE_NOTE, numberingLines, REGISTER_COLUMNS } from '../../../shared/reports/register-columns.js';
import { a4TablePdf } from '../pdf/a4-table.js';
import type { RegisterHeading } from './register-service.js';
import { REGISTER_TITLE } from './register-xlsx.js';

/** The register book on A4 landscape, the official columns repeated on every page. */
export async function registerPdf(heading: RegisterHeading, rows: AsyncIterable<RegisterRow>, numbering: YearNumbering[], resourcesDir: string, training = false): Promise<Buffer> {
  const cells: string[][] = [];
  for await (const r of rows) cells.push(REGISTER_COLUMNS.map((c) => c.cell(r)));
  return a4TablePdf(
    {
      orientation: 'landscape',
      title: REGISTER_TITLE,
      subtitle: [`${heading.officeName} · mã ${heading.officeCode}`, heading.range],
      columns: REGISTER_COLUMNS.map((c) => ({ header: c.header[0], weight: c.weight, align: c.key === 'stt' || c.key === 'count' ? 'center' : 'left' })),
      rows: cells,
      after: [
        `Tổng số hồ sơ: ${cells.length}`,
        CODE_NOTE.vi,
        'Kiểm tra số sổ (liên tục trong năm):',
        ...numbering.flatMap((n) => numberingLines(n, 'vi')),
      ],
      footer: `${REGISTER_TITLE} · ${heading.officeName} · ${heading.range} · lập lúc ${heading.madeAt}`,
      metaTitle: `Sổ theo dõi hồ sơ ${heading.range}`,
      training,
    },
    resourcesDir,
  );
}
