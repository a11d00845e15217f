import { actionLabel } from '../../../shared/audit/actions.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { AuditCheck, AuditProblem } from '../../../shared/contract/audit.js';
import { inReadSnapshot, type Data } from '../db/data.js';
import { macMatches, macOf, type AuditContent } from './chain.js';
import { purgedStart, readCheckpoints, type Checkpoint } from './checkpoint.js';
import type { ChainMark, MarkRead } from './marker-file.js';

/** A row as stored, in the order the table holds it (by id). */
export interface StoredRow extends AuditContent {
  id: number;
  seq: number | null;
  prev_mac: string | null;
  mac: string | null;
}

/** What a check reads from the database: the rows from `from` on (all of them without it). */
export interface ChainRead {
  rows: StoredRow[];
  /** whether the chain says the end marker was started (then the marker must exist) */
  headStarted: boolean;
  /** with `from`: how many entries numbered up to it are still there (it should be from.seq) */
  keptUpToFrom: number | null;
  /** the retention purges' checkpoints, oldest first (decision 0044) */
  checkpoints: Checkpoint[];
}

export const HEAD_STARTED = 'audit.headStarted';

/**
 * On an office server every counter keeps its own end marker over the one chain, so a marker is
 * owed only by the counter whose start began it: `headOf` names that counter. On a counter's own
 * file (null) any start counts: the file and its marker are that counter's alone.
 */
export type HeadOf = string | null;

/**
 * One snapshot for all of it: a purge chunk committed between reading the checkpoints and the
 * entries (another counter's, on an office server) would read as entries removed or unsigned.
 */
export function readChain(data: Data, from?: ChainMark, headOf: HeadOf = null): Promise<ChainRead> {
  return inReadSnapshot(data, (snapshot) => readChainIn(snapshot, from, headOf));
}

async function readChainIn(data: Data, from: ChainMark | undefined, headOf: HeadOf): Promise<ChainRead> {
  let q = data.selectFrom('audit_log').select(['id', 'at', 'action', 'clerk_code', 'counter_code', 'detail', 'seq', 'prev_mac', 'mac']);
  if (from) q = q.where('id', '>=', from.id);
  const rows = await q.orderBy('id').execute();
  const kept = from ? await data.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '<=', from.seq).executeTakeFirstOrThrow() : null;
  const checkpoints = await readCheckpoints(data);
  // A purge may have removed the audit.headStarted entry; only an app with the marker purges.
  const started = checkpoints.some((c) => c.last_seq !== null && (headOf === null || c.counter_code === headOf)) || (await headStarted(data, headOf));
  return { rows, headStarted: started, keptUpToFrom: kept ? Number(kept.n) : null, checkpoints };
}

/** The chain's last entry, as the end marker names it. */
export async function lastEntry(data: Data): Promise<ChainMark | undefined> {
  const row = await data.selectFrom('audit_log').select(['seq', 'mac', 'id', 'at']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: row.seq!, mac: row.mac!, id: row.id, at: row.at } : undefined;
}

/** Whether the chain records that the end marker was started: from then on, the marker must exist. */
export async function headStarted(data: Data, headOf: HeadOf = null): Promise<boolean> {
  let q = data.selectFrom('audit_log').select('id').where('action', '=', HEAD_STARTED).where('seq', 'is not', null);
  if (headOf !== null) q = q.where('counter_code', '=', headOf);
  const row = await q.limit(1).executeTakeFirst();
  return row !== undefined;
}

const problem = (kind: AuditProblem['kind'], entry: number, other: number | null, message: Msg): AuditProblem => ({ kind, entry, other, message });
const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

type Signed = StoredRow & { seq: number; mac: string; prev_mac: string };

/**
 * The end marker (audit.head) against the rows: entries cut off the end leave a valid but
 * shorter chain, which only a record kept outside the database can show.
 */
function headProblems(head: MarkRead, headStarted: boolean, bySeq: Map<number, Signed>, lastSeq: number): AuditProblem[] {
  if (head.state === 'none') {
    return headStarted
      ? [problem('marker', 0, null, msg(
          'Tệp đánh dấu cuối nhật ký (audit.head) đã bị xoá: không còn biết nhật ký có bị cắt bớt ở cuối hay không.',
          'The log’s end marker (audit.head) was deleted: whether entries were cut off the end can no longer be told.',
        ))]
      : [];
  }
  if (head.state === 'forged') {
    return [problem('marker', 0, null, msg(
      'Tệp đánh dấu cuối nhật ký (audit.head) không do ứng dụng ghi: mã xác thực của nó không khớp.',
      'The log’s end marker (audit.head) was not written by the app: its MAC does not match.',
    ))];
  }
  const { seq, mac, at } = head.mark;
  if (lastSeq < seq) {
    return [problem('removed', lastSeq + 1, seq, msg(
      `Mục số ${range(lastSeq + 1, seq)} đã bị xoá khỏi cuối nhật ký: ứng dụng đã ghi đến mục số ${seq} (${formatDateTime(at)}), nay nhật ký chỉ còn đến mục số ${lastSeq}.`,
      `Entry ${range(lastSeq + 1, seq)} was cut off the end of the log: the app had written up to entry ${seq} (${formatDateTime(at)}), the log now ends at entry ${lastSeq}.`,
    ))];
  }
  const there = bySeq.get(seq);
  if (there && !macMatches(there.mac, mac)) {
    return [problem('altered', seq, null, msg(
      `Mục số ${seq} không còn là mục ứng dụng đã ghi (khác với dấu cuối nhật ký).`,
      `Entry ${seq} is no longer the entry the app wrote (it differs from the end marker).`,
    ))];
  }
  return [];
}

/** The chain's verdict, with what an intact chain's headline says after "intact:" (null when broken). */
export interface ChainCheck extends AuditCheck {
  words: Msg | null;
}

export const brokenHeadline = (n: number): Msg => msg(`Nhật ký kiểm tra KHÔNG nguyên vẹn: ${n} vấn đề.`, `The audit trail is NOT intact: ${n} problem${n === 1 ? '' : 's'}.`);

export const summaryOf = (headline: Msg, problems: AuditProblem[]): Msg =>
  msg(`${headline.vi} ${problems.map((p) => p.message.vi).join(' ')}`, `${headline.en} ${problems.map((p) => p.message.en).join(' ')}`);

/**
 * Checks the chain (decision 0031) and names each entry that was altered, removed or moved:
 * - altered: the entry's own MAC does not match its number, previous MAC and content;
 * - removed: numbers are missing between two entries (or before the first), or after the last
 *   one the end marker names;
 * - reordered: in the table's order, an entry comes after one with a higher number;
 * - unsigned: a row with no MAC after the chain began, i.e. written around the app;
 * - marker: the end marker was deleted or not written by the app.
 * Each entry's MAC covers the MAC it follows, so a removal leaves the next entry's own MAC
 * intact and shows only as the gap: the report names the removed entries, not their neighbours.
 * The end is checked only when the marker is passed. With `from` (the last entry an earlier check found sound) only the entries from it on are
 * read; that entry must still be there, unchanged, and as many entries up to it as its number.
 */
export function verifyChain(key: Buffer, read: ChainRead, marks: { head?: MarkRead; from?: ChainMark } = {}): ChainCheck {
  const { rows } = read;
  const from = marks.from;
  // Entries a retention purge removed are stood for by its checkpoint: the chain starts after them.
  const purged = purgedStart(key, read.checkpoints);
  const problems: AuditProblem[] = [...purged.problems];
  const firstSigned = rows.findIndex((r) => r.mac !== null);
  // Rows before the chain began are counted by a full check only; a check from a mark starts inside the chain.
  const unchained = from ? 0 : firstSigned < 0 ? rows.length : firstSigned;
  const signed: Signed[] = [];
  for (const row of rows.slice(unchained)) {
    if (row.mac === null || row.seq === null || row.prev_mac === null) {
      problems.push(problem('unsigned', row.id, null, msg(
        `Dòng ${row.id} (${actionLabel(row.action).vi}, ${formatDateTime(row.at)}) không có mã xác thực: đã được chèn hoặc sửa ngoài ứng dụng.`,
        `Row ${row.id} (${actionLabel(row.action).en}, ${formatDateTime(row.at)}) has no MAC: it was inserted or edited outside the app.`,
      )));
    } else {
      signed.push(row as Signed);
    }
  }

  if (from && read.keptUpToFrom !== null && read.keptUpToFrom !== from.seq - Math.min(purged.upTo, from.seq)) {
    problems.push(problem('removed', 1, from.seq, msg(
      `Có mục trong các mục số 1–${from.seq} (đã kiểm tra lúc ${formatDateTime(from.at)}) đã bị xoá. Bấm "Kiểm tra toàn bộ" để biết mục nào.`,
      `Some of entries 1–${from.seq} (checked at ${formatDateTime(from.at)}) were removed. Press "Check everything" to see which.`,
    )));
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

  let expected = Math.max(from ? from.seq : 1, purged.upTo + 1);
  const inOrder = [...signed].sort((a, b) => a.seq - b.seq);
  const firstKept = purged.upTo > 0 ? inOrder.find((r) => r.seq === purged.upTo + 1) : undefined;
  if (firstKept && !macMatches(firstKept.prev_mac, purged.lastMac)) {
    problems.push(problem('purge', firstKept.seq, null, msg(
      `Mục số ${firstKept.seq} không nối tiếp các mục đã xoá theo thời hạn lưu trữ: bản ghi xoá hoặc mục này đã bị thay.`,
      `Entry ${firstKept.seq} does not follow the entries purged under the retention period: the purge record or this entry was replaced.`,
    )));
  }
  if (from) {
    const mark = inOrder.find((r) => r.seq === from.seq);
    if (mark && !macMatches(mark.mac, from.mac)) {
      problems.push(problem('altered', from.seq, null, msg(
        `Mục số ${from.seq} đã bị thay kể từ lần kiểm tra lúc ${formatDateTime(from.at)}.`,
        `Entry ${from.seq} was replaced since the check at ${formatDateTime(from.at)}.`,
      )));
    }
  }
  for (const row of inOrder) {
    if (row.seq > expected) {
      problems.push(problem('removed', expected, row.seq - 1, msg(
        `Mục số ${range(expected, row.seq - 1)} đã bị xoá khỏi nhật ký (mục số ${row.seq} trỏ tới mục trước nó không còn nữa).`,
        `Entry ${range(expected, row.seq - 1)} was removed from the log (entry ${row.seq} points to an entry that is no longer there).`,
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

  const tail = inOrder[inOrder.length - 1];
  const bySeq = new Map(inOrder.map((r) => [r.seq, r]));
  // Without a marker (a database read away from its data folder, as an office move does) the end is not checked.
  for (const p of marks.head ? headProblems(marks.head, read.headStarted, bySeq, tail?.seq ?? 0) : []) {
    if (!problems.some((q) => q.kind === p.kind && q.entry === p.entry)) problems.push(p);
  }

  const intact = problems.length === 0;
  const entries = from ? from.seq - 1 - Math.min(purged.upTo, from.seq - 1) + signed.length : signed.length;
  const old = unchained > 0 ? msg(` ${unchained} mục ghi trước khi có chuỗi không có mã xác thực.`, ` ${unchained} entries written before the chain carry no MAC.`) : msg('', '');
  const upTo = tail ? msg(`, đến mục số ${tail.seq} (${formatDateTime(tail.at)})`, `, up to entry ${tail.seq} (${formatDateTime(tail.at)})`) : msg('', '');
  const since = from
    ? msg(
        ` Lần này kiểm tra từ mục số ${from.seq}; các mục trước đó đã được kiểm tra lúc ${formatDateTime(from.at)}.`,
        ` This check started at entry ${from.seq}; the entries before it were checked at ${formatDateTime(from.at)}.`,
      )
    : msg('', '');
  const gone = purged.words ? msg(` ${purged.words.vi}`, ` ${purged.words.en}`) : msg('', '');
  const words = msg(
    `${entries} mục${upTo.vi}, chuỗi mã xác thực khớp.${gone.vi}${old.vi}${since.vi}`,
    `${entries} entries${upTo.en}, every MAC in the chain matches.${gone.en}${old.en}${since.en}`,
  );
  const headline = intact ? msg(`Nhật ký kiểm tra nguyên vẹn: ${words.vi}`, `The audit trail is intact: ${words.en}`) : brokenHeadline(problems.length);
  const summary = intact ? headline : summaryOf(headline, problems);
  return {
    words: intact ? words : null,
    intact,
    entries,
    unchained,
    purged: purged.entries,
    last: tail ? { entry: tail.seq, at: tail.at } : null,
    from: from ? { entry: from.seq, checkedAt: from.at } : null,
    problems,
    headline,
    summary,
  };
}
