import { actionLabel } from '../../../shared/audit/actions.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { AuditCheck, AuditProblem } from '../../../shared/contract/audit.js';
import type { Data } from '../db/data.js';
import { macMatches, macOf, type AuditContent } from './chain.js';

/** A row as stored, in the order the table holds it (by id). */
export interface StoredRow extends AuditContent {
  id: number;
  seq: number | null;
  prev_mac: string | null;
  mac: string | null;
}

export async function readChain(data: Data): Promise<StoredRow[]> {
  return data.selectFrom('audit_log').select(['id', 'at', 'action', 'clerk_code', 'counter_code', 'detail', 'seq', 'prev_mac', 'mac']).orderBy('id').execute();
}

const problem = (kind: AuditProblem['kind'], entry: number, other: number | null, message: Msg): AuditProblem => ({ kind, entry, other, message });

/**
 * Checks the chain (decision 0031) and names each entry that was altered, removed or moved:
 * - altered: the entry's own MAC does not match its number, previous MAC and content;
 * - removed: numbers are missing between two entries (or before the first);
 * - reordered: in the table's order, an entry comes after one with a higher number;
 * - unsigned: a row with no MAC after the chain began, i.e. written around the app.
 * Each entry's MAC covers the MAC it follows, so a removal leaves the next entry's own MAC
 * intact and shows only as the gap: the report names the removed entries, not their neighbours.
 */
export function verifyChain(key: Buffer, rows: StoredRow[]): AuditCheck {
  const problems: AuditProblem[] = [];
  const firstSigned = rows.findIndex((r) => r.mac !== null);
  const unchained = firstSigned < 0 ? rows.length : firstSigned;
  const signed: (StoredRow & { seq: number; mac: string; prev_mac: string })[] = [];
  for (const row of rows.slice(unchained)) {
    if (row.mac === null || row.seq === null || row.prev_mac === null) {
      problems.push(problem('unsigned', row.id, null, msg(
        `Dòng ${row.id} (${actionLabel(row.action).vi}, ${formatDateTime(row.at)}) không có mã xác thực: đã được chèn hoặc sửa ngoài ứng dụng.`,
        `Row ${row.id} (${actionLabel(row.action).en}, ${formatDateTime(row.at)}) has no MAC: it was inserted or edited outside the app.`,
      )));
    } else {
      signed.push(row as (typeof signed)[number]);
    }
  }

  for (let i = 1; i < signed.length; i++) {
    const [before, here] = [signed[i - 1]!, signed[i]!];
    if (here.seq < before.seq) {
      problems.push(problem('reordered', here.seq, before.seq, msg(
        `Mục số ${here.seq} nằm sau mục số ${before.seq}: thứ tự các mục đã bị đổi.`,
        `Entry ${here.seq} comes after entry ${before.seq}: the entries were reordered.`,
      )));
    }
  }

  let expected = 1;
  for (const row of [...signed].sort((a, b) => a.seq - b.seq)) {
    if (row.seq > expected) {
      const last = row.seq - 1;
      const which = last === expected ? `${expected}` : `${expected}–${last}`;
      problems.push(problem('removed', expected, last, msg(
        `Mục số ${which} đã bị xoá khỏi nhật ký (mục số ${row.seq} trỏ tới mục trước nó không còn nữa).`,
        `Entry ${which} was removed from the log (entry ${row.seq} points to an entry that is no longer there).`,
      )));
    }
    if (!macMatches(macOf(key, row.seq, row.prev_mac, row), row.mac) || row.seq < expected) {
      problems.push(problem('altered', row.seq, null, msg(
        `Mục số ${row.seq} (dòng ${row.id}, ${actionLabel(row.action).vi}) đã bị sửa: mã xác thực không khớp với nội dung.`,
        `Entry ${row.seq} (row ${row.id}, ${actionLabel(row.action).en}) was altered: its MAC does not match its content.`,
      )));
    }
    expected = Math.max(expected, row.seq + 1);
  }

  const tail = signed.reduce<(typeof signed)[number] | undefined>((a, r) => (!a || r.seq > a.seq ? r : a), undefined);
  const intact = problems.length === 0;
  const old = unchained > 0 ? msg(` ${unchained} mục ghi trước khi có chuỗi không có mã xác thực.`, ` ${unchained} entries written before the chain carry no MAC.`) : msg('', '');
  const upTo = tail ? msg(`, đến mục số ${tail.seq} (${formatDateTime(tail.at)})`, `, up to entry ${tail.seq} (${formatDateTime(tail.at)})`) : msg('', '');
  const headline = intact
    ? msg(
        `Nhật ký kiểm tra nguyên vẹn: ${signed.length} mục${upTo.vi}, chuỗi mã xác thực khớp.${old.vi}`,
        `The audit trail is intact: ${signed.length} entries${upTo.en}, every MAC in the chain matches.${old.en}`,
      )
    : msg(`Nhật ký kiểm tra KHÔNG nguyên vẹn: ${problems.length} vấn đề.`, `The audit trail is NOT intact: ${problems.length} problems.`);
  const summary = intact
    ? headline
    : msg(`${headline.vi} ${problems.map((p) => p.message.vi).join(' ')}`, `${headline.en} ${problems.map((p) => p.message.en).join(' ')}`);
  return { intact, entries: signed.length, unchained, last: tail ? { entry: tail.seq, at: tail.at } : null, problems, headline, summary };
}
