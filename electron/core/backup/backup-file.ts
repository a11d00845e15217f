import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { appError } from '../errors.js';
import { publicKeyOf, SealedKeySchema, unsealKey, type SealedKey } from './backup-key.js';

/**
 * One backup file (decision 0028):
 *
 *   "BCCIBAK1" | header length (u32 BE) | header (JSON, clear) | body (AES-256-GCM) | GCM tag (16)
 *
 * The header says what the file is without the passphrase: format, app and schema versions, when,
 * the KDF parameters and salt, the sealed key and the nonce. The body is gzip of the settings
 * (JSON), the audit key (from format 2, so the restored audit trail still verifies elsewhere;
 * decision 0031) and the database file, each section but the last after its u32 length. The
 * whole header is the body's additional authenticated data, so changing any byte of the file
 * makes opening it fail.
 */
const MAGIC = Buffer.from('BCCIBAK1', 'latin1');
export const FORMAT = 2;
const MAX_HEADER = 64 * 1024;
const CONTENT_INFO = Buffer.from('bcci-backup-content-v1');

const HeaderSchema = z.object({
  format: z.number().int(),
  app: z.string().max(40),
  /** the highest migration step the contained database has applied */
  schema: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  kind: z.enum(['manual', 'automatic']),
  key: SealedKeySchema,
  /** the sender's one-time X25519 public key (SPKI); with the recipient's private key it gives the content key */
  ephemeral: z.base64(),
  nonce: z.base64(),
});
export type BackupHeader = z.infer<typeof HeaderSchema>;

export interface BackupContent {
  settings: Record<string, unknown>;
  /** the audit chain's key; null in a format-1 backup, made before backups carried it */
  auditKey: Buffer | null;
  database: Buffer;
}

/** A section of the body: its u32 length, then its bytes. */
const section = (bytes: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

const contentKey = (privateKey: KeyObject, publicKey: KeyObject, nonce: Buffer) =>
  Buffer.from(hkdfSync('sha256', diffieHellman({ privateKey, publicKey }), nonce, CONTENT_INFO, 32));

export const damagedBackup = (detail: string) =>
  appError(
    'BACKUP_DAMAGED',
    `Tệp sao lưu bị hỏng hoặc đã bị sửa (${detail}); không khôi phục từ tệp này. Dữ liệu hiện tại không bị động đến. Hãy dùng một bản sao lưu khác.`,
    `The backup file is damaged or was altered (${detail}); nothing is restored from it. The current data is untouched. Use another backup.`,
  );

/** Packs and encrypts a backup to the key's public half; no passphrase needed here. */
export function sealBackup(content: BackupContent, meta: Pick<BackupHeader, 'app' | 'schema' | 'createdAt' | 'kind'>, key: SealedKey): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const nonce = randomBytes(12);
  const header: BackupHeader = {
    format: FORMAT,
    ...meta,
    key,
    ephemeral: ephemeral.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    nonce: nonce.toString('base64'),
  };
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerJson.length);
  const prefix = Buffer.concat([MAGIC, length, headerJson]);
  const plain = gzipSync(Buffer.concat([section(Buffer.from(JSON.stringify(content.settings), 'utf8')), section(content.auditKey ?? Buffer.alloc(0)), content.database]));
  const cipher = createCipheriv('aes-256-gcm', contentKey(ephemeral.privateKey, publicKeyOf(key), nonce), nonce).setAAD(prefix);
  return Buffer.concat([prefix, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** What the file says about itself, readable without the passphrase. */
export function readBackupHeader(file: Buffer): { header: BackupHeader; prefixLength: number } {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw appError(
      'BACKUP_NOT_A_BACKUP',
      'Tệp này không phải bản sao lưu của BCCI Counter (tệp .bccibak). Chọn đúng tệp đã sao lưu.',
      'This file is not a BCCI Counter backup (a .bccibak file). Choose the backup file.',
    );
  }
  const length = file.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (length > MAX_HEADER || start + length + 16 > file.length) throw damagedBackup('phần đầu tệp / file header');
  let json: unknown;
  try {
    json = JSON.parse(file.subarray(start, start + length).toString('utf8'));
  } catch {
    throw damagedBackup('phần đầu tệp / file header');
  }
  const format = (json as { format?: unknown })?.format;
  if (typeof format === 'number' && format > FORMAT) {
    throw appError(
      'BACKUP_NEWER_FORMAT',
      'Bản sao lưu này do một phiên bản ứng dụng mới hơn tạo ra. Cài phiên bản mới nhất rồi khôi phục.',
      'This backup was made by a newer version of the app. Install the latest version, then restore.',
    );
  }
  const parsed = HeaderSchema.safeParse(json);
  if (!parsed.success) throw damagedBackup('phần đầu tệp / file header');
  return { header: parsed.data, prefixLength: start + length };
}

/** Decrypts and unpacks a backup: a wrong passphrase and a changed byte are refused in words. */
export async function openBackup(file: Buffer, passphrase: string): Promise<BackupContent & { header: BackupHeader }> {
  const { header, prefixLength } = readBackupHeader(file);
  const privateKey = await unsealKey(header.key, passphrase);
  let plain: Buffer;
  try {
    const nonce = Buffer.from(header.nonce, 'base64');
    const ephemeral = createPublicKey({ key: Buffer.from(header.ephemeral, 'base64'), format: 'der', type: 'spki' });
    const decipher = createDecipheriv('aes-256-gcm', contentKey(privateKey, ephemeral, nonce), nonce).setAAD(file.subarray(0, prefixLength));
    decipher.setAuthTag(file.subarray(-16));
    plain = gunzipSync(Buffer.concat([decipher.update(file.subarray(prefixLength, -16)), decipher.final()]));
  } catch {
    throw damagedBackup('nội dung không khớp mã xác thực / content fails its authentication');
  }
  const settingsEnd = 4 + plain.readUInt32BE(0);
  const settings = JSON.parse(plain.subarray(4, settingsEnd).toString('utf8')) as Record<string, unknown>;
  if (header.format < 2) return { header, settings, auditKey: null, database: plain.subarray(settingsEnd) };
  const keyEnd = settingsEnd + 4 + plain.readUInt32BE(settingsEnd);
  const auditKey = plain.subarray(settingsEnd + 4, keyEnd);
  return { header, settings, auditKey: auditKey.length > 0 ? Buffer.from(auditKey) : null, database: plain.subarray(keyEnd) };
}
