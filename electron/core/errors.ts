import { ORPCError } from '@orpc/server';
import type { AppErrorData } from '../../shared/contract/errors.js';
import type { Msg } from '../../shared/i18n/msg.js';
import { problemsOfIssues, type IssueLike } from '../../shared/contract/validation-words.js';
import { officeServerRefusal } from './db/postgres/pg-errors.js';

/**
 * A failure the clerk must read. It is an ORPCError so it crosses either transport
 * with its words intact; `data` carries both languages and the field concerned.
 */
type Status = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'TOO_MANY_REQUESTS' | 'INTERNAL_SERVER_ERROR';

export class AppError extends ORPCError<Status, AppErrorData> {
  constructor(
    code: string,
    text: Msg,
    extra: { field?: string; problems?: AppErrorData['problems']; status?: Status; cause?: unknown } = {},
  ) {
    super(extra.status ?? 'BAD_REQUEST', {
      message: text.vi,
      data: { code, vi: text.vi, en: text.en, field: extra.field, problems: extra.problems },
      cause: extra.cause,
    });
  }
}

export const appError = (code: string, vi: string, en: string, extra: ConstructorParameters<typeof AppError>[2] = {}) =>
  new AppError(code, { vi, en }, extra);

const SQLITE_MESSAGES: Record<string, [string, string, string]> = {
  SQLITE_BUSY: [
    'DB_LOCKED',
    'Cơ sở dữ liệu đang bị một chương trình khác giữ (có thể ứng dụng đang mở ở cửa sổ khác). Đóng chương trình đó rồi thử lại; dữ liệu đã lưu không bị mất.',
    'The database is held by another program (perhaps the app is open in another window). Close it and try again; saved data is not lost.',
  ],
  SQLITE_LOCKED: [
    'DB_LOCKED',
    'Cơ sở dữ liệu đang bị khoá. Thử lại sau giây lát; dữ liệu đã lưu không bị mất.',
    'The database is locked. Try again in a moment; saved data is not lost.',
  ],
  SQLITE_NOTADB: [
    'DB_CORRUPT',
    'Tệp cơ sở dữ liệu bị hỏng hoặc không phải của ứng dụng này. Không ghi đè lên tệp; hãy báo quản trị để khôi phục từ bản sao lưu.',
    'The database file is damaged or not this app’s. Nothing was overwritten; ask the administrator to restore a backup.',
  ],
  SQLITE_CORRUPT: [
    'DB_CORRUPT',
    'Tệp cơ sở dữ liệu bị hỏng. Không ghi đè lên tệp; hãy báo quản trị để khôi phục từ bản sao lưu.',
    'The database file is damaged. Nothing was overwritten; ask the administrator to restore a backup.',
  ],
  SQLITE_READONLY: [
    'DATA_DIR_NOT_WRITABLE',
    'Không ghi được vào thư mục dữ liệu (chỉ đọc). Kiểm tra quyền ghi của thư mục hoặc ổ đĩa.',
    'The data folder is read-only. Check the folder’s or drive’s write permission.',
  ],
  SQLITE_CANTOPEN: [
    'DATA_DIR_NOT_WRITABLE',
    'Không mở được tệp cơ sở dữ liệu trong thư mục dữ liệu. Kiểm tra thư mục tồn tại và có quyền ghi.',
    'The database file cannot be opened. Check that the data folder exists and is writable.',
  ],
  SQLITE_FULL: [
    'DISK_FULL',
    'Ổ đĩa đã đầy, không lưu được. Giải phóng dung lượng rồi thử lại; dữ liệu đã lưu không bị mất.',
    'The disk is full. Free some space and try again; saved data is not lost.',
  ],
};

/** A request body the transport could not read (broken JSON, bad type metadata): the sender's fault. */
export const malformedRequest = (cause: unknown) =>
  appError(
    'MALFORMED_REQUEST',
    'Dữ liệu gửi lên không đọc được (sai định dạng); không xử lý. Tải lại trang rồi thử lại.',
    'The data sent could not be read (malformed); it was not processed. Reload the page and try again.',
    { cause },
  );

/** Data sent to a call that takes none: refused rather than ignored, so nothing hostile rides along. */
export const noInputExpected = () =>
  appError('INVALID_INPUT', 'Lệnh này không nhận dữ liệu kèm theo; không xử lý.', 'This call takes no data; it was not processed.');

/**
 * Maps any thrown value to words for the clerk; unknown failures keep their cause for the log.
 * `procedure` (dotted, as "backup.create") lets a refused input name its field in that form's words.
 */
export function toAppError(error: unknown, procedure?: string): ORPCError<string, unknown> {
  if (error instanceof ORPCError) {
    if (error instanceof AppError) return error;
    if (error.code === 'BAD_REQUEST' && error.message === 'Input validation failed') {
      const issues = ((error.data as { issues?: IssueLike[] } | undefined)?.issues ?? []);
      const problems = problemsOfIssues(issues, procedure);
      const first = problems[0];
      return new AppError(
        'INVALID_INPUT',
        {
          vi: `Dữ liệu không hợp lệ${first ? ` — ${first.vi}` : ''}. Kiểm tra lại các trường đã nhập.`,
          en: `The data is not valid${first ? ` — ${first.en}` : ''}. Check the fields entered.`,
        },
        { field: first?.field, problems, cause: error },
      );
    }
    return error;
  }
  const refusal = officeServerRefusal(error);
  if (refusal) return refusal;
  const code = (error as { code?: string })?.code ?? '';
  const base = code.split('_').slice(0, 2).join('_');
  const known = SQLITE_MESSAGES[code] ?? SQLITE_MESSAGES[base] ?? (code === 'ENOSPC' || code === 'EDQUOT' ? SQLITE_MESSAGES['SQLITE_FULL'] : undefined);
  if (known) return appError(known[0], known[1], known[2], { cause: error, status: 'INTERNAL_SERVER_ERROR' });
  if (['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'SQLITE_IOERR'].includes(base)) {
    return appError(
      'DATA_DIR_NOT_WRITABLE',
      'Không ghi được vào thư mục dữ liệu. Kiểm tra quyền ghi và ổ đĩa; dữ liệu đã lưu không bị mất.',
      'Cannot write to the data folder. Check its permission and the drive; saved data is not lost.',
      { cause: error, status: 'INTERNAL_SERVER_ERROR' },
    );
  }
  return appError(
    'INTERNAL',
    'Đã có lỗi ngoài dự kiến; thao tác chưa được thực hiện. Thử lại; nếu còn lỗi, báo quản trị (chi tiết đã ghi vào nhật ký).',
    'Something unexpected failed; nothing was done. Try again; if it persists, tell the administrator (details are in the log).',
    { cause: error, status: 'INTERNAL_SERVER_ERROR' },
  );
}
