import type { AuditCheck, AuditCheckProgress, AuditListInput, AuditPage } from '../../../shared/contract/audit.js';
import { appError } from '../errors.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { Data } from '../db/data.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { Actor } from '../system/actor.js';
import type { ChainHead } from './marker-file.js';
import { runCheck } from './run-check.js';
import { verifyDossiers, withRows, type OnPage } from './verify-dossiers.js';
import { HEAD_STARTED, headStarted, type HeadOf } from './verify.js';

/** The supervisor's side of the audit log: read it, and check its chain (decision 0031). */
export class AuditTrail {
  private atStart: AuditCheck | null = null;
  /** the check "Kiểm tra" started and has not finished */
  private running: { progress: NonNullable<AuditCheckProgress>; result: Promise<AuditCheck> } | null = null;
  private rowsAtStart: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      data: Data;
      key: Buffer;
      dataDir: string;
      repo: AuditRepository;
      head: ChainHead;
      now: () => Date;
      /** on an office server, this counter's code: its own end marker is owed only once it began one */
      headOf: () => HeadOf;
      /** a dossier's id from the code the supervisor typed (item number, agency code, guidance slip) */
      findDossier: (code: string) => Promise<number | undefined>;
    },
  ) {}

  /**
   * "Kiểm tra": from the last entry an earlier check found sound, or everything when `full`.
   * A sound chain also brings the end marker up to its last entry (one whose commit returned
   * before the marker moved, or another counter's on an office server).
   */
  check(full = false): Promise<AuditCheck> {
    // One check at a time: a second press, or the screen opened again, waits for the one under
    // way (a million dossiers take a minute); a full check also answers a quick one.
    const running = this.running;
    if (running && (running.progress.full || !full)) return running.result;
    const progress = { full, checked: 0, total: 0 };
    const result = (running ? running.result.catch(() => undefined) : Promise.resolve())
      .then(() => this.run(full, true, (checked, total) => Object.assign(progress, { checked, total })))
      .then((r) => r.result)
      .finally(() => {
        if (this.running?.result === result) this.running = null;
      });
    this.running = { progress, result };
    return result;
  }

  /** How far the check under way has got, for the screen's progress; null when none runs. */
  progress(): AuditCheckProgress {
    return this.running ? { ...this.running.progress } : null;
  }

  private async run(full: boolean, rows: boolean, onPage?: OnPage) {
    const checked = await runCheck(this.deps.data, this.deps.key, this.deps.dataDir, { full, now: this.deps.now(), headOf: this.deps.headOf(), rows, onPage });
    if (!checked.chain.intact) this.deps.head.freeze();
    else if (checked.last) this.deps.head.advance(checked.last);
    return checked;
  }

  /**
   * The first start with an end marker: the chain records that it exists from now on, so a
   * marker deleted later is reported rather than taken for a log that never had one. The check
   * at start may already have written the marker (a counter joining an office's chain).
   */
  async startHead(actor: Actor): Promise<void> {
    if (!(await headStarted(this.deps.data, this.deps.headOf()))) {
      await this.deps.repo.record(this.deps.now(), HEAD_STARTED, actor, {});
    }
  }

  async list(input: AuditListInput): Promise<AuditPage> {
    const { dossier, ...filter } = input;
    if (dossier === undefined) return this.deps.repo.list(filter);
    const dossierId = await this.deps.findDossier(dossier);
    if (dossierId === undefined) {
      throw appError(
        'AUDIT_DOSSIER_NOT_FOUND',
        `Không có hồ sơ nào mang mã ${dossier}. Nhập số hiệu bưu gửi, mã hồ sơ hoặc mã phiếu hướng dẫn.`,
        `No dossier has the code ${dossier}. Enter its item number, agency dossier code or guidance slip code.`,
        { field: 'dossier' },
      );
    }
    return this.deps.repo.list({ ...filter, dossierId });
  }

  /**
   * Checked once at start: a broken chain is reported on every screen, and the app still opens.
   * The chain is checked before the start goes on; the dossiers (a whole office's, decision 0066)
   * after it, in pages between the counter's own work, and their damage raises the same notice.
   */
  async checkAtStart(): Promise<void> {
    const { chain } = await this.run(false, false);
    this.atStart = chain;
    if (!chain.intact) console.warn(`[audit] ${chain.summary.en}`);
    this.rowsAtStart = verifyDossiers(this.deps.data, this.deps.key).then(
      (found) => {
        this.atStart = withRows(chain, found);
        if (found.problems.length > 0) console.warn(`[audit] ${this.atStart.summary.en}`);
      },
      (error: unknown) => console.warn('[audit] the dossiers could not be checked at start', error),
    );
  }

  /** Settles once the start's row check has (it runs behind the start). */
  startChecked(): Promise<void> {
    return this.rowsAtStart;
  }

  /** The warning system.status carries while the chain found at start is broken. */
  notice(): Msg | null {
    if (!this.atStart || this.atStart.intact) return null;
    const n = this.atStart.problems.length;
    const dossiers = this.atStart.problems.filter((p) => p.kind === 'dossier');
    // A sound chain with damaged dossiers says so: the entries themselves were not touched.
    if (dossiers.length === n) {
      const d = new Set(dossiers.map((p) => p.entry)).size;
      return msg(
        `${d} hồ sơ đã bị sửa hoặc xoá ngoài ứng dụng (chuỗi các mục nhật ký vẫn nguyên vẹn). Giám sát viên mở Nhật ký kiểm tra và bấm "Kiểm tra" để xem hồ sơ nào.`,
        `${d} dossier${d === 1 ? ' was' : 's were'} altered or deleted outside the app (the chain of audit entries is intact). A supervisor should open the audit trail and press "Check" to see which.`,
      );
    }
    return msg(
      `Nhật ký kiểm tra đã bị can thiệp ngoài ứng dụng (${n} vấn đề). Giám sát viên mở Nhật ký kiểm tra và bấm "Kiểm tra" để xem mục nào.`,
      `The audit trail was tampered with outside the app (${n} problems). A supervisor should open the audit trail and press "Check" to see which entries.`,
    );
  }
}
