import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { appError } from '../errors.js';

/**
 * After a move the SQLite file is kept exactly as it was, and a file beside it says where its
 * data went (decision 0033). Marking rather than renaming: the running app has the file open
 * (Windows cannot rename an open file, and its WAL must stay with it), and the untouched file is
 * the counter's last local copy, readable by every tool. The marker stops this counter writing
 * into a copy the office no longer reads.
 */
export const MOVED_MARKER_FILE = 'office-moved.json';

export interface MovedMarker {
  movedAt: string;
  server: { host: string; port: number; database: string };
  rows: number;
  auditEntry: number;
}

export const movedMarkerPath = (dataDir: string) => join(dataDir, MOVED_MARKER_FILE);

/** Written whole or not at all: a half-written marker would read as no marker. */
export function writeMovedMarker(dataDir: string, marker: MovedMarker): string {
  const path = movedMarkerPath(dataDir);
  writeFileSync(`${path}.tmp`, JSON.stringify(marker, null, 2));
  renameSync(`${path}.tmp`, path);
  return path;
}

export function readMovedMarker(dataDir: string): MovedMarker | null {
  const path = movedMarkerPath(dataDir);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as MovedMarker;
}

/** Every write on a counter whose data has moved is refused with these words. */
export const dataMovedAway = (m: MovedMarker) =>
  appError(
    'COUNTER_DATA_MOVED',
    `Dữ liệu của quầy này đã được chuyển lên máy chủ bưu cục ${m.server.host}/${m.server.database} lúc ${formatDateTime(m.movedAt)}. Quầy không ghi thêm vào bản cũ; quản trị đặt quầy dùng máy chủ bưu cục rồi mở lại ứng dụng.`,
    `This counter's data was moved to the office server ${m.server.host}/${m.server.database} at ${formatDateTime(m.movedAt)}. Nothing more is written into the old copy; the administrator sets the counter to use the office server and restarts the app.`,
    { status: 'CONFLICT' },
  );
