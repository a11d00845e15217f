import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compactDateTime } from '../../../shared/format/vn-time.js';
import { sealTokenFile, type SecretSeal } from '../agencies/token-file.js';
import { AUDIT_KEY_SEALED_FILE, type AuditKeyStore } from '../audit/key-file.js';
import { OFFICE_PASSWORD_SEALED_FILE, officePasswordPath, readOfficePassword, type OfficePasswordStore } from '../db/postgres/office-password.js';
import { dataKeySeal } from './data-key-seal.js';
import { SealedFile } from './sealed-file.js';

/** The core's secret seams, all over one data key (decision 0050). */
export interface SealedSecrets {
  secretSeal: SecretSeal;
  auditKeyStore: AuditKeyStore;
  officePassword: OfficePasswordStore;
}

/**
 * Builds the seams over the data key Electron main opened with safeStorage, and seals what an
 * earlier start left in clear: the agency tokens in place, the office password into its sealed
 * file (the clear one removed). The audit key moves when the core loads it (key-file.ts).
 */
export function sealedSecrets(dataDir: string, dataKey: Buffer, now: Date = new Date()): SealedSecrets {
  const seal = (vi: string, en: string) => dataKeySeal(dataKey, { vi, en });
  const auditSeal = seal('khoá nhật ký kiểm tra', 'The audit key');
  const auditKey = new SealedFile(join(dataDir, AUDIT_KEY_SEALED_FILE), auditSeal);
  const password = new SealedFile(join(dataDir, OFFICE_PASSWORD_SEALED_FILE), seal('mật khẩu máy chủ dữ liệu bưu cục', "The office data server's password"));
  const secretSeal = seal('mã truy cập của máy chủ cơ quan nhận', "An agency server's token");

  sealTokenFile(dataDir, secretSeal);
  const clearPassword = officePasswordPath(dataDir);
  if (existsSync(clearPassword)) {
    // The clear file is the newer word (typed in by hand after a sealed one was saved), so it wins.
    // Its own checks (0600) still apply, through the one reader of that file.
    password.write(readOfficePassword(dataDir, { env: {} }));
    rmSync(clearPassword);
  }

  return {
    secretSeal,
    auditKeyStore: {
      read: () => auditKey.read(),
      save(hex) {
        // A key replaced (a restore brought the backup's) still signs the database kept aside: keep it too.
        const held = existsSync(auditKey.path) ? auditKey.read() : null;
        if (held !== null && held !== hex) renameSync(auditKey.path, join(dataDir, `audit.replaced-${compactDateTime(now)}.key.sealed`));
        auditKey.write(hex);
      },
      sealedAt: (path) => new SealedFile(path, auditSeal),
    },
    officePassword: { read: () => password.read(), save: (text) => password.write(text) },
  };
}
