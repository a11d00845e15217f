import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AGENCY_TOKENS_FILE } from '../agencies/token-file.js';
import { AUDIT_KEY_RESTORED_FILE, AUDIT_KEY_SEALED_FILE } from '../audit/key-file.js';
import { OFFICE_PASSWORD_SEALED_FILE } from '../db/postgres/office-password.js';
import { pendingDir } from '../backup/restore-pending.js';
import { DATA_KEY_SEAL } from './data-key-seal.js';

/** The command an administrator runs when the counter's data key is lost for good (decision 0065). */
export const RECOVER_COMMAND = 'npm run recover-audit-key';

/**
 * The files the data key sealed that a start reads (decision 0050), as paths relative to the data
 * folder. With that key gone none of them opens again, and a new data key must not be made over
 * them: the core would refuse them, or worse, make a new audit key beside the trail.
 */
export function sealedByDataKey(dataDir: string): string[] {
  const files = [AUDIT_KEY_SEALED_FILE, AUDIT_KEY_RESTORED_FILE, OFFICE_PASSWORD_SEALED_FILE, join(basename(pendingDir(dataDir)), AUDIT_KEY_SEALED_FILE)];
  const found = files.filter((f) => existsSync(join(dataDir, f)));
  if (tokensSealed(join(dataDir, AGENCY_TOKENS_FILE))) found.push(AGENCY_TOKENS_FILE);
  return found;
}

function tokensSealed(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { seal?: unknown }).seal === DATA_KEY_SEAL;
  } catch {
    return false;
  }
}

/**
 * Moves the given files (relative to the data folder) into one folder `lost-data-key-<stamp>`,
 * never deleting them: if the data key turns up again, they open with it. Returns that folder.
 */
export function setAside(dataDir: string, files: string[], stamp: string): string {
  const aside = join(dataDir, `lost-data-key-${stamp}`);
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  for (const f of files) renameSync(join(dataDir, f), join(aside, f.replaceAll('/', '.').replaceAll('\\', '.')));
  return aside;
}

/** What the start says to do (decision 0065): the words of the data key's refusal end with it. */
export function recoverySteps(dataDir: string, flag = ''): { vi: string; en: string } {
  const command = `${RECOVER_COMMAND} -- "${dataDir}" --key-file <tệp .bcciauditkey>${flag}`;
  const commandEn = `${RECOVER_COMMAND} -- "${dataDir}" --key-file <.bcciauditkey file>${flag}`;
  return {
    vi: `Nếu khoá đã mất hẳn, các bí mật niêm phong bằng nó không ai mở được nữa. Quản trị viên xuất khoá nhật ký kiểm tra của bưu cục từ một quầy khác (Cài đặt → "Khoá nhật ký kiểm tra"), hoặc dùng tệp đã xuất trước đây từ quầy này, rồi chạy: ${command}. Lệnh kiểm tra khoá với nhật ký, cất riêng các tệp không mở được nữa và đặt khoá vào; lần mở sau ứng dụng tạo khoá dữ liệu mới và niêm phong khoá nhật ký bằng nó. Sau đó nhập lại mã truy cập của cơ quan nhận và mật khẩu máy chủ bưu cục (nếu có). Ứng dụng không tự tạo khoá mới: nhật ký sẽ bị coi là bị sửa.`,
    en: `If the key is lost for good, the secrets it sealed can no longer be opened by anyone. An administrator exports the office's audit key from another counter (Settings → "Audit key"), or uses a file exported earlier from this counter, and runs: ${commandEn}. It checks the key against the trail, sets the files that no longer open aside and puts the key in; at the next start the app makes a new data key and seals the audit key with it. Then enter the agencies' tokens and the office server's password (if any) again. The app makes no new key by itself: the trail would read as altered.`,
  };
}
