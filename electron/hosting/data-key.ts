import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppErrorData } from '../../shared/contract/errors.js';
import { recoverySteps, sealedByDataKey } from '../core/secrets/lost-data-key.js';

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
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, problem: unopened(dataDir, error) };
    // Files sealed with a key that is gone: a new key would not open them (decision 0065).
    const orphans = sealedByDataKey(dataDir);
    if (orphans.length) return { ok: false, problem: lost(dataDir, orphans) };
    // The first start with a store. Main holds the single-instance lock, so no other start races this one.
    const dataKey = randomBytes(32).toString('hex');
    try {
      writeFileSync(path, store.encryptString(dataKey), { mode: 0o600, flag: 'wx' });
    } catch (failure) {
      return { ok: false, problem: unopened(dataDir, failure) };
    }
    return { ok: true, dataKey };
  }
  const dataKey = opened(sealed, store);
  return dataKey ? { ok: true, dataKey } : { ok: false, problem: unopened(dataDir) };
}

function opened(sealed: Buffer, store: OsSecretStore): string | null {
  try {
    const hex = store.decryptString(sealed);
    return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
  } catch {
    return null;
  }
}

const unopened = (dataDir: string, cause?: unknown): AppErrorData => {
  const path = join(dataDir, DATA_KEY_FILE);
  const steps = recoverySteps(dataDir, ' --set-aside-data-key');
  return {
    code: 'DATA_KEY_UNOPENED',
    vi: `Không mở được khoá dữ liệu ${path} bằng kho bí mật của hệ điều hành${cause ? ` (${String(cause)})` : ''}: có thể thư mục dữ liệu được chép từ máy hoặc tài khoản khác, tệp bị hỏng, hoặc kho bí mật (keyring) của tài khoản đã đổi. Không có gì bị thay đổi hay xoá. Trước hết mở ứng dụng bằng tài khoản và trên máy đã dùng trước đây. ${steps.vi}`,
    en: `The data key ${path} cannot be opened with the operating system's secret store${cause ? ` (${String(cause)})` : ''}: the data folder may have been copied from another computer or account, the file may be damaged, or the account's secret store (keyring) changed. Nothing was changed or deleted. First open the app as the account and on the computer used before. ${steps.en}`,
  };
};

const lost = (dataDir: string, files: string[]): AppErrorData => {
  const steps = recoverySteps(dataDir);
  return {
    code: 'DATA_KEY_LOST',
    vi: `Khoá dữ liệu ${join(dataDir, DATA_KEY_FILE)} không còn, nhưng các tệp đã niêm phong bằng nó vẫn còn (${files.join(', ')}): không mở được chúng, nên ứng dụng không khởi động. Không có gì bị thay đổi hay xoá. Nếu tệp ${DATA_KEY_FILE} bị chuyển đi, đặt lại nó vào thư mục dữ liệu rồi mở lại ứng dụng. ${steps.vi}`,
    en: `The data key ${join(dataDir, DATA_KEY_FILE)} is gone, but the files sealed with it are still there (${files.join(', ')}): they cannot be opened, so the app does not start. Nothing was changed or deleted. If ${DATA_KEY_FILE} was moved, put it back in the data folder and start the app again. ${steps.en}`,
  };
};
