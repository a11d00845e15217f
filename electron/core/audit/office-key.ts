import type { Data } from '../db/data.js';
import { appError, type AppError } from '../errors.js';
import { macMatches, macOf } from './chain.js';

/**
 * On an office server every counter appends to one chain, so every counter must hold the same
 * audit key (decision 0044). A counter whose key does not verify the chain's latest entry would
 * write entries every check reports as altered: it refuses writes instead, saying why.
 */
export async function officeKeyRefusal(data: Data, key: Buffer, sealed: boolean): Promise<AppError | null> {
  const last = await data
    .selectFrom('audit_log')
    .select(['seq', 'prev_mac', 'mac', 'at', 'action', 'clerk_code', 'counter_code', 'detail'])
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last || macMatches(macOf(key, last.seq!, last.prev_mac!, last), last.mac!)) return null;
  const words = sealed ? SEALED_KEY_WORDS : FILE_KEY_WORDS;
  return appError(
    'AUDIT_KEY_NOT_THE_OFFICE_KEY',
    `Khoá nhật ký kiểm tra của quầy này (${words.vi.where}) khác với khoá của bưu cục: mục cuối của nhật ký trên máy chủ (số ${last.seq}, quầy ${last.counter_code}) không khớp. ${words.vi.fix}`,
    `This counter's audit key (${words.en.where}) is not the office's: the latest entry of the log on the server (entry ${last.seq}, counter ${last.counter_code}) does not verify with it. ${words.en.fix}`,
    { status: 'CONFLICT' },
  );
}

/**
 * Where this counter keeps its key decides the fix: a clear audit.key is replaced by another
 * counter's; a key sealed in the OS secret store has no clear file to copy or replace, so the
 * office's key is put in as audit.key and sealed at the next start (decision 0050).
 */
const FILE_KEY_WORDS = {
  vi: {
    where: 'tệp audit.key',
    fix: 'Quầy không ghi gì cho đến khi quản trị chép tệp audit.key của một quầy khác trong bưu cục vào thư mục dữ liệu của quầy này (chmod 600) rồi mở lại ứng dụng.',
  },
  en: {
    where: 'the audit.key file',
    fix: "The counter writes nothing until an administrator copies the audit.key file of another counter of the office into this counter's data folder (chmod 600) and starts the app again.",
  },
};
const SEALED_KEY_WORDS = {
  vi: {
    where: 'được niêm phong trong kho bí mật của hệ điều hành, tệp audit.key.sealed, không chép được',
    fix: 'Quầy không ghi gì cho đến khi quản trị đặt khoá của bưu cục vào thư mục dữ liệu của quầy này dưới tên audit.key (chmod 600; lấy tệp audit.key của một quầy giữ khoá trong tệp, không chép tệp audit.key.sealed) rồi mở lại ứng dụng: ứng dụng niêm phong khoá đó, xoá tệp rõ và giữ lại khoá cũ của quầy.',
  },
  en: {
    where: "sealed in the operating system's secret store as audit.key.sealed, which cannot be copied",
    fix: "The counter writes nothing until an administrator puts the office's key into this counter's data folder as audit.key (chmod 600; take the audit.key file of a counter that keeps its key in a file, never an audit.key.sealed file) and starts the app again: the app seals that key, removes the clear file and keeps this counter's old key aside.",
  },
};
