import type { Contract, Role } from '../../../shared/contract/index.js';
import { ROLES } from '../../../shared/contract/index.js';
import { appError } from '../errors.js';

/** "session.signIn", "dossiers.intake", …: every procedure of the contract by its dotted path. */
type PathsOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends { '~orpc': unknown } ? `${Prefix}${K}` : PathsOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type ProcedurePath = PathsOf<Contract>;

export interface Rule {
  /** 'public' is callable before sign-in (the sign-in screen's few calls); a role is the least one needed */
  need: 'public' | Role;
  /** writes to the database: refused while a damaged database is open for reading only */
  writes?: boolean;
  /** answers without the office's data, so it works while the office server is out of reach */
  withoutData?: boolean;
  /** works on the counter's real data or server only: refused in training mode (decision 0045) */
  realOnly?: boolean;
  /** callable while this counter's audit key is not the office's: the call that cures it (decision 0055) */
  curesKey?: boolean;
}

/**
 * The one table of who may call what, enforced in the core for every call on both transports.
 * Typed over the contract, so a new procedure does not compile until someone decides its rule.
 */
export const PERMISSIONS: { readonly [P in ProcedurePath]: Rule } = {
  'session.state': { need: 'public' },
  'session.setup': { need: 'public', writes: true },
  'session.signIn': { need: 'public' },
  'session.lock': { need: 'clerk' },
  'session.unlock': { need: 'public' },
  'session.signOut': { need: 'public' },
  'session.setLang': { need: 'clerk', writes: true },
  'accounts.list': { need: 'supervisor' },
  // Accounts are real data: one made or changed in training would be gone, or stale, on leaving (decision 0045).
  'accounts.create': { need: 'supervisor', writes: true, realOnly: true },
  'accounts.resetSecret': { need: 'supervisor', writes: true, realOnly: true },
  'accounts.setDisabled': { need: 'supervisor', writes: true, realOnly: true },
  'system.status': { need: 'clerk' },
  // Reading and checking the audit trail is a supervisor's; both only read.
  'audit.list': { need: 'supervisor' },
  'audit.check': { need: 'supervisor' },
  'audit.checkProgress': { need: 'supervisor' },
  // The key leaves sealed with the administrator's passphrase. Taking one in needs no session —
  // nobody can sign in on a counter whose key is refused — but only the key of the chain it
  // writes to is taken, and the file's passphrase with it (decision 0055).
  'audit.exportKey': { need: 'admin', writes: true, realOnly: true },
  'audit.importKey': { need: 'public', writes: true, realOnly: true, curesKey: true },
  'settings.get': { need: 'clerk' },
  // Removing citizens' records after the retention period is the administrator's (decision 0044).
  'retention.period': { need: 'admin' },
  'retention.setPeriod': { need: 'admin', writes: true },
  'retention.preview': { need: 'admin' },
  'retention.purge': { need: 'admin', writes: true },
  'settings.update': { need: 'admin', writes: true },
  'office.testServer': { need: 'admin' },
  // The move writes only to the server (its audit entry there); the counter's own file is read.
  'office.movePreview': { need: 'admin', realOnly: true },
  'office.move': { need: 'admin', realOnly: true },
  // Public: the sign-in screen says why it cannot open while the office server is out of reach.
  'office.link': { need: 'public', withoutData: true },
  // Kept in a file of this counter, not in the data: possible before the switch (decision 0032).
  'office.savePassword': { need: 'admin', writes: true, realOnly: true },
  'calendar.year': { need: 'clerk' },
  'calendar.saveNotice': { need: 'admin', writes: true },
  'calendar.readNoticeFile': { need: 'admin' },
  'catalog.status': { need: 'clerk' },
  'catalog.search': { need: 'clerk' },
  'catalog.get': { need: 'clerk' },
  'catalog.previewImport': { need: 'admin' },
  'catalog.confirmImport': { need: 'admin', writes: true },
  'dossiers.intake': { need: 'clerk', writes: true },
  'dossiers.today': { need: 'clerk' },
  'dossiers.get': { need: 'clerk' },
  'dossiers.nextItemNumber': { need: 'clerk' },
  'dossiers.findByCode': { need: 'clerk' },
  'dossiers.search': { need: 'clerk' },
  // Voids and corrections change what was accepted: a supervisor's, with a reason (decision 0037).
  'dossiers.void': { need: 'supervisor', writes: true },
  'dossiers.correct': { need: 'supervisor', writes: true },
  'printing.jobs': { need: 'clerk' },
  'printing.openJobs': { need: 'clerk' },
  'printing.preview': { need: 'clerk' },
  'printing.reprint': { need: 'clerk', writes: true },
  'printing.retry': { need: 'clerk', writes: true },
  'printing.testPage': { need: 'clerk', writes: true },
  'printing.dismiss': { need: 'clerk', writes: true },
  'printing.events': { need: 'clerk' },
  'reports.register': { need: 'clerk' },
  'reports.registerFile': { need: 'clerk' },
  'reports.periodic': { need: 'supervisor' },
  'reports.periodicFile': { need: 'supervisor' },
  'reports.day': { need: 'clerk' },
  'reports.closeDay': { need: 'clerk', writes: true },
  'reports.dayFile': { need: 'clerk' },
  'reports.printDay': { need: 'clerk', writes: true },
  // Seeing every counter's day and closing it for a clerk is a supervisor's (decision 0037).
  'reports.counterDays': { need: 'supervisor' },
  'reports.closeDayFor': { need: 'supervisor', writes: true },
  'reports.dashboard': { need: 'supervisor' },
  'reports.dashboardList': { need: 'supervisor' },
  'backup.status': { need: 'admin' },
  'backup.create': { need: 'admin', writes: true, realOnly: true },
  'backup.setAutomatic': { need: 'admin', writes: true, realOnly: true },
  // Restoring is how a damaged database is mended: allowed while writes are refused.
  'backup.previewRestore': { need: 'admin', realOnly: true },
  'backup.confirmRestore': { need: 'admin', realOnly: true },
  // A supervisor builds, closes and records the handover of a batch; a clerk sees and prints (decision 0029).
  'batches.waiting': { need: 'clerk' },
  'batches.unfinished': { need: 'clerk' },
  'batches.get': { need: 'clerk' },
  'batches.create': { need: 'supervisor', writes: true },
  'batches.addByCode': { need: 'supervisor', writes: true },
  'batches.addByPick': { need: 'supervisor', writes: true },
  'batches.remove': { need: 'supervisor', writes: true },
  'batches.close': { need: 'supervisor', writes: true },
  'batches.handoverRecord': { need: 'clerk' },
  'batches.printLabel': { need: 'clerk', writes: true },
  'batches.recordHandover': { need: 'supervisor', writes: true },
  'batches.resend': { need: 'supervisor', writes: true },
  // Agencies and their servers' tokens are the administrator's, like the other settings.
  'agencies.list': { need: 'admin' },
  'agencies.save': { need: 'admin', writes: true },
  'agencies.test': { need: 'admin' },
  'exchange.status': { need: 'clerk' },
  'exchange.events': { need: 'clerk' },
  'exchange.attention': { need: 'clerk' },
  // A clerk receives results from the agency and hands them over (decision 0035).
  'returns.registerResultOnly': { need: 'clerk', writes: true },
  'returns.round': { need: 'clerk' },
  'returns.roundPdf': { need: 'clerk' },
  'returns.receive': { need: 'clerk', writes: true },
  'returns.unmatched': { need: 'clerk' },
  'returns.waiting': { need: 'clerk' },
  'returns.find': { need: 'clerk' },
  'returns.get': { need: 'clerk' },
  'returns.notified': { need: 'clerk', writes: true },
  'returns.deliver': { need: 'clerk', writes: true },
  'returns.attemptFailed': { need: 'clerk', writes: true },
  'returns.nextAttempt': { need: 'clerk', writes: true },
  // Practice is opened and closed by a supervisor or an administrator, who answers for the counter's papers.
  'training.state': { need: 'clerk', withoutData: true },
  'training.enter': { need: 'supervisor', writes: true },
  'training.leave': { need: 'supervisor', withoutData: true },
  'scanner.ports': { need: 'clerk' },
  'scanner.status': { need: 'clerk' },
  'scanner.events': { need: 'clerk' },
};

/** A path the table does not name (only possible from outside the contract) is refused. */
export const ruleOf = (path: string): Rule | undefined => (PERMISSIONS as Record<string, Rule>)[path];

export const atLeast = (role: Role, need: Role) => ROLES.indexOf(role) >= ROLES.indexOf(need);

export const ROLE_WORDS: Record<Role, [string, string]> = {
  clerk: ['giao dịch viên', 'clerk'],
  supervisor: ['kiểm soát viên', 'supervisor'],
  admin: ['quản trị', 'administrator'],
};

export const notSignedIn = () =>
  appError('SIGNED_OUT', 'Chưa đăng nhập hoặc phiên đã kết thúc. Hãy đăng nhập bằng mã và mật khẩu của mình.', 'Not signed in, or the session has ended. Sign in with your own code and password.', { status: 'UNAUTHORIZED' });

export const sessionLocked = () =>
  appError('SESSION_LOCKED', 'Quầy đang khoá. Nhập mật khẩu để mở khoá.', 'The counter is locked. Enter your password to unlock it.', { status: 'UNAUTHORIZED' });

export const forbidden = (need: Role) =>
  appError(
    'FORBIDDEN',
    `Việc này cần quyền ${ROLE_WORDS[need][0]}. Nhờ người có quyền đó làm, hoặc đăng nhập bằng tài khoản của họ.`,
    `This needs ${ROLE_WORDS[need][1]} rights. Ask someone who has them, or have them sign in.`,
    { status: 'FORBIDDEN' },
  );

/**
 * A citizen's lookup on a damaged file (decision 0068): it could be recorded nowhere — the file
 * takes no writes, and a side record would be one "Kiểm tra" never reads — so it is refused as on
 * a moved counter (LOOKUP_NEEDS_OFFICE_SERVER), with the way on: a restored backup.
 */
export const lookupWaitsForRestore = (dataDir: string, detail: string) =>
  appError(
    'LOOKUP_NEEDS_RESTORE',
    `Chưa tra cứu được: cơ sở dữ liệu của quầy bị hỏng (${detail}) nên không ghi được nhật ký tra cứu, mà mỗi lần tra cứu dữ liệu của người dân đều phải được ghi lại. Quản trị viên khôi phục bản sao lưu gần nhất (Cài đặt → Sao lưu và khôi phục) rồi mở lại ứng dụng (thư mục dữ liệu: ${dataDir}).`,
    `Lookup not possible: the counter's database is damaged (${detail}), so no lookup can be recorded, and every lookup of citizens' data must be. The administrator restores the latest backup (Settings → Backup and restore) and restarts the app (data folder: ${dataDir}).`,
    { status: 'CONFLICT' },
  );

export const damagedDatabase = (dataDir: string, detail: string) =>
  appError(
    'DB_DAMAGED',
    `Cơ sở dữ liệu bị hỏng (${detail}). Ứng dụng chỉ cho xem, không cho ghi, để không làm hỏng thêm. Báo quản trị khôi phục từ bản sao lưu gần nhất (thư mục dữ liệu: ${dataDir}).`,
    `The database is damaged (${detail}). The app only shows data and refuses writes, so nothing gets worse. Ask the administrator to restore the latest backup (data folder: ${dataDir}).`,
    { status: 'INTERNAL_SERVER_ERROR' },
  );
