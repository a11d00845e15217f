import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { OsSecretStore } from '../../electron/hosting/data-key.js';

/**
 * Stands in for Electron's safeStorage: real AES-256-GCM under a key of its own, as the OS
 * keyring would hold it, so a second store (another account, another machine) cannot open it.
 */
export function testSafeStorage(available = true): OsSecretStore {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
