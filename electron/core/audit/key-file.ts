import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
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

/** Reads the key, creating it (mode 0600) when the folder has none yet. */
export function loadOrCreateAuditKey(dataDir: string): Buffer {
  const path = auditKeyPath(dataDir);
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
  return readAuditKey(dataDir);
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
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw appError('AUDIT_KEY_MALFORMED', `Tệp khoá nhật ký kiểm tra bị hỏng (${path}).`, `The audit key file is malformed (${path}).`);
  }
  // A key file copied in with looser rights is tightened rather than refused (POSIX only).
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return Buffer.from(text, 'hex');
}
