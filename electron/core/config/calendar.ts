import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCalendar, type CalendarData, type WorkCalendar } from '../../../shared/calendar/working-days.js';
import type { Settings } from '../../../shared/contract/index.js';

/** Public holidays and make-up working days live as data in resources/calendar/. */
export function loadCalendar(resourcesDir: string): WorkCalendar {
  const data = JSON.parse(readFileSync(join(resourcesDir, 'calendar', 'vn-holidays.json'), 'utf8')) as CalendarData;
  return toCalendar(data);
}

/** J+n for a destination: an agency-code rule first, then a level rule, then the default. */
export function handoverDays(settings: Settings, agencyCode: string, level: string): number {
  const rules = settings.handover.rules;
  const byAgency = rules.find((r) => r.agencyCode && r.agencyCode === agencyCode);
  const byLevel = rules.find((r) => !r.agencyCode && r.level && r.level.toLowerCase() === level.toLowerCase());
  return (byAgency ?? byLevel)?.days ?? settings.handover.defaultDays;
}
