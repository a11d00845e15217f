import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppErrorData } from '../../shared/contract/errors.js';

/** The part of Electron's `safeStorage` used here; tests pass one with real encryption. */
export interface OsSecretStore {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** The data key, sealed by the OS secret store, in the data folder (decision 0050). */
export const DATA_KEY_FILE = 'data-key.sealed';

export type DataKeyOutcome =
  /** hex, for the core's start message */
  | { ok: true; dataKey: string }
  /** no OS secret store here: secrets stay in 0600 files, as without Electron */
  | { ok: true; dataKey: null }
  /** a sealed key that does not open: nothing is replaced, the app says why and stops */
  | { ok: false; problem: AppErrorData };

/**
 * Main's one use of safeStorage: opens the data key, or makes one on the first start with a
 * store. Only the sealed form is ever written; the clear key goes to the core in memory.
 */
export function openDataKey(dataDir: string, store: OsSecretStore): DataKeyOutcome {
  if (!store.isEncryptionAvailable()) return { ok: true, dataKey: null };
  const path = join(dataDir, DATA_KEY_FILE);
  let sealed: Buffer;
  try {
    sealed = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, problem: unopened(path, error) };
    // The first start with a store. Main holds the single-instance lock, so no other start races this one.
    const dataKey = randomBytes(32).toString('hex');
    try {
      writeFileSync(path, store.encryptString(dataKey), { mode: 0o600, flag: 'wx' });
    } catch (failure) {
      return { ok: false, problem: unopened(path, failure) };
    }
    return { ok: true, dataKey };
  }
  const dataKey = opened(sealed, store);
  return dataKey ? { ok: true, dataKey } : { ok: false, problem: unopened(path) };
}

function opened(sealed: Buffer, store: OsSecretStore): string | null {
  try {
    const hex = store.decryptString(sealed);
    return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
  } catch {
    return null;
  }
}

const unopened = (path: string, cause?: unknown): AppErrorData => ({
  code: 'DATA_KEY_UNOPENED',
  vi: `Không mở được khoá dữ liệu ${path} bằng kho bí mật của hệ điều hành${cause ? ` (${String(cause)})` : ''}: có thể thư mục dữ liệu được chép từ máy hoặc tài khoản khác, hoặc kho bí mật (keyring) của tài khoản đã đổi. Không có gì bị thay đổi hay xoá. Mở ứng dụng bằng tài khoản và trên máy đã dùng trước đây; nếu vẫn lỗi, báo bộ phận kỹ thuật.`,
  en: `The data key ${path} cannot be opened with the operating system's secret store${cause ? ` (${String(cause)})` : ''}: the data folder may have been copied from another computer or account, or the account's secret store (keyring) changed. Nothing was changed or deleted. Open the app as the account and on the computer used before; if it still fails, call technical support.`,
});
