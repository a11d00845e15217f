import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
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

const MovedMarkerSchema = z.object({
  movedAt: z.string().refine((at) => !Number.isNaN(Date.parse(at))),
  server: z.object({ host: z.string().min(1), port: z.number().int(), database: z.string().min(1) }),
  rows: z.number().int(),
  auditEntry: z.number().int(),
});
export type MovedMarker = z.infer<typeof MovedMarkerSchema>;

export const movedMarkerPath = (dataDir: string) => join(dataDir, MOVED_MARKER_FILE);

/** Written whole or not at all: a half-written marker would read as no marker. */
export function writeMovedMarker(dataDir: string, marker: MovedMarker): string {
  const path = movedMarkerPath(dataDir);
  writeFileSync(`${path}.tmp`, JSON.stringify(marker, null, 2));
  renameSync(`${path}.tmp`, path);
  return path;
}

/**
 * The marker, or null when there is none. One that cannot be read (cut short, emptied, overwritten)
 * still says the data may be elsewhere: it is refused in words, never taken for "not moved", so
 * the counter does not write again into a copy the office may no longer read.
 */
export function readMovedMarker(dataDir: string): MovedMarker | null {
  const path = movedMarkerPath(dataDir);
  if (!existsSync(path)) return null;
  try {
    return MovedMarkerSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw markerUnreadable(path);
  }
}

const markerUnreadable = (path: string) =>
  appError(
    'MOVED_MARKER_UNREADABLE',
    `Không đọc được tệp ${path}: tệp này ghi rằng dữ liệu của quầy đã được chuyển lên máy chủ bưu cục, nhưng đã bị hỏng nên không biết chuyển đi đâu. Ứng dụng không mở tệp dữ liệu của quầy và không thay đổi gì. Quản trị viên xem trên máy chủ bưu cục (Nhật ký kiểm tra, mục "Chuyển quầy sang máy chủ dữ liệu bưu cục"): nếu dữ liệu đã chuyển, đặt quầy dùng máy chủ đó (officeServer trong settings.json) rồi mở lại ứng dụng; nếu chưa từng chuyển, xoá tệp này rồi mở lại.`,
    `Cannot read ${path}: this file says the counter's data were moved to the office server, but it is damaged, so where they went is not known. The app does not open the counter's data file and changes nothing. The administrator looks on the office server (audit trail, entry "Moved the counter to the office data server"): if the data moved, set the counter to use that server (officeServer in settings.json) and restart the app; if they never moved, delete this file and restart.`,
    { status: 'CONFLICT' },
  );

/** Every write on a counter whose data has moved is refused with these words. */
export const dataMovedAway = (m: MovedMarker) =>
  appError(
    'COUNTER_DATA_MOVED',
    `Dữ liệu của quầy này đã được chuyển lên máy chủ bưu cục ${m.server.host}/${m.server.database} lúc ${formatDateTime(m.movedAt)}. Quầy không ghi thêm vào bản cũ; quản trị đặt quầy dùng máy chủ bưu cục rồi mở lại ứng dụng.`,
    `This counter's data was moved to the office server ${m.server.host}/${m.server.database} at ${formatDateTime(m.movedAt)}. Nothing more is written into the old copy; the administrator sets the counter to use the office server and restarts the app.`,
    { status: 'CONFLICT' },
  );
