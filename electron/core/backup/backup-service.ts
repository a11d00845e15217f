import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AutomaticBackup, BackupFile, BackupStatus, RestorePreview } from '../../../shared/contract/backup.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { KeyValueStore } from '../config/settings-service.js';
import type { Db } from '../db/open.js';
import { appError, toAppError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import { openBackup, sealBackup } from './backup-file.js';
import { newSealedKey, type SealedKey } from './backup-key.js';
import { checkRestorable, stageForNextStart } from './restore.js';
import type { AuditKeyStore } from '../audit/key-file.js';
import { restorePending } from './restore-pending.js';
import { backupFileName, isDue, readBackupFileName, readSchedule, writeSchedule } from './schedule.js';
import { schemaVersionOf, snapshotDatabase, type BackupPace } from './snapshot.js';

/** After a failed automatic backup, the next try waits this long: a missing drive is not retried every minute. */
const RETRY_MS = 30 * 60_000;
const TICK_MS = 60_000;

export interface BackupDeps {
  /** the counter's SQLite file; null when the data are on the office server */
  db: Db | null;
  dataDir: string;
  settingsStore: KeyValueStore;
  audit: AuditRepository;
  /** carried in every backup, so the restored audit trail verifies on another machine */
  auditKey: Buffer;
  /** the host's secret store: a restored key waits for the next start sealed by it */
  auditKeyStore?: AuditKeyStore;
  /** the actor automatic backups are recorded under */
  systemActor: () => Actor;
  now: () => Date;
  appVersion: string;
  pace?: BackupPace;
}

const folderMissing = (folder: string) =>
  appError(
    'BACKUP_FOLDER_MISSING',
    `Không thấy thư mục sao lưu ${folder}. Cắm lại ổ đĩa hoặc kết nối thư mục mạng, hoặc chọn thư mục khác trong Cài đặt → Sao lưu và khôi phục.`,
    `The backup folder ${folder} is not there. Plug the drive back in or reconnect the network folder, or choose another folder in Settings → Backup and restore.`,
    { field: 'folder' },
  );

/** The office's data live on its server, which its IT backs up with the server's own tools. */
const onOfficeServer = () =>
  appError(
    'BACKUP_ON_OFFICE_SERVER',
    'Dữ liệu của quầy này nằm trên máy chủ dữ liệu bưu cục; máy chủ được sao lưu bằng công cụ của nó (pg_dump, do bộ phận CNTT làm), không sao lưu hay khôi phục từ quầy.',
    'This counter\'s data are on the office data server, which IT backs up with its own tools (pg_dump); they are not backed up or restored from the counter.',
    { status: 'CONFLICT' },
  );

const restoreExpired = () =>
  appError(
    'RESTORE_EXPIRED',
    'Bản xem trước khôi phục không còn (ứng dụng đã khởi động lại hoặc đã chọn tệp khác). Chọn lại tệp sao lưu.',
    'The restore preview is gone (the app restarted or another file was chosen). Choose the backup file again.',
  );

export const restoreWaiting = () =>
  appError(
    'RESTORE_PENDING',
    'Đã xác nhận khôi phục từ bản sao lưu; dữ liệu sẽ được thay khi mở lại ứng dụng. Đóng rồi mở lại ứng dụng trước khi tiếp nhận tiếp.',
    'A restore from backup is confirmed; the data is replaced when the app starts again. Close and reopen the app before taking in more dossiers.',
    { status: 'CONFLICT' },
  );

/**
 * Backups of this counter (decision 0028): made now with the administrator's passphrase or daily by
 * the core's timer with the sealed key, listed from their folder, and restored at the next start.
 */
export class BackupService {
  private problem: Msg | null = null;
  private lastAttempt = 0;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private staged: { id: string; file: string; settings: Record<string, unknown>; auditKey: Buffer | null; about: Record<string, unknown> } | null = null;
  private readonly stagingDir: string;

  constructor(private readonly deps: BackupDeps) {
    this.stagingDir = join(deps.dataDir, 'restore-staging');
    // Decrypted copies of a preview nobody confirmed hold citizens' data: none outlives the process.
    rmSync(this.stagingDir, { recursive: true, force: true });
  }

  get restorePending(): boolean {
    return restorePending(this.deps.dataDir);
  }

  /** What the status bar says about backups, for every clerk: a pending restore, or a failed automatic backup. */
  notice(): Msg | null {
    if (this.restorePending) return restoreWaiting().data;
    return this.problem;
  }

  status(): BackupStatus {
    const { key, ...automatic } = readSchedule(this.deps.dataDir);
    const folder = this.folder(automatic);
    const files = this.list(folder);
    const lastAuto = files.find((f) => f.kind === 'automatic');
    return {
      automatic,
      hasKey: key !== null,
      folder,
      lastSuccess: lastAuto?.createdAt ?? null,
      problem: this.problem,
      restorePending: this.restorePending,
      files,
    };
  }

  /** A backup now, encrypted with the passphrase given, into the backup folder. */
  async create(passphrase: string, actor: Actor): Promise<BackupFile> {
    this.counterFile();
    const key = await newSealedKey(passphrase);
    const folder = this.folder(readSchedule(this.deps.dataDir));
    if (folder === this.defaultFolder()) mkdirSync(folder, { recursive: true });
    const file = await this.write('manual', key, folder);
    await this.deps.audit.record(this.deps.now(), 'backup.create', actor, { kind: file.kind, path: file.path, size: file.size });
    return file;
  }

  /** Changes the automatic backup; a passphrase given makes a new sealed key (turning it on needs one). */
  async setAutomatic(input: AutomaticBackup & { passphrase?: string }, actor: Actor): Promise<BackupStatus> {
    this.counterFile();
    const { passphrase, ...automatic } = input;
    const before = readSchedule(this.deps.dataDir);
    const key = passphrase ? await newSealedKey(passphrase) : before.key;
    if (automatic.enabled && !key) {
      throw appError(
        'BACKUP_PASSPHRASE_NEEDED',
        'Nhập mật khẩu sao lưu để bật sao lưu tự động. Mật khẩu không được lưu; cần nó khi khôi phục.',
        'Enter a backup passphrase to turn the automatic backup on. It is not stored; it is needed to restore.',
        { field: 'passphrase' },
      );
    }
    if (automatic.enabled && (!automatic.folder.trim() || !existsSync(automatic.folder))) throw folderMissing(automatic.folder);
    await this.deps.audit.inTransaction(async (tx) => {
      await this.deps.audit.in(tx).record(this.deps.now(), 'backup.automatic', actor, { ...automatic, newPassphrase: passphrase !== undefined && passphrase !== '' });
      writeSchedule(this.deps.dataDir, { ...automatic, key });
    });
    this.problem = null;
    this.lastAttempt = 0;
    return this.status();
  }

  /** Runs the automatic backup when one is due; failures become words for the status bar and the log. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    const schedule = readSchedule(this.deps.dataDir);
    const now = this.deps.now();
    if (!schedule.enabled || !schedule.key || now.getTime() - this.lastAttempt < RETRY_MS) return Promise.resolve();
    const newest = existsSync(schedule.folder) ? this.list(schedule.folder).find((f) => f.kind === 'automatic') : undefined;
    if (!isDue(now, schedule.hour, newest ? new Date(newest.createdAt) : null)) return Promise.resolve();
    this.lastAttempt = now.getTime();
    this.running = this.runAutomatic(schedule.folder, schedule.key, schedule.keep).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Checks for a due backup at start (a day missed while the app was closed) and then every minute. */
  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Decrypts and checks a backup, and says what it holds; nothing of the counter's data changes. */
  async previewRestore(fileName: string, content: Buffer, passphrase: string): Promise<RestorePreview> {
    this.counterFile();
    const opened = await openBackup(content, passphrase);
    this.dropStaged();
    mkdirSync(this.stagingDir, { recursive: true });
    const id = randomUUID();
    const file = join(this.stagingDir, `${id}.sqlite`);
    await writeFile(file, opened.database);
    try {
      const contents = checkRestorable(file, opened.header.schema, opened.settings);
      const preview = { restoreId: id, fileName, backedUpAt: opened.header.createdAt, appVersion: opened.header.app, ...contents };
      this.staged = { id, file, settings: opened.settings, auditKey: opened.auditKey, about: { ...preview } };
      return preview;
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
  }

  /** Sets the checked backup to replace the data at the next start; until then, writes are refused. */
  async confirmRestore(restoreId: string, actor: Actor, canAudit: boolean): Promise<{ restartNeeded: true }> {
    const staged = this.staged;
    if (!staged || staged.id !== restoreId || !existsSync(staged.file)) throw restoreExpired();
    // A damaged database takes no audit row; the restore it needs still goes ahead.
    if (canAudit) await this.deps.audit.record(this.deps.now(), 'backup.restore', actor, staged.about);
    stageForNextStart(this.deps.dataDir, staged.file, staged.settings, staged.auditKey, { ...staged.about, by: actor.clerkCode, at: this.deps.now().toISOString() }, this.deps.auditKeyStore);
    this.staged = null;
    return { restartNeeded: true };
  }

  private async runAutomatic(folder: string, key: SealedKey, keep: number): Promise<void> {
    try {
      if (!existsSync(folder)) throw folderMissing(folder);
      const file = await this.write('automatic', key, folder);
      await this.deps.audit.record(this.deps.now(), 'backup.create', this.deps.systemActor(), { kind: file.kind, path: file.path, size: file.size });
      this.prune(folder, keep);
      this.problem = null;
    } catch (error) {
      const words = toAppError(error).data as Msg;
      this.problem = msg(`Sao lưu tự động không thực hiện được: ${words.vi}`, `The automatic backup failed: ${words.en}`);
      console.error(`[backup] ${this.problem.en}`, (error as { code?: string }).code ?? '');
    }
  }

  /** Snapshot, encrypt, write beside the final name, then rename: a full disk leaves no half file under a backup's name. */
  private async write(kind: 'manual' | 'automatic', key: SealedKey, folder: string): Promise<BackupFile> {
    if (!existsSync(folder)) throw folderMissing(folder);
    const at = this.deps.now();
    const db = this.counterFile();
    const database = await snapshotDatabase(db, join(this.deps.dataDir, 'backup-work'), this.deps.pace);
    const schema = schemaVersionOf(db);
    const sealed = sealBackup({ settings: this.deps.settingsStore.store, auditKey: this.deps.auditKey, database }, { app: this.deps.appVersion, schema, createdAt: at.toISOString(), kind }, key);
    const fileName = backupFileName(kind, at, (name) => existsSync(join(folder, name)));
    const path = join(folder, fileName);
    const partial = `${path}.partial`;
    try {
      await writeFile(partial, sealed);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { fileName, path, size: sealed.length, createdAt: at.toISOString(), kind };
  }

  /** Keeps the newest `keep` automatic backups; backups made by hand are the administrator's to remove. */
  private prune(folder: string, keep: number): void {
    for (const old of this.list(folder).filter((f) => f.kind === 'automatic').slice(keep)) rmSync(old.path, { force: true });
  }

  /** The backups in a folder, newest first, known by their names. */
  private list(folder: string): BackupFile[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .map((fileName) => ({ fileName, named: readBackupFileName(fileName) }))
      .filter((f): f is { fileName: string; named: NonNullable<ReturnType<typeof readBackupFileName>> } => f.named !== null)
      .map(({ fileName, named }) => ({ fileName, path: join(folder, fileName), size: statSync(join(folder, fileName)).size, createdAt: named.at.toISOString(), kind: named.kind }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName, 'en', { numeric: true }));
  }

  private counterFile(): Db {
    if (!this.deps.db) throw onOfficeServer();
    return this.deps.db;
  }

  private defaultFolder(): string {
    return join(this.deps.dataDir, 'backups');
  }

  private folder(automatic: AutomaticBackup): string {
    return automatic.folder.trim() ? automatic.folder : this.defaultFolder();
  }

  private dropStaged(): void {
    if (this.staged) rmSync(this.staged.file, { force: true });
    this.staged = null;
  }
}
