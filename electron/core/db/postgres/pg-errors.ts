import pg from 'pg';
import { appError, type AppError } from '../../errors.js';

/**
 * The office server's refusals in the clerk's words. A unique constraint named in migration 015
 * says which number was taken: with several counters, two can type or be given the same one at
 * the same moment, and the one that commits second must be told why, not shown a crash.
 */
const UNIQUE_WORDS: Record<string, (value: string) => AppError> = {
  dossiers_item_number_unique: (value) =>
    appError(
      'ITEM_NUMBER_TAKEN',
      `Số hiệu bưu gửi ${value} vừa được một quầy khác dùng cho hồ sơ khác. Dùng bao bì/nhãn khác; hồ sơ này chưa được ghi.`,
      `Item number ${value} was just used by another counter for another dossier. Use another envelope or label; this dossier was not recorded.`,
      { field: 'itemNumber', status: 'CONFLICT' },
    ),
  dossiers_register_number_unique: (value) =>
    appError(
      'REGISTER_NUMBER_TAKEN',
      `Số vào sổ ${value} vừa được một quầy khác cấp; hồ sơ này chưa được ghi. Bấm tiếp nhận lại để lấy số kế tiếp.`,
      `Register number ${value} was just given out by another counter; this dossier was not recorded. Accept again to take the next number.`,
      { status: 'CONFLICT' },
    ),
  dossiers_by_agency_code: (value) =>
    appError(
      'AGENCY_CODE_TAKEN',
      `Mã hồ sơ của cơ quan ${value} đã gắn với một hồ sơ khác.`,
      `Agency dossier code ${value} already belongs to another dossier.`,
      { status: 'CONFLICT' },
    ),
  dossiers_by_resumed: () =>
    appError(
      'RESUME_REFUSED',
      'Hồ sơ hướng dẫn này vừa được một quầy khác tiếp tục; hồ sơ này chưa được ghi. Mở hồ sơ đó ở màn hình Tra cứu.',
      'This guided record was just continued at another counter; this dossier was not recorded. Open that dossier in Lookup.',
      { status: 'CONFLICT' },
    ),
  clerks_code_unique: (value) =>
    appError('CLERK_CODE_TAKEN', `Mã giao dịch viên ${value} đã có.`, `Clerk code ${value} exists already.`, { field: 'clerkCode', status: 'CONFLICT' }),
};

/** "Key (item_number)=(EL123456785VN) already exists." → "EL123456785VN" */
const keyValue = (detail: string | undefined) => /\)=\((.*)\) already exists/.exec(detail ?? '')?.[1] ?? '';

/** Words for an error the office server raised, or null when it is not one of its refusals. */
export function officeServerRefusal(error: unknown): AppError | null {
  if (!(error instanceof pg.DatabaseError)) return null;
  if (error.code === '23505') {
    const words = UNIQUE_WORDS[error.constraint ?? ''];
    if (words) return words(keyValue(error.detail));
    return appError('ALREADY_RECORDED', 'Dữ liệu này vừa được ghi ở quầy khác; không ghi lần hai.', 'This was just recorded at another counter; it was not recorded twice.', {
      status: 'CONFLICT',
      cause: error,
    });
  }
  if (error.code === '23001' && /append-only/.test(error.message)) {
    return appError(
      'HISTORY_APPEND_ONLY',
      'Lịch sử hồ sơ, nhật ký và các ngày đã chốt không được sửa hay xoá; chỉ được ghi thêm.',
      'Dossier history, the audit log and closed days are never changed or deleted; entries are only added.',
      { status: 'CONFLICT', cause: error },
    );
  }
  // serialization_failure, deadlock_detected: nothing was written, another counter got there first.
  if (error.code === '40001' || error.code === '40P01') {
    return appError('TRY_AGAIN', 'Quầy khác đang ghi cùng lúc; chưa ghi gì. Thử lại.', 'Another counter was writing at the same moment; nothing was written. Try again.', {
      status: 'CONFLICT',
      cause: error,
    });
  }
  return null;
}
