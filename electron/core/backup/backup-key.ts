import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { appError } from '../errors.js';

/**
 * The key a backup is encrypted to (decision 0028). An X25519 key pair: the public half encrypts,
 * the private half is sealed with a key scrypt derives from the administrator's passphrase. The
 * sealed private key travels in every backup's header, so restoring needs only the passphrase,
 * while the automatic backup, which must run unattended, keeps only the public half and the
 * sealed private half: nothing on the machine opens a backup without the passphrase.
 */

/** scrypt cost: 128 MiB and about half a second per try on a counter PC, once per backup or restore. */
export const KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** The most a header may ask for (256 MiB): a hostile file cannot make a restore take the machine's memory. */
const MAX_KDF = { N: 2 ** 18, r: 8, p: 2 };
const SEAL_AAD = Buffer.from('bcci-backup-private-key-v1');

/** scrypt's parameters as a file carries them, bounded before anything is derived. */
export const KdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(2).max(MAX_KDF.N),
  r: z.number().int().min(1).max(MAX_KDF.r),
  p: z.number().int().min(1).max(MAX_KDF.p),
  salt: z.base64(),
});

export const SealedKeySchema = z.object({
  kdf: KdfSchema,
  nonce: z.base64(),
  /** the PKCS#8 private key under AES-256-GCM, tag last */
  sealed: z.base64(),
  /** the SPKI public key, in clear */
  publicKey: z.base64(),
});
export type SealedKey = z.infer<typeof SealedKeySchema>;

/** A passphrase an administrator can still type in a year: long enough to resist guessing offline. */
export const MIN_PASSPHRASE = 10;

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE) {
    throw appError(
      'BACKUP_PASSPHRASE_SHORT',
      `Mật khẩu sao lưu cần ít nhất ${MIN_PASSPHRASE} ký tự: bản sao lưu sẽ rời khỏi máy, ai có tệp cũng có thể thử đoán.`,
      `The backup passphrase needs at least ${MIN_PASSPHRASE} characters: backups leave the machine, and whoever has the file can try to guess it.`,
      { field: 'passphrase' },
    );
  }
}

export const derive = (passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** A new key pair, its private half sealed with the passphrase. */
export async function newSealedKey(passphrase: string): Promise<SealedKey> {
  checkPassphrase(passphrase);
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, KDF), nonce).setAAD(SEAL_AAD);
  const sealed = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final(), cipher.getAuthTag()]);
  return {
    kdf: { name: 'scrypt', ...KDF, salt: salt.toString('base64') },
    nonce: nonce.toString('base64'),
    sealed: sealed.toString('base64'),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

export const publicKeyOf = (key: SealedKey): KeyObject => createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });

export const wrongPassphrase = () =>
  appError(
    'BACKUP_WRONG_PASSPHRASE',
    'Mật khẩu sao lưu không đúng (hoặc phần đầu tệp đã bị sửa). Nhập đúng mật khẩu đã đặt khi sao lưu; không có mật khẩu thì không ai mở được tệp này.',
    'The backup passphrase is wrong (or the start of the file was altered). Enter the passphrase set when the backup was made; without it nobody can open this file.',
    { field: 'passphrase' },
  );

/** Opens the private key with the passphrase; a wrong one fails the GCM tag and is refused in words. */
export async function unsealKey(key: SealedKey, passphrase: string): Promise<KeyObject> {
  const sealed = Buffer.from(key.sealed, 'base64');
  if (sealed.length < 17) throw wrongPassphrase();
  const secret = await derive(passphrase, Buffer.from(key.kdf.salt, 'base64'), key.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(key.nonce, 'base64')).setAAD(SEAL_AAD);
    decipher.setAuthTag(sealed.subarray(-16));
    const der = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw wrongPassphrase();
  }
}
