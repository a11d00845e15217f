import { appError } from './errors.js';

/**
 * The contract's procedures that write. Everything else only reads, and keeps working when
 * writing is refused (a damaged database opened for reading).
 */
export const WRITING_PROCEDURES: ReadonlySet<string> = new Set([
  'settings.update',
  'calendar.saveNotice',
  'catalog.confirmImport',
  'dossiers.intake',
  'printing.reprint',
  'printing.retry',
  'printing.testPage',
]);

export const damagedDatabase = (dataDir: string, detail: string) =>
  appError(
    'DB_DAMAGED',
    `Cơ sở dữ liệu bị hỏng (${detail}). Ứng dụng chỉ cho xem, không cho ghi, để không làm hỏng thêm. Báo quản trị khôi phục từ bản sao lưu gần nhất (thư mục dữ liệu: ${dataDir}).`,
    `The database is damaged (${detail}). The app only shows data and refuses writes, so nothing gets worse. Ask the administrator to restore the latest backup (data folder: ${dataDir}).`,
    { status: 'INTERNAL_SERVER_ERROR' },
  );
