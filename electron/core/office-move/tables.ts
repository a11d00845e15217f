import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { Schema } from '../db/schema.js';

/**
 * Every table that holds the office's data, in an order where a row's parent is always written
 * before it (the server checks foreign keys row by row). The move copies each whole, ids
 * included. A table either engine has that is neither here nor in NOT_MOVED stops the move in
 * words: a migration that adds a table must say here whether it moves, never be skipped silently.
 */
export const MOVED_TABLES: readonly { table: Exclude<keyof Schema, 'schema_migrations'>; name: Msg }[] = [
  { table: 'catalog_versions', name: msg('Phiên bản danh mục thủ tục', 'Catalogue versions') },
  { table: 'procedures', name: msg('Thủ tục trong danh mục', 'Catalogue procedures') },
  { table: 'procedure_documents', name: msg('Thành phần hồ sơ của thủ tục', 'Procedure documents') },
  { table: 'clerks', name: msg('Tài khoản nhân viên', 'Clerk accounts') },
  { table: 'calendar_notices', name: msg('Thông báo lịch nghỉ', 'Calendar notices') },
  { table: 'calendar_notice_days', name: msg('Ngày nghỉ, ngày làm bù', 'Notice days') },
  { table: 'dossiers', name: msg('Hồ sơ', 'Dossiers') },
  { table: 'dossier_documents', name: msg('Giấy tờ trong hồ sơ', 'Dossier documents') },
  { table: 'dossier_fees', name: msg('Dòng phí, lệ phí', 'Fee lines') },
  { table: 'dossier_events', name: msg('Sự kiện của hồ sơ', 'Dossier events') },
  { table: 'intake_requests', name: msg('Khoá chống tiếp nhận trùng', 'Intake request keys') },
  { table: 'register_counters', name: msg('Bộ đếm số sổ theo năm', 'Register counters') },
  { table: 'item_serials', name: msg('Bộ đếm số hiệu bưu gửi', 'Item number counters') },
  { table: 'print_recipes', name: msg('Cách in của lệnh in', 'Print recipes') },
  { table: 'print_jobs', name: msg('Lệnh in', 'Print jobs') },
  { table: 'print_job_bytes', name: msg('Dữ liệu in đã lưu', 'Stored print data') },
  { table: 'batches', name: msg('Túi bàn giao', 'Batches') },
  { table: 'batch_items', name: msg('Hồ sơ trong túi', 'Batch items') },
  { table: 'outbox', name: msg('Hàng đợi gửi cơ quan', 'Agency outbox') },
  { table: 'agency_cursors', name: msg('Vị trí đọc cập nhật của cơ quan', 'Agency update cursors') },
  { table: 'agency_updates', name: msg('Cập nhật từ cơ quan', 'Agency updates') },
  { table: 'result_returns', name: msg('Kết quả nhận về bưu cục', 'Results received') },
  { table: 'unmatched_return_scans', name: msg('Bưu gửi kết quả chưa khớp', 'Unmatched return items') },
  { table: 'office_settings', name: msg('Cài đặt chung của bưu cục', 'Office-wide settings') },
  { table: 'agency_reachability', name: msg('Lần liên lạc cuối với máy chủ cơ quan', 'Last exchange with each agency server') },
  { table: 'agency_tokens', name: msg('Mã truy cập máy chủ cơ quan (đã niêm phong)', 'Agency server tokens (sealed)') },
  { table: 'day_closes', name: msg('Kết ca', 'Day closes') },
  // The purges' checkpoints stand for the audit entries they removed: without them the chain reads as cut.
  { table: 'retention_purges', name: msg('Các lần xoá theo thời hạn lưu trữ', 'Retention purges') },
  { table: 'audit_log', name: msg('Nhật ký kiểm tra', 'Audit trail') },
];

/**
 * Tables that stay behind: each engine keeps its own migration history, and SQLite's name index
 * (FTS5 and its shadow tables) is built from the dossiers; the server has its GIN index instead.
 * The print job kinds are written by the same migration on both engines.
 */
export const NOT_MOVED: readonly RegExp[] = [/^schema_migrations$/, /^dossier_names(_\w+)?$/, /^sqlite_/, /^print_job_kinds$/];

/** Tables of an engine that the move does not know: a newer schema than this code. */
export function unknownTables(names: readonly string[]): string[] {
  const known = new Set<string>(MOVED_TABLES.map((t) => t.table));
  return names.filter((n) => !known.has(n) && !NOT_MOVED.some((re) => re.test(n))).sort();
}
