import type { RetentionPeriod, RetentionPreview, RetentionPurgeResult } from '../../../shared/contract/retention.js';
import { formatDate, vnIsoDate, vnStartOfDay } from '../../../shared/format/vn-time.js';
import { msg } from '../../../shared/i18n/msg.js';
import { purgedStart, readCheckpoints } from '../audit/checkpoint.js';
import { readChain, verifyChain } from '../audit/verify.js';
import type { Data } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';
import { appError } from '../errors.js';
import { AUDIT_CHAIN_LOCK, type AuditRepository } from '../system/audit-repository.js';
import type { Actor } from '../system/actor.js';
import { OfficeSettingsRepository } from '../config/office-settings-repository.js';
import { RETENTION_ROW, RetentionRepository } from './retention-repository.js';

/** The law asks the post office to keep records at least this long. */
export const MIN_YEARS = 5;

/** The Hà Nội day `years` years before `today` (29 February falls back to the 28th). */
export function cutoffDay(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The administrator's retention purge (decision 0044): the period, a preview of what a purge
 * would remove, and the purge itself — one transaction that removes settled dossiers (with what
 * the agency exchanges and return scans kept of them) and the audit entries older than the
 * cutoff, and leaves a signed checkpoint in the chain's place.
 */
export class RetentionService {
  private readonly repo: RetentionRepository;

  constructor(
    private readonly deps: { data: Data; sql: EngineSql; audit: AuditRepository; key: Buffer; now: () => Date },
  ) {
    this.repo = new RetentionRepository(deps.data, deps.sql);
  }

  async period(): Promise<RetentionPeriod> {
    const row = await this.repo.period();
    return row ? { years: row.years, setAt: row.set_at, setBy: row.clerk_code } : { years: MIN_YEARS, setAt: null, setBy: null };
  }

  async setPeriod(years: number, actor: Actor): Promise<RetentionPeriod> {
    if (years < MIN_YEARS) {
      throw appError(
        'RETENTION_TOO_SHORT',
        `Thời hạn lưu trữ phải từ ${MIN_YEARS} năm trở lên (đã nhập ${years} năm): hồ sơ của công dân phải được giữ ít nhất ${MIN_YEARS} năm.`,
        `The retention period must be at least ${MIN_YEARS} years (${years} entered): citizens' records must be kept at least ${MIN_YEARS} years.`,
        { field: 'years' },
      );
    }
    const at = this.deps.now().toISOString();
    await this.deps.audit.inTransaction(async (tx) => {
      // Written as every office-wide setting is: under the settings lock, with a new revision.
      const settings = new OfficeSettingsRepository(tx, this.deps.sql);
      await settings.lock();
      const before = (await this.repo.in(tx).period())?.years ?? MIN_YEARS;
      await settings.write(new Map([[RETENTION_ROW, JSON.stringify({ years })]]), [], new Date(at), actor.clerkCode);
      await this.deps.audit.in(tx).record(this.deps.now(), 'retention.setPeriod', actor, { years, before });
    });
    return this.period();
  }

  private async cutoff(): Promise<{ years: number; day: string; instant: string }> {
    const { years } = await this.period();
    const day = cutoffDay(vnIsoDate(this.deps.now()), years);
    return { years, day, instant: new Date(vnStartOfDay(day)).toISOString() };
  }

  async preview(): Promise<RetentionPreview> {
    const c = await this.cutoff();
    const set = await this.repo.purgeSet(c.instant);
    const upTo = purgedStart(this.deps.key, await readCheckpoints(this.deps.data)).upTo;
    const range = await this.repo.auditRange(c.instant, upTo);
    return { years: c.years, cutoff: c.instant, cutoffDay: c.day, ...set, entries: range ? range.last - range.first + 1 : 0 };
  }

  async purge(cutoff: string, actor: Actor): Promise<RetentionPurgeResult> {
    const c = await this.cutoff();
    if (cutoff !== c.instant) {
      throw appError(
        'RETENTION_PREVIEW_STALE',
        'Thời hạn lưu trữ hoặc ngày đã thay đổi từ khi xem trước. Bấm "Xem trước" lại rồi mới xoá.',
        'The retention period or the day changed since the preview. Press "Preview" again before purging.',
      );
    }
    const at = this.deps.now();
    const done = await this.deps.audit.inTransaction(async (tx) => {
      // No append may slip between reading the chain's start and replacing it with the checkpoint.
      await this.deps.sql.appendLock(tx, AUDIT_CHAIN_LOCK);
      const read = await readChain(tx);
      const check = verifyChain(this.deps.key, read);
      // A purge over a broken chain would remove the evidence along with the entries.
      if (!check.intact) {
        throw appError(
          'RETENTION_CHAIN_BROKEN',
          `Không xoá: nhật ký kiểm tra không nguyên vẹn. ${check.summary.vi}`,
          `Nothing purged: the audit trail is not intact. ${check.summary.en}`,
        );
      }
      const previousUpTo = purgedStart(this.deps.key, read.checkpoints).upTo;
      const purged = await this.repo.purge(tx, this.deps.key, { years: c.years, cutoff: c.instant, at: at.toISOString(), actor, previousUpTo });
      const entries = purged.range ? purged.range.last - purged.range.first + 1 : 0;
      await this.deps.audit.in(tx).record(at, 'retention.purge', actor, { years: c.years, cutoff: c.instant, dossiers: purged.dossiers, entries, unchained: purged.unchained, ...purged.cleared });
      return { dossiers: purged.dossiers, entries };
    });
    const day = formatDate(c.day);
    return {
      ...done,
      message: msg(
        `Đã xoá ${done.dossiers} hồ sơ đã kết thúc và ${done.entries} mục nhật ký ghi trước ngày ${day}.`,
        `Purged ${done.dossiers} settled dossiers and ${done.entries} audit entries from before ${day}.`,
      ),
    };
  }
}
