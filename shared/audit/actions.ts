import type { Msg } from '../i18n/msg.js';

/**
 * What each kind of audit entry records, in the supervisor's words: the names the audit screen's
 * "Thao tác" filter offers, and the start of each entry's sentence. An action missing here (a
 * newer kind of write) is still listed and filtered, under its code.
 */
export const AUDIT_ACTIONS: Record<string, Msg> = {
  'session.signIn': { vi: 'Đăng nhập', en: 'Signed in' },
  'session.signOut': { vi: 'Đăng xuất', en: 'Signed out' },
  'session.lock': { vi: 'Khoá quầy', en: 'Locked the counter' },
  'session.idleLock': { vi: 'Quầy tự khoá khi không dùng', en: 'Counter locked when idle' },
  'session.unlock': { vi: 'Mở khoá quầy', en: 'Unlocked the counter' },
  'access.denied': { vi: 'Bị từ chối quyền', en: 'Access refused' },
  'accounts.setup': { vi: 'Tạo tài khoản quản trị đầu tiên', en: 'Created the first administrator' },
  'accounts.create': { vi: 'Tạo tài khoản', en: 'Created an account' },
  'accounts.resetSecret': { vi: 'Đặt lại mật khẩu', en: 'Reset a password' },
  'accounts.setDisabled': { vi: 'Khoá hoặc mở tài khoản', en: 'Disabled or enabled an account' },
  lookup: { vi: 'Tra cứu', en: 'Looked up' },
  'settings.update': { vi: 'Đổi cài đặt', en: 'Changed settings' },
  'settings.carried': { vi: 'Chuyển cài đặt chung của bưu cục vào cơ sở dữ liệu', en: 'Carried the office-wide settings into the database' },
  'settings.rangeTaken': { vi: 'Quầy nhận dải số hiệu bưu gửi làm dải riêng', en: 'A counter took its item number range as its own' },
  'catalog.import': { vi: 'Nhập danh mục thủ tục', en: 'Imported the procedure catalogue' },
  'calendar.notice': { vi: 'Nhập lịch nghỉ chính thức', en: 'Entered the official days off' },
  'printing.retry': { vi: 'In lại', en: 'Printed again' },
  'printing.dismiss': { vi: 'Bỏ qua trang in thử', en: 'Dismissed a test page' },
  'backup.create': { vi: 'Sao lưu', en: 'Backed up' },
  'backup.automatic': { vi: 'Đổi sao lưu tự động', en: 'Changed the automatic backup' },
  'backup.restore': { vi: 'Xác nhận khôi phục', en: 'Confirmed a restore' },
  'backup.restored': { vi: 'Đã khôi phục dữ liệu', en: 'Data restored' },
  'retention.setPeriod': { vi: 'Đặt thời hạn lưu trữ', en: 'Set the retention period' },
  'retention.purgeStarted': { vi: 'Bắt đầu xoá hồ sơ hết thời hạn lưu trữ', en: 'Started purging records past the retention period' },
  'retention.purgeChunk': { vi: 'Đang xoá hồ sơ hết thời hạn lưu trữ', en: 'Purging records past the retention period' },
  'retention.purge': { vi: 'Xoá hồ sơ hết thời hạn lưu trữ', en: 'Purged records past the retention period' },
  'training.enter': { vi: 'Vào chế độ tập huấn', en: 'Entered training mode' },
  'training.leave': { vi: 'Thoát chế độ tập huấn', en: 'Left training mode' },
  'audit.keyExported': { vi: 'Xuất khoá nhật ký kiểm tra (niêm phong bằng mật khẩu)', en: 'Exported the audit key (sealed with a passphrase)' },
  'audit.keyImported': { vi: 'Nhận khoá nhật ký kiểm tra của bưu cục', en: 'Took in the office’s audit key' },
  'audit.keyImportFailed': { vi: 'Nhận khoá nhật ký kiểm tra không thành công', en: 'Failed to take in an audit key' },
  'audit.headStarted': { vi: 'Bắt đầu ghi dấu cuối nhật ký (audit.head)', en: 'Started keeping the log’s end marker (audit.head)' },
};

export const actionLabel = (action: string): Msg => AUDIT_ACTIONS[action] ?? { vi: action, en: action };
