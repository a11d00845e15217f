import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Msg } from '../../../shared/i18n/msg.js';
import { appError } from '../errors.js';
import type { SecretSeal } from '../agencies/token-file.js';

/**
 * Seals secrets with the data key Electron main keeps sealed by the operating system's secret
 * store (decision 0050): AES-256-GCM, a fresh nonce each time, the tag last. The kind names the
 * seal in every file, so a file sealed this way is never read as clear text.
 */
export const DATA_KEY_SEAL = 'os-data-key-v1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that does not open: the key is another machine's, another user's, or lost. */
export const sealDoesNotOpen = (what: Msg) =>
  appError(
    'SECRET_SEAL_WRONG_KEY',
    `Không mở được ${what.vi}: khoá dữ liệu trong kho bí mật của hệ điều hành không phải khoá đã niêm phong nó (thư mục dữ liệu được chép từ máy hoặc tài khoản khác, hoặc tệp data-key.sealed đã bị thay). Tệp vẫn được giữ nguyên. Mở ứng dụng bằng tài khoản và trên máy đã dùng trước đây.`,
    `${what.en} cannot be opened: the data key in the operating system's secret store is not the key that sealed it (the data folder was copied from another computer or account, or data-key.sealed was replaced). The file is kept as it is. Open the app as the account and on the computer used before.`,
  );

export function dataKeySeal(key: Buffer, what: Msg = { vi: 'bí mật đã niêm phong', en: 'A sealed secret' }): SecretSeal {
  if (key.length !== KEY_BYTES) throw new Error(`the data key must be ${KEY_BYTES} bytes`);
  return {
    kind: DATA_KEY_SEAL,
    seal(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      if (raw.length < NONCE_BYTES + TAG_BYTES) throw sealDoesNotOpen(what);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw sealDoesNotOpen(what);
      }
    },
  };
}
