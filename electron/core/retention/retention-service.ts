import type { RetentionPeriod, RetentionPreview, RetentionPurgeResult } from '../../../shared/contract/retention.js';
import { formatDate, vnIsoDate, vnStartOfDay } from '../../../shared/format/vn-time.js';
import { msg } from '../../../shared/i18n/msg.js';
import { purgedStart, readCheckpoints } from '../audit/checkpoint.js';
import { readChain, verifyChain } from '../audit/verify.js';
import { carryUnsealedRecord, readUnsealedRecord } from '../audit/unsealed-record.js';
import type { Data } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';
import { appError } from '../errors.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { Actor } from '../system/actor.js';
import { OfficeSettingsRepository } from '../config/office-settings-repository.js';
import { chainBroken, RETENTION_ROW, RetentionRepository, type PurgeRun } from './retention-repository.js';

/** How much one chunk of a purge removes: each chunk is one transaction that others wait for. */
export interface PurgeChunkSize {
  dossiers: number;
  entries: number;
}

/** About a tenth of a second of work a chunk on a busy counter (bench/retention-purge.ts). */
export const PURGE_CHUNK: PurgeChunkSize = { dossiers: 200, entries: 2000 };

/** The advisory lock key that lets one purge chunk run at a time in an office ("PRGE"). */
const PURGE_LOCK = 0x50524745;

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
 * would remove, and the purge itself — chunks of short transactions that remove settled dossiers
 * (with what the agency exchanges and return scans kept of them) and the audit entries older
 * than the cutoff, each leaving a signed checkpoint in the chain's place.
 */
export class RetentionService {
  private readonly repo: RetentionRepository;

  constructor(
    private readonly deps: { data: Data; sql: EngineSql; audit: AuditRepository; key: Buffer; now: () => Date; chunk?: PurgeChunkSize },
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

  /**
   * The purge, in chunks (decision 0055): the chain is verified first without holding anything,
   * then each chunk is its own short transaction that leaves its own checkpoint, so every other
   * write — on this counter or any counter of the office — waits at most one chunk. The run's
   * own entries say it started, how far each chunk got, and that it finished; a run stopped
   * half-way (a crash, an error) leaves a chain that verifies, and the next run takes up the rest.
   */
  async purge(cutoff: string, actor: Actor): Promise<RetentionPurgeResult> {
    const c = await this.cutoff();
    if (cutoff !== c.instant) {
      throw appError(
        'RETENTION_PREVIEW_STALE',
        'Thời hạn lưu trữ hoặc ngày đã thay đổi từ khi xem trước. Bấm "Xem trước" lại rồi mới xoá.',
        'The retention period or the day changed since the preview. Press "Preview" again before purging.',
      );
    }
    const { audit, data, key } = this.deps;
    const at = this.deps.now();
    const read = await readChain(data);
    const check = verifyChain(key, read);
    // A purge over a broken chain would remove the evidence along with the entries.
    if (!check.intact) throw chainBroken(check.summary);
    const previousUpTo = purgedStart(key, read.checkpoints).upTo;
    // The bound is fixed now: entries appended during the run are newer than the cutoff anyway.
    const lastSeq = (await this.repo.auditRange(c.instant, previousUpTo))?.last ?? previousUpTo;
    const ids = await this.repo.purgeableIds(c.instant);
    const unchained = await this.repo.unchainedBefore(c.instant);
    const size = this.deps.chunk ?? PURGE_CHUNK;
    const chunks = Math.max(1, Math.ceil(ids.length / size.dossiers), Math.ceil((lastSeq - previousUpTo) / size.entries), Math.ceil(unchained.length / size.dossiers));
    const run: PurgeRun = { years: c.years, cutoff: c.instant, at: at.toISOString(), actor };
    const resumes = await this.repo.unfinishedRun();
    const planned = new Set(ids);
    // The record of the rows from before the seals may be among the entries the run removes.
    const unsealed = await readUnsealedRecord(data);
    await audit.record(at, 'retention.purgeStarted', actor, { years: c.years, cutoff: c.instant, dossiers: ids.length, entries: lastSeq - previousUpTo, chunks, resumes });

    const total = { dossiers: 0, entries: 0, unchained: 0, outbox: 0, updates: 0, scans: 0 };
    for (let n = 0; n < chunks; n++) {
      // Let whatever waits (an intake, another counter's write) in between two chunks.
      if (n > 0) await new Promise((resolve) => setImmediate(resolve));
      const last = n === chunks - 1;
      await audit.inTransaction(async (tx) => {
        // One chunk at a time in the office: two administrators' runs then take turns at the same rest.
        await this.deps.sql.appendLock(tx, PURGE_LOCK);
        const repo = this.repo.in(tx);
        const done = await repo.purgeChunk(tx, key, run, {
          ids: ids.slice(n * size.dossiers, (n + 1) * size.dossiers),
          planned,
          lastSeq,
          maxEntries: size.entries,
          unchained: unchained.slice(n * size.dossiers, (n + 1) * size.dossiers),
        });
        const old = last ? await repo.clearOld(c.instant) : { updates: 0, scans: 0 };
        await carryUnsealedRecord(audit.in(tx), tx, unsealed, this.deps.now(), actor);
        total.dossiers += done.dossiers;
        total.entries += done.entries;
        total.unchained += done.unchained;
        total.outbox += done.cleared.outbox;
        total.updates += done.cleared.updates + old.updates;
        total.scans += old.scans;
        // The dossiers whose entries went but which stay are recorded again, in the same commit.
        const kept = done.kept.length ? { kept: done.kept } : {};
        // The run's entry goes last, so the chain's tail is held only for the commit.
        if (last) await audit.in(tx).record(this.deps.now(), 'retention.purge', actor, { years: c.years, cutoff: c.instant, ...total, chunks, ...kept });
        else await audit.in(tx).record(this.deps.now(), 'retention.purgeChunk', actor, { cutoff: c.instant, chunk: n + 1, chunks, dossiers: total.dossiers, entries: total.entries, upTo: done.upTo, ...kept });
      });
    }
    const done = { dossiers: total.dossiers, entries: total.entries };
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
