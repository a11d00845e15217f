import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appError } from '../../errors.js';

/**
 * Where a counter finds the office server's password (decision 0032). Never in the settings
 * file: every clerk may read that, and it is stored in clear.
 */
export const OFFICE_PASSWORD_ENV = 'BCCI_OFFICE_PASSWORD';
export const OFFICE_PASSWORD_FILE = 'office-server.secret';

export interface OfficePasswordSources {
  /** the environment the counter was started with */
  env: Record<string, string | undefined>;
  /** the seam for the host's own secret store (Electron's safeStorage) */
  secretStore?: OfficePasswordStore;
}

/** The host's secret store for the password: `read` is null when it holds none. */
export interface OfficePasswordStore {
  read(): string | null;
  save(password: string): void;
}

/** Where the host's secret store keeps the password sealed with its data key (decision 0050). */
export const OFFICE_PASSWORD_SEALED_FILE = 'office-server.sealed';

export const officePasswordPath = (dataDir: string): string => join(dataDir, OFFICE_PASSWORD_FILE);

/** Only the user may read it: a file the group or others could read is refused, not used. */
const othersMayRead = (mode: number): boolean => process.platform !== 'win32' && (mode & 0o077) !== 0;

/**
 * The password, from the environment, else the host's secret store, else the 0600 file in the
 * data folder. Missing, or in a file others may read, is refused in words saying what to do.
 */
export function readOfficePassword(dataDir: string, sources: OfficePasswordSources): string {
  const fromEnv = sources.env[OFFICE_PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  const stored = sources.secretStore?.read();
  if (stored) return stored;
  const path = officePasswordPath(dataDir);
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    if (!sources.secretStore && existsSync(join(dataDir, OFFICE_PASSWORD_SEALED_FILE))) {
      throw appError(
        'OFFICE_PASSWORD_SEALED',
        `Mật khẩu máy chủ dữ liệu bưu cục được niêm phong bằng kho bí mật của hệ điều hành, nhưng lần chạy này không có khoá của kho (chế độ trình duyệt, hoặc kho bí mật chưa mở). Mở ứng dụng (không phải chế độ trình duyệt) bằng tài khoản đã dùng trước đây, hoặc đặt biến môi trường ${OFFICE_PASSWORD_ENV}.`,
        `The office data server's password is sealed with the operating system's secret store, but this run has no key for it (browser mode, or the secret store is not open). Open the app (not browser mode) as the account used before, or set the ${OFFICE_PASSWORD_ENV} environment variable.`,
      );
    }
    throw appError(
      'OFFICE_PASSWORD_MISSING',
      // No one can sign in without the server (the accounts are there), so Settings is out of reach: the words name what works.
      `Quầy được đặt dùng máy chủ dữ liệu bưu cục nhưng chưa có mật khẩu của máy chủ, nên chưa ai đăng nhập được. Ghi riêng mật khẩu vào tệp ${path} (chỉ tài khoản chạy ứng dụng đọc được: chmod 600 ${path}) hoặc đặt biến môi trường ${OFFICE_PASSWORD_ENV}, rồi mở lại ứng dụng.`,
      `This counter is set to use the office data server but has no password for it, so no one can sign in. Write the password alone into ${path} (readable by the app's account only: chmod 600 ${path}) or set the ${OFFICE_PASSWORD_ENV} environment variable, then start the app again.`,
    );
  }
  if (othersMayRead(mode)) {
    throw appError(
      'OFFICE_PASSWORD_EXPOSED',
      `Tệp mật khẩu máy chủ ${path} đang cho người dùng khác trên máy này đọc được, nên không được dùng. Cho riêng tài khoản chạy ứng dụng đọc nó (chmod 600 ${path}) rồi mở lại ứng dụng.`,
      `The server password file ${path} can be read by other users of this computer, so it is not used. Make it readable by the app's own account only (chmod 600 ${path}) and start the app again.`,
    );
  }
  // The file holds the password alone; an editor's final line break is not part of it.
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/**
 * Keeps the password in the 0600 file, written beside it and renamed over it, so a crash never
 * leaves half a password and the file is never readable by others, not even for a moment.
 */
export function saveOfficePassword(dataDir: string, password: string): void {
  const path = officePasswordPath(dataDir);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const fd = openSync(partial, 'wx', 0o600);
  try {
    writeSync(fd, password);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}
