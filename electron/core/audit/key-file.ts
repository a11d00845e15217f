import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { appError } from '../errors.js';

/**
 * The audit key (decision 0031): 32 random bytes in a file only the user may read, beside the
 * database but never in it, so the backup (which copies only the database) never carries it.
 * Created once; an existing file is never replaced, since a new key would make every entry
 * already written look altered.
 */
export const AUDIT_KEY_FILE = 'audit.key';
const KEY_BYTES = 32;

export const auditKeyPath = (dataDir: string): string => join(dataDir, AUDIT_KEY_FILE);
/** Where the host's secret store keeps the key sealed with its data key (decision 0050). */
export const AUDIT_KEY_SEALED_FILE = 'audit.key.sealed';
/** A restored backup's key, sealed with the same data key, until the next start takes it in (decision 0055). */
export const AUDIT_KEY_RESTORED_FILE = 'audit.key.restored.sealed';

/** A key sealed with the store's seal in a file of its own. */
export interface SealedKeyFile {
  read(): string | null;
  write(hex: string): void;
}

/**
 * The host's secret store (Electron's safeStorage), as the office password has one: the key then
 * lives there rather than in a file any program run as the user can read.
 */
export interface AuditKeyStore {
  /** the key as hex, or null when the store holds none */
  read(): string | null;
  save(hex: string): void;
  /** a file at `path` sealed as the store seals: a key waiting to be taken in never lies in clear */
  sealedAt?(path: string): SealedKeyFile;
}

/**
 * Reads the key, creating it (mode 0600) when the folder has none yet. With a secret store, a
 * key file found in the folder (an upgrade, or a restore that put the backup's key there) moves
 * into the store and the file is removed; otherwise the store's key is used.
 */
export function loadOrCreateAuditKey(dataDir: string, store?: AuditKeyStore): Buffer {
  const restored = join(dataDir, AUDIT_KEY_RESTORED_FILE);
  if (existsSync(restored)) {
    if (!store?.sealedAt) throw sealedWithoutStore(dataDir);
    // A restore applied at this start: its key replaces the store's (which keeps the old one aside).
    const hex = store.sealedAt(restored).read()!;
    const key = parseKey(hex.trim(), restored);
    store.save(hex.trim());
    rmSync(restored);
    return key;
  }
  if (store) {
    const held = store.read();
    const fileThere = statSync(auditKeyPath(dataDir), { throwIfNoEntry: false }) !== undefined;
    if (held && !fileThere) return parseKey(held.trim(), 'secret store');
    if (!held && !fileThere) {
      // A first start: the key goes straight into the store, never into a clear file.
      const key = randomBytes(KEY_BYTES);
      store.save(key.toString('hex'));
      return key;
    }
  }
  const path = auditKeyPath(dataDir);
  // Without the store, a new key here would make every entry it sealed look altered.
  if (!store && existsSync(join(dataDir, AUDIT_KEY_SEALED_FILE)) && !existsSync(path)) throw sealedWithoutStore(dataDir);
  try {
    // 'wx' fails when the file exists: two starts racing cannot both write a key.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES).toString('hex'));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readAuditKey(dataDir);
  if (store) {
    store.save(key.toString('hex'));
    rmSync(path);
  }
  return key;
}

function parseKey(text: string, where: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw appError('AUDIT_KEY_MALFORMED', `Khoá nhật ký kiểm tra bị hỏng (${where}).`, `The audit key is malformed (${where}).`);
  }
  return Buffer.from(text, 'hex');
}

/** Reads an existing key; a missing or malformed file is refused in words. */
export function readAuditKey(dataDir: string): Buffer {
  const path = auditKeyPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw appError('AUDIT_KEY_MISSING', `Không tìm thấy khoá nhật ký kiểm tra (${path}).`, `The audit key file is missing (${path}).`);
  }
  // Whoever can read the key can forge entries: a file others may read is refused, not used (POSIX only).
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw appError(
      'AUDIT_KEY_EXPOSED',
      `Tệp khoá nhật ký kiểm tra ${path} đang cho người dùng khác trên máy này đọc được, nên không được dùng. Cho riêng tài khoản chạy ứng dụng đọc nó (chmod 600 ${path}) rồi mở lại ứng dụng.`,
      `The audit key file ${path} can be read by other users of this computer, so it is not used. Make it readable by the app's own account only (chmod 600 ${path}) and start the app again.`,
    );
  }
  return parseKey(text, path);
}

const sealedWithoutStore = (dataDir: string) =>
  appError(
    'AUDIT_KEY_SEALED',
    `Khoá nhật ký kiểm tra của quầy được niêm phong bằng kho bí mật của hệ điều hành (${join(dataDir, AUDIT_KEY_SEALED_FILE)}), nhưng lần chạy này không có khoá của kho (chế độ trình duyệt, hoặc kho bí mật chưa mở). Không tạo khoá mới, vì khoá mới làm mọi mục đã ghi trông như bị sửa. Mở ứng dụng (không phải chế độ trình duyệt) bằng tài khoản đã dùng trước đây.`,
    `This counter's audit key is sealed with the operating system's secret store (${join(dataDir, AUDIT_KEY_SEALED_FILE)}), but this run has no key for it (browser mode, or the secret store is not open). No new key is made, since a new key would make every entry already written look altered. Open the app (not browser mode) as the account used before.`,
  );
