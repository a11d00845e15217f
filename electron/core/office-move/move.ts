import { sql } from 'kysely';
import type { OfficeMoveResult } from '../../../shared/contract/office-move.js';
import { msg } from '../../../shared/i18n/msg.js';
import { readChain, verifyChain } from '../audit/verify.js';
import { inTransaction } from '../db/data.js';
import { postgresSql } from '../db/engine-sql.js';
import { appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import { AuditRepository } from '../system/audit-repository.js';
import { failpoint } from '../system/failpoints.js';
import { advanceIdentities, copyTable } from './copy-rows.js';
import { rowCount } from './engine-facts.js';
import { dataMovedAway, writeMovedMarker, type MovedMarker } from './moved-marker.js';
import { previewMove, type MoveSides } from './preview.js';
import { MOVED_TABLES } from './tables.js';

/** Two moves into one server queue on this key; the second then finds the server holding data. */
const MOVE_LOCK_KEY = 0x42434d56; // "BCMV"

/**
 * Moves the counter's data into the empty office server in ONE server transaction (decision
 * 0033): every table with its ids, the identity sequences set past them, and an "office.moved"
 * entry appended to the audit chain with the same key. Before committing it reads back what it
 * wrote: the row counts and the audit check must be the counter's. Anything wrong, a failure or
 * the process dying leaves the server as it was. The SQLite file is only read, inside one
 * transaction that takes its write lock, so nothing is taken in on this counter while its data
 * is on the way; once the server has committed, the marker is written in that same window.
 */
export async function moveToOffice(
  sides: MoveSides & {
    dataDir: string;
    actor: Actor;
    now: () => Date;
    /** the data already moved by another call of this app: asked once the file's write lock is held */
    movedAlready?: () => MovedMarker | null;
    /** told in the same step as the marker is written, the write lock still held */
    marked?: (marker: MovedMarker) => void;
  },
): Promise<OfficeMoveResult> {
  return inTransaction(sides.counter, async (counter) => {
    // Two moves started at once both found the file unmoved; the second gets the lock after the first has moved it.
    const already = sides.movedAlready?.();
    if (already) throw dataMovedAway(already);
    return inTransaction(sides.office, async (office) => {
      await sql`SELECT pg_advisory_xact_lock(${MOVE_LOCK_KEY})`.execute(office);
      // Counters already pointed at the server wait until the move has committed or rolled back.
      await sql`LOCK TABLE ${sql.join(MOVED_TABLES.map((t) => sql.table(t.table)))} IN EXCLUSIVE MODE`.execute(office);
      const preview = await previewMove({ ...sides, counter, office });
      if (preview.refusal) throw appError('OFFICE_MOVE_REFUSED', preview.refusal.vi, preview.refusal.en, { status: 'CONFLICT' });

      let rows = 0;
      for (const { table } of MOVED_TABLES) rows += await copyTable(counter, office, table);
      await advanceIdentities(office);
      const movedAt = sides.now();
      const detail = { server: preview.server, rows, registerYears: preview.registerYears };
      await new AuditRepository(office, sides.auditKey, postgresSql).record(movedAt, 'office.moved', sides.actor, detail);
      failpoint('office-move.copied');

      const check = verifyChain(sides.auditKey, await readChain(office));
      await checkArrived(office, preview.kinds, check.intact === preview.audit.intact && check.entries === preview.audit.entries + 1);
      const marker = { movedAt: movedAt.toISOString(), server: preview.server, rows, auditEntry: check.last!.entry };
      return { preview, marker, check };
    }).then(({ preview, marker, check }) => {
      // The server has committed; the marker is written while the counter's write lock is still held.
      // Dying here loses the answer, not the move: the next run finds it on the server (earlier-move.ts).
      failpoint('office-move.committed');
      const path = writeMovedMarker(sides.dataDir, marker);
      sides.marked?.(marker);
      const years = preview.registerYears.map((y) => `${y.year}: ${y.firstSeq}–${y.lastSeq}`).join(', ') || '—';
      return {
        preview,
        movedAt: marker.movedAt,
        rows: marker.rows,
        auditEntry: marker.auditEntry,
        marker: path,
        summary: msg(
          `Đã chuyển ${marker.rows} dòng dữ liệu lên ${preview.server.host}/${preview.server.database}; số sổ giữ nguyên (${years}); nhật ký kiểm tra trên máy chủ ${check.intact ? 'nguyên vẹn' : 'giữ nguyên các vấn đề đã có'}, mục chuyển là số ${marker.auditEntry}. Tệp dữ liệu của quầy giữ nguyên, được đánh dấu đã chuyển.`,
          `Moved ${marker.rows} rows to ${preview.server.host}/${preview.server.database}; register numbers kept (${years}); the audit trail on the server is ${check.intact ? 'intact' : 'as it was, problems included'}, the move is entry ${marker.auditEntry}. The counter's data file is unchanged and marked as moved.`,
        ),
      };
    });
  });
}

/** Read back inside the transaction: a table short of rows, or a chain that checks differently, commits nothing. */
async function checkArrived(office: Parameters<typeof rowCount>[0], kinds: { table: string; rows: number }[], chainSame: boolean): Promise<void> {
  for (const { table, rows } of kinds) {
    const there = await rowCount(office, table);
    const expected = table === 'audit_log' ? rows + 1 : rows;
    if (there !== expected) {
      throw appError(
        'OFFICE_MOVE_CHECK_FAILED',
        `Kiểm tra sau khi chép: bảng ${table} có ${there} dòng trên máy chủ, quầy có ${expected}. Không chuyển gì; máy chủ giữ nguyên.`,
        `Check after copying: table ${table} has ${there} rows on the server, ${expected} on the counter. Nothing was moved; the server is as it was.`,
      );
    }
  }
  if (!chainSame) {
    throw appError(
      'OFFICE_MOVE_CHECK_FAILED',
      'Kiểm tra sau khi chép: nhật ký kiểm tra trên máy chủ không khớp với trên quầy. Không chuyển gì; máy chủ giữ nguyên.',
      'Check after copying: the audit trail on the server does not check the same as on the counter. Nothing was moved; the server is as it was.',
    );
  }
}
