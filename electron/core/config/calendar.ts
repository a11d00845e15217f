import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { toCalendar, type WorkCalendar } from '../../../shared/calendar/working-days.js';
import { appError } from '../errors.js';
import type { Settings } from '../../../shared/contract/index.js';

export const CALENDAR_FILE = 'vn-holidays.json';

/**
 * Public holidays and make-up working days are data: the copy shipped in resources/calendar/,
 * or, when an administrator has placed one, `calendar/vn-holidays.json` in the data folder
 * (the shipped copy sits inside the installed app and is not meant to be edited there).
 */
export function loadCalendar(resourcesDir: string, dataDir: string): WorkCalendar {
  const local = join(dataDir, 'calendar', CALENDAR_FILE);
  const file = existsSync(local) ? local : join(resourcesDir, 'calendar', CALENDAR_FILE);
  try {
    return toCalendar(CalendarSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  } catch (error) {
    throw appError(
      'CALENDAR_INVALID',
      `Tệp lịch ngày nghỉ ${file} không đọc được hoặc sai định dạng (mỗi ngày dạng "yyyy-mm-dd"). Sửa hoặc xoá tệp rồi mở lại ứng dụng.`,
      `The holiday calendar ${file} cannot be read or is malformed (each date as "yyyy-mm-dd"). Fix or remove it, then restart.`,
      { cause: error },
    );
  }
}

const Day = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string() });
const CalendarSchema = z.object({ holidays: z.array(Day), workingWeekends: z.array(Day).optional() });

/** J+n for a destination: an agency-code rule first, then a level rule, then the default. */
export function handoverDays(settings: Settings, agencyCode: string, level: string): number {
  const rules = settings.handover.rules;
  const byAgency = rules.find((r) => r.agencyCode && r.agencyCode === agencyCode);
  const byLevel = rules.find((r) => !r.agencyCode && r.level && r.level.toLowerCase() === level.toLowerCase());
  return (byAgency ?? byLevel)?.days ?? settings.handover.defaultDays;
}
