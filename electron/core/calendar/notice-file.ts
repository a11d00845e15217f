import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isWeekend, type CalendarDay, type DayKind, type YearCalendar } from '../../../shared/calendar/year-calendar.js';
import { parseDmy } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { readTables } from '../catalog/read-tables.js';
import { AppError, appError } from '../errors.js';

export const CALENDAR_FILE = 'vn-holidays.json';

const Day = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string() });
const CalendarFileSchema = z.object({ holidays: z.array(Day), workingWeekends: z.array(Day).optional() });

/**
 * Notices shipped in resources/calendar/, or, when an administrator has placed one,
 * `calendar/vn-holidays.json` in the data folder. Every year that file mentions is taken as that
 * year's complete official notice; years it does not mention are computed (provisional).
 */
export function loadCalendarFile(resourcesDir: string, dataDir: string): YearCalendar[] {
  const local = join(dataDir, 'calendar', CALENDAR_FILE);
  const file = existsSync(local) ? local : join(resourcesDir, 'calendar', CALENDAR_FILE);
  let data: z.infer<typeof CalendarFileSchema>;
  try {
    data = CalendarFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw appError(
      'CALENDAR_INVALID',
      `Tệp lịch ngày nghỉ ${file} không đọc được hoặc sai định dạng (mỗi ngày dạng "yyyy-mm-dd"). Sửa hoặc xoá tệp rồi mở lại ứng dụng.`,
      `The holiday calendar ${file} cannot be read or is malformed (each date as "yyyy-mm-dd"). Fix or remove it, then restart.`,
      { cause: error },
    );
  }
  const days: CalendarDay[] = [
    ...data.holidays.map((d) => ({ ...d, kind: 'off' as const })),
    ...(data.workingWeekends ?? []).map((d) => ({ ...d, kind: 'working' as const })),
  ];
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  return years.map((year) => ({
    year,
    official: true,
    reference: CALENDAR_FILE,
    days: days.filter((d) => d.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date)),
  }));
}

type Problem = Msg & { field?: string };

/** What makes a notice unusable: dates outside the year or twice, make-up days that are not weekends. */
export function noticeProblems(year: number, days: CalendarDay[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  if (days.length === 0) {
    problems.push(msg(`Thông báo năm ${year} chưa có ngày nào.`, `The ${year} notice has no days.`));
  }
  for (const d of days) {
    const shown = d.date.split('-').reverse().join('/');
    if (parseDmy(shown) === null || !d.date.startsWith(`${year}-`)) {
      problems.push(msg(`Ngày ${shown} không phải một ngày của năm ${year}.`, `${shown} is not a date in ${year}.`));
    } else if (seen.has(d.date)) {
      problems.push(msg(`Ngày ${shown} được ghi hai lần.`, `${shown} is listed twice.`));
    } else if (d.kind === 'working' && !isWeekend(d.date)) {
      problems.push(msg(`Ngày làm bù ${shown} không phải thứ Bảy hay Chủ nhật.`, `Make-up working day ${shown} is not a Saturday or Sunday.`));
    }
    if (d.name.trim() === '') problems.push(msg(`Ngày ${shown} chưa có tên (ví dụ "Tết Nguyên đán").`, `${shown} has no name (e.g. "Tết Nguyên đán").`));
    seen.add(d.date);
  }
  return problems;
}

const isHeader = (cell: string, ...names: string[]) => names.includes(cell.trim().toLowerCase());

function kindOf(text: string, fallback: DayKind): DayKind | null {
  const t = text.trim().toLowerCase();
  if (t === '') return fallback;
  if (['nghỉ', 'nghi', 'off', 'holiday'].includes(t)) return 'off';
  if (['làm bù', 'lam bu', 'làm việc', 'working'].includes(t)) return 'working';
  return null;
}

/**
 * A notice from a small file: XLSX or CSV with the columns Ngày, Loại (Nghỉ / Làm bù), Tên; or
 * JSON shaped like the shipped calendar ({"holidays": [{date, name}], "workingWeekends": [...]}).
 * Only reads: the administrator checks the days on screen and saves them.
 */
export async function readNoticeFile(fileName: string, bytes: Buffer, year: number): Promise<CalendarDay[]> {
  const days: CalendarDay[] = [];
  const problems: Problem[] = [];
  for (const table of await readTables(fileName, bytes)) {
    const [header, ...rows] = table.rows;
    if (!header) continue;
    const col = (...names: string[]) => header.cells.findIndex((c) => isHeader(c, ...names));
    const [dateCol, kindCol, nameCol] = [col('ngày', 'date'), col('loại', 'kind'), col('tên', 'name')];
    if (dateCol < 0) continue;
    const tableKind: DayKind = /working|làm bù/i.test(table.name) ? 'working' : 'off';
    for (const r of rows) {
      const text = r.cells[dateCol] ?? '';
      const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : parseDmy(text);
      const kind = kindOf(kindCol >= 0 ? (r.cells[kindCol] ?? '') : '', tableKind);
      if (!date || !kind) {
        problems.push(
          msg(
            `${table.name}, dòng ${r.row}: "${text}" không phải ngày dạng dd/mm/yyyy hoặc loại không phải "Nghỉ"/"Làm bù".`,
            `${table.name}, row ${r.row}: "${text}" is not a dd/mm/yyyy date, or the kind is not "Nghỉ"/"Làm bù".`,
          ),
        );
        continue;
      }
      days.push({ date, kind, name: (nameCol >= 0 ? r.cells[nameCol] : '') || (kind === 'off' ? 'Ngày nghỉ' : 'Làm bù') });
    }
  }
  if (days.length === 0 && problems.length === 0) {
    problems.push(
      msg(
        'Tệp không có cột "Ngày" (hoặc "date"). Dùng các cột Ngày, Loại (Nghỉ / Làm bù), Tên.',
        'The file has no "Ngày" (or "date") column. Use the columns Ngày, Loại (Nghỉ / Làm bù), Tên.',
      ),
    );
  }
  if (days.length > 0) problems.push(...noticeProblems(year, days));
  if (problems.length > 0) throw new AppError('CALENDAR_NOTICE_INVALID', problems[0]!, { problems });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
