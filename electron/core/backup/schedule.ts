import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutomaticBackupSchema, type AutomaticBackup } from '../../../shared/contract/backup.js';
import { compactDateTime, vnIsoDate, vnStartOfDay } from '../../../shared/format/vn-time.js';
import { SealedKeySchema, type SealedKey } from './backup-key.js';

/**
 * The automatic backup's settings and its sealed key, in automatic-backup.json of the data folder:
 * this machine's, so neither in the settings a backup carries nor in what settings.get shows a clerk.
 */
const StoredSchema = AutomaticBackupSchema.extend({ key: SealedKeySchema.nullable().default(null) });
export type StoredSchedule = AutomaticBackup & { key: SealedKey | null };

const fileOf = (dataDir: string) => join(dataDir, 'automatic-backup.json');

export function readSchedule(dataDir: string): StoredSchedule {
  const file = fileOf(dataDir);
  if (existsSync(file)) {
    const parsed = StoredSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    console.warn('[backup] automatic-backup.json could not be read; the automatic backup is off until it is set again');
  }
  return StoredSchema.parse({});
}

export function writeSchedule(dataDir: string, schedule: StoredSchedule): void {
  const file = fileOf(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(schedule));
  renameSync(`${file}.tmp`, file);
}

/** bcci-auto-20261127-091500.bccibak: Hà Nội time, so names sort by age. */
const NAME = /^bcci-(auto|backup)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(-\d+)?\.bccibak$/;

/** A second backup in the same second gets -2, -3…: a backup never overwrites another. */
export const backupFileName = (kind: 'manual' | 'automatic', at: Date, taken: (name: string) => boolean) => {
  const t = compactDateTime(at);
  const base = `bcci-${kind === 'automatic' ? 'auto' : 'backup'}-${t.slice(0, 8)}-${t.slice(8)}`;
  let name = `${base}.bccibak`;
  for (let n = 2; taken(name); n++) name = `${base}-${n}.bccibak`;
  return name;
};

/** What a backup's file name says: its kind and when it was made; null for other files. */
export function readBackupFileName(name: string): { kind: 'manual' | 'automatic'; at: Date } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s] = m;
  return { kind: kind === 'auto' ? 'automatic' : 'manual', at: new Date(Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`)) };
}

/** The latest planned run at or before now: today at the hour once it has struck, else yesterday's. */
export function lastPlannedRun(now: Date, hour: number): Date {
  const today = vnStartOfDay(vnIsoDate(now)) + hour * 3600_000;
  return new Date(today <= now.getTime() ? today : today - 24 * 3600_000);
}

/** Due when no automatic backup was made since the last planned run, so a day missed while closed is caught up. */
export const isDue = (now: Date, hour: number, newest: Date | null) => newest === null || newest < lastPlannedRun(now, hour);
