import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkPassphrase, derive, KDF, KdfSchema } from '../backup/backup-key.js';
import { appError } from '../errors.js';

/**
 * The audit key sealed with an administrator's passphrase (decision 0055), so a key the OS
 * secret store holds can still reach another counter of the office, survive the loss of the
 * OS profile, and open `npm run audit-check`. The same scrypt cost as a backup's key; the header
 * (office, time, fingerprint) is the cipher's additional data, so none of it can be changed.
 */
export const KEY_EXPORT_FORMAT = 'bcci-audit-key-1';
export const KEY_EXPORT_EXTENSION = '.bcciauditkey';

const HeaderSchema = z.object({
  format: z.literal(KEY_EXPORT_FORMAT),
  office: z.string().max(200),
  exportedAt: z.string().max(40),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
});
const FileSchema = HeaderSchema.extend({ kdf: KdfSchema, nonce: z.base64(), sealed: z.base64() });

/** Names a key in the trail and on screen without giving it away. */
export const keyFingerprint = (key: Buffer): string => createHmac('sha256', key).update('bcci-audit-key-fingerprint').digest('hex').slice(0, 16);

const aad = (h: z.infer<typeof HeaderSchema>) => Buffer.from(JSON.stringify([h.format, h.office, h.exportedAt, h.fingerprint]), 'utf8');

export async function sealAuditKey(key: Buffer, passphrase: string, about: { office: string; at: Date }): Promise<Buffer> {
  checkPassphrase(passphrase);
  const header = { format: KEY_EXPORT_FORMAT, office: about.office, exportedAt: about.at.toISOString(), fingerprint: keyFingerprint(key) } as const;
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, KDF), nonce).setAAD(aad(header));
  const sealed = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  const file = { ...header, kdf: { name: 'scrypt' as const, ...KDF, salt: salt.toString('base64') }, nonce: nonce.toString('base64'), sealed: sealed.toString('base64') };
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

const notAKeyFile = () =>
  appError(
    'AUDIT_KEY_FILE_INVALID',
    `Tệp này không phải tệp khoá nhật ký kiểm tra do ứng dụng xuất ra (đuôi ${KEY_EXPORT_EXTENSION}), hoặc đã bị hỏng.`,
    `This is not an audit key file exported by the app (${KEY_EXPORT_EXTENSION}), or it is damaged.`,
    { field: 'file' },
  );

const wrongPassphrase = () =>
  appError(
    'AUDIT_KEY_WRONG_PASSPHRASE',
    'Mật khẩu của tệp khoá không đúng (hoặc tệp đã bị sửa). Nhập mật khẩu đã đặt khi xuất khoá.',
    'The key file’s passphrase is wrong (or the file was altered). Enter the passphrase set when the key was exported.',
    { field: 'passphrase' },
  );

/** The key inside an exported file; a wrong passphrase or an edited file is refused in words. */
export async function openAuditKey(bytes: Buffer, passphrase: string): Promise<{ key: Buffer; office: string; exportedAt: string }> {
  let file: z.infer<typeof FileSchema>;
  try {
    file = FileSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw notAKeyFile();
  }
  const sealed = Buffer.from(file.sealed, 'base64');
  if (sealed.length !== 32 + 16) throw notAKeyFile();
  const secret = await derive(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
  let key: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(file.nonce, 'base64')).setAAD(aad(file));
    decipher.setAuthTag(sealed.subarray(-16));
    key = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
  } catch {
    throw wrongPassphrase();
  }
  return { key, office: file.office, exportedAt: file.exportedAt };
}
