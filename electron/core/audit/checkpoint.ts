import { createHmac } from 'node:crypto';
import { formatDate, formatDateTime, vnIsoDate } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { AuditProblem } from '../../../shared/contract/audit.js';
import type { Selectable } from 'kysely';
import type { Data } from '../db/data.js';
import type { RetentionPurgesTable } from '../db/schema.js';
import { macMatches } from './chain.js';

/**
 * The signed checkpoint a retention purge leaves in place of the audit entries it removed
 * (decision 0044). Its MAC covers the removed range, the last removed entry's MAC (which the first
 * kept entry carries as its `prev_mac`), the counts and dates, and who purged: without the key
 * nobody can widen a purge to hide more entries, or make one up.
 */
export type Checkpoint = Selectable<RetentionPurgesTable>;

export type CheckpointContent = Omit<Checkpoint, 'state' | 'mac'>;

export function checkpointMac(key: Buffer, c: CheckpointContent): string {
  const fields = [c.id, c.years, c.cutoff, c.purged_at, c.clerk_code, c.clerk_name, c.counter_code, c.dossiers, c.entries, c.first_seq, c.last_seq, c.last_mac, c.oldest_at, c.newest_at];
  return createHmac('sha256', key).update(JSON.stringify(['bcci-audit-checkpoint-v1', ...fields]), 'utf8').digest('hex');
}

export async function readCheckpoints(data: Data): Promise<Checkpoint[]> {
  return (await data.selectFrom('retention_purges').selectAll().orderBy('id').execute()).map(counted);
}

/** The MAC covers the counts as numbers, however the driver hands them back. */
const counted = (r: Checkpoint): Checkpoint => ({ ...r, dossiers: Number(r.dossiers), entries: Number(r.entries) });

/**
 * Where the chain starts now, for a purge chunk: the latest checkpoint that removed entries, its
 * MAC checked; null when that checkpoint is not sound. Only that row is read, so a chunk costs the
 * same after years of purges. The run verified every checkpoint before its first chunk; a
 * checkpoint deleted since shows as a gap before the entries the chunk reads.
 */
export async function latestPurgedStart(data: Data, key: Buffer): Promise<Pick<PurgedStart, 'upTo' | 'lastMac'> | null> {
  const row = await data.selectFrom('retention_purges').selectAll().where('state', '=', 'done').where('last_seq', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row) return { upTo: 0, lastMac: '' };
  const c = counted(row);
  return c.mac !== null && c.last_mac !== null && macMatches(checkpointMac(key, c), c.mac) ? { upTo: c.last_seq!, lastMac: c.last_mac } : null;
}

/** What the purges say about the start of the chain, and what is wrong with them. */
export interface PurgedStart {
  /** the last entry number purges removed (0 when none): the chain starts after it */
  upTo: number;
  /** the MAC of that entry, which the first kept entry must carry as its prev_mac */
  lastMac: string;
  /** how many entries purges removed in all, and the last purge's words for the check's headline */
  entries: number;
  words: Msg | null;
  problems: AuditProblem[];
}

const problem = (entry: number, message: Msg): AuditProblem => ({ kind: 'purge', entry, other: null, message });

/**
 * Each purge's checkpoint must verify under the key and continue where the one before it ended:
 * a checkpoint edited, forged or deleted (its entries then show as removed) is reported.
 */
export function purgedStart(key: Buffer, checkpoints: Checkpoint[]): PurgedStart {
  const out: PurgedStart = { upTo: 0, lastMac: '', entries: 0, words: null, problems: [] };
  for (const c of checkpoints) {
    if (c.state !== 'done' || c.mac === null || !macMatches(checkpointMac(key, c), c.mac)) {
      out.problems.push(problem(c.id, msg(
        `Bản ghi xoá theo thời hạn lưu trữ số ${c.id} đã bị sửa hoặc không do ứng dụng ghi: mã xác thực không khớp.`,
        `Retention purge record ${c.id} was altered or not written by the app: its MAC does not match.`,
      )));
      continue;
    }
    if (c.first_seq === null || c.last_seq === null || c.last_mac === null) continue;
    if (c.first_seq !== out.upTo + 1) {
      out.problems.push(problem(c.id, msg(
        `Bản ghi xoá số ${c.id} bắt đầu ở mục số ${c.first_seq}, nhưng các lần xoá trước chỉ đến mục số ${out.upTo}: có bản ghi xoá đã bị xoá.`,
        `Purge record ${c.id} starts at entry ${c.first_seq}, but earlier purges end at entry ${out.upTo}: a purge record was deleted.`,
      )));
    }
    out.upTo = c.last_seq;
    out.lastMac = c.last_mac;
    out.entries += c.entries;
    const upToDay = c.newest_at ? formatDate(vnIsoDate(Date.parse(c.newest_at))) : '';
    out.words = msg(
      `${out.entries} mục cũ đã được xoá theo thời hạn lưu trữ, đến mục số ${c.last_seq} (${upToDay}), bởi ${c.clerk_name} (${c.clerk_code}) lúc ${formatDateTime(c.purged_at)}.`,
      `${out.entries} old entries were purged under the retention period, up to entry ${c.last_seq} (${upToDay}), by ${c.clerk_name} (${c.clerk_code}) at ${formatDateTime(c.purged_at)}.`,
    );
  }
  return out;
}
