import type { OfficeServerSetting } from '../../../shared/contract/office-server.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { appError } from '../errors.js';
import type { MovedMarker } from './moved-marker.js';

/**
 * A counter started on its moved file, not yet switched to the office server (decision 0064).
 * The file takes no writes, so a citizen lookup could be recorded nowhere a supervisor's
 * "Kiểm tra" reads: it is refused, in words that say the way on. That way on stays open: the
 * Settings section of the office server saved alone, and the server's password kept for the next
 * start. Both touch only this counter's own folder, never the moved file.
 */
export function opensTheSwitch(call: string, input: unknown): boolean {
  if (call === 'office.savePassword') return true;
  if (call !== 'settings.update' || typeof input !== 'object' || input === null) return false;
  const sections = Object.keys(input);
  return sections.length === 1 && sections[0] === 'officeServer';
}

export const lookupWaitsForSwitch = (m: MovedMarker) =>
  appError(
    'LOOKUP_NEEDS_OFFICE_SERVER',
    `Chưa tra cứu được: dữ liệu của quầy đã chuyển lên máy chủ bưu cục ${m.server.host}/${m.server.database} lúc ${formatDateTime(m.movedAt)}, mà quầy vẫn đang dùng tệp cũ, nơi không ghi được nhật ký tra cứu. Quản trị viên bật Cài đặt → Máy chủ dữ liệu bưu cục rồi mở lại ứng dụng.`,
    `Lookup not possible yet: this counter's data moved to the office server ${m.server.host}/${m.server.database} at ${formatDateTime(m.movedAt)}, but the counter still uses its old file, where no lookup can be recorded. The administrator turns on Settings → Office data server and restarts the app.`,
    { status: 'CONFLICT' },
  );

/**
 * The switch turns on only the server the data moved to. Another database (a typo: bcci_hn1 for
 * bcci_hn01) would be empty: the next start would migrate it and number the register and the
 * items again from 1, duplicates of numbers already printed. Saving it switched off is harmless.
 */
export function refuseOtherServer(m: MovedMarker, s: OfficeServerSetting): void {
  const same = s.host.toLowerCase() === m.server.host.toLowerCase() && s.port === m.server.port && s.database === m.server.database;
  if (!s.enabled || same) return;
  const [there, given] = [`${m.server.host}:${m.server.port}/${m.server.database}`, `${s.host}:${s.port}/${s.database}`];
  throw appError(
    'OFFICE_SERVER_NOT_MOVED_TO',
    `Không lưu: dữ liệu của quầy đã chuyển lên máy chủ bưu cục ${there}, không phải ${given}. Dùng đúng máy chủ, cổng và tên cơ sở dữ liệu đó; một cơ sở dữ liệu khác sẽ cấp lại số sổ và số hiệu bưu gửi từ 1.`,
    `Not saved: this counter's data moved to the office server ${there}, not ${given}. Use that server, port and database name; another database would hand out register and item numbers again from 1.`,
    { field: 'officeServer', status: 'CONFLICT' },
  );
}
