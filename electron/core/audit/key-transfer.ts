import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { compactDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { Data } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';
import { appError } from '../errors.js';
import { AuditRepository } from '../system/audit-repository.js';
import type { Actor } from '../system/actor.js';
import { KEY_EXPORT_EXTENSION, keyFingerprint, openAuditKey, sealAuditKey } from './key-export.js';
import { KeyImportLimit } from './key-import-limit.js';
import { auditKeyPath, type AuditKeyStore } from './key-file.js';
import { officeKeyRefusal } from './office-key.js';

/**
 * The administrator carries the audit key from counter to counter as a passphrase-sealed file
 * (decision 0055): exported from a counter that holds it (audited), taken in by one whose key is
 * not the office's. The key never reaches the page or a clear file of a counter with a secret store.
 */
export class AuditKeyTransfer {
  constructor(
    private readonly deps: {
      data: Data;
      sql: EngineSql;
      key: Buffer;
      dataDir: string;
      store?: AuditKeyStore;
      audit: AuditRepository;
      officeCode: () => string;
      /** who a key taken in is recorded as: nobody can sign in on a counter whose key is refused */
      systemActor: () => Actor;
      /** while this counter's key is refused nothing can be recorded: a failed try then goes unrecorded */
      keyRefused: () => boolean;
      now: () => Date;
    },
  ) {}

  private readonly limit = new KeyImportLimit(() => this.deps.now());

  async exportKey(passphrase: string, actor: Actor): Promise<{ fileName: string; contentBase64: string; fingerprint: string }> {
    const at = this.deps.now();
    const office = this.deps.officeCode();
    const bytes = await sealAuditKey(this.deps.key, passphrase, { office, at });
    const fingerprint = keyFingerprint(this.deps.key);
    await this.deps.audit.record(at, 'audit.keyExported', actor, { fingerprint });
    return { fileName: `khoa-nhat-ky-${office}-${compactDateTime(at)}${KEY_EXPORT_EXTENSION}`, contentBase64: bytes.toString('base64'), fingerprint };
  }

  /**
   * Only the key the chain was written with comes in: it must verify the chain's latest entry.
   * It is kept where this counter keeps its key (the store, or the 0600 file), the old one set
   * aside, and the core takes it at the next start.
   */
  async importKey(contentBase64: string, passphrase: string): Promise<{ fingerprint: string; restartNeeded: boolean; message: Msg }> {
    return this.limit.attempt(
      () => this.takeIn(contentBase64, passphrase),
      async (failed) => {
        if (!this.deps.keyRefused()) await this.deps.audit.record(this.deps.now(), 'audit.keyImportFailed', this.deps.systemActor(), failed);
      },
    );
  }

  private async takeIn(contentBase64: string, passphrase: string): Promise<{ fingerprint: string; restartNeeded: boolean; message: Msg }> {
    const { key, office } = await openAuditKey(Buffer.from(contentBase64, 'base64'), passphrase);
    const fingerprint = keyFingerprint(key);
    if (key.equals(this.deps.key)) {
      return { fingerprint, restartNeeded: false, message: msg(`Quầy này đã dùng đúng khoá này (dấu ${fingerprint}); không thay đổi gì.`, `This counter already uses this key (fingerprint ${fingerprint}); nothing changed.`) };
    }
    if (await officeKeyRefusal(this.deps.data, key, false)) throw notThisChainsKey(fingerprint, office);
    const at = this.deps.now();
    if (this.deps.store) this.deps.store.save(key.toString('hex'));
    else replaceKeyFile(this.deps.dataDir, key, at);
    // Recorded under the key taken in: the chain goes on with it, so the entry verifies everywhere.
    await new AuditRepository(this.deps.data, key, this.deps.sql).record(at, 'audit.keyImported', this.deps.systemActor(), { fingerprint, office });
    return {
      fingerprint,
      restartNeeded: true,
      message: msg(
        `Đã nhận khoá nhật ký kiểm tra của bưu cục ${office} (dấu ${fingerprint}); khoá cũ của quầy được giữ riêng. Mở lại ứng dụng để dùng khoá này.`,
        `The audit key of office ${office} was taken in (fingerprint ${fingerprint}); the counter's old key is kept aside. Start the app again to use it.`,
      ),
    };
  }
}

/** Without a secret store the key lives in the 0600 file: the old one is renamed aside, never overwritten. */
export function replaceKeyFile(dataDir: string, key: Buffer, at: Date): void {
  const path = auditKeyPath(dataDir);
  if (existsSync(path)) renameSync(path, join(dataDir, `audit.replaced-${compactDateTime(at)}.key`));
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, key.toString('hex'));
  } finally {
    closeSync(fd);
  }
}

export const notThisChainsKey = (fingerprint: string, office: string) =>
  appError(
    'AUDIT_KEY_NOT_THIS_CHAIN',
    `Khoá trong tệp (bưu cục ${office}, dấu ${fingerprint}) không phải khoá đã ký nhật ký kiểm tra mà quầy này ghi vào: mục cuối của nhật ký không khớp. Không thay đổi gì. Xuất khoá từ một quầy đang ghi được vào nhật ký của bưu cục này.`,
    `The key in the file (office ${office}, fingerprint ${fingerprint}) is not the key that signed the audit trail this counter writes to: the latest entry does not verify with it. Nothing changed. Export the key from a counter that can write to this office's trail.`,
    { field: 'file' },
  );
