import type { Data } from '../db/data.js';
import { appError, type AppError } from '../errors.js';
import { macMatches, macOf } from './chain.js';

/**
 * On an office server every counter appends to one chain, so every counter must hold the same
 * audit key (decision 0044). A counter whose key does not verify the chain's latest entry would
 * write entries every check reports as altered: it refuses writes instead, saying why.
 */
export async function officeKeyRefusal(data: Data, key: Buffer): Promise<AppError | null> {
  const last = await data
    .selectFrom('audit_log')
    .select(['seq', 'prev_mac', 'mac', 'at', 'action', 'clerk_code', 'counter_code', 'detail'])
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last || macMatches(macOf(key, last.seq!, last.prev_mac!, last), last.mac!)) return null;
  return appError(
    'AUDIT_KEY_NOT_THE_OFFICE_KEY',
    `Khoá nhật ký kiểm tra của quầy này (tệp audit.key) khác với khoá của bưu cục: mục cuối của nhật ký trên máy chủ (số ${last.seq}, quầy ${last.counter_code}) không khớp. Quầy không ghi gì cho đến khi quản trị chép tệp audit.key của một quầy khác trong bưu cục vào thư mục dữ liệu của quầy này (chmod 600) rồi mở lại ứng dụng.`,
    `This counter's audit key (the audit.key file) is not the office's: the latest entry of the log on the server (entry ${last.seq}, counter ${last.counter_code}) does not verify with it. The counter writes nothing until an administrator copies the audit.key file of another counter of the office into this counter's data folder (chmod 600) and starts the app again.`,
    { status: 'CONFLICT' },
  );
}
