import { basename } from 'node:path';
import { actionLabel } from '../../../shared/audit/actions.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';

/**
 * One audit entry in words for the supervisor's screen: what was done (the action's name) and on
 * what (from the entry's detail). The detail is never sent to the page as it is stored: a lookup's
 * query holds a citizen's ID number or name, so only a masked form leaves the core.
 */
export interface EntryWords {
  what: Msg;
  /** on what: an account, a print job, a file, a masked search; '' when the action says it all */
  about: Msg;
}

type Detail = Record<string, unknown>;

const ROLES: Record<string, Msg> = {
  clerk: msg('giao dịch viên', 'clerk'),
  supervisor: msg('giám sát viên', 'supervisor'),
  admin: msg('quản trị', 'administrator'),
};
const role = (r: unknown): Msg => ROLES[String(r)] ?? msg(String(r), String(r));
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const none = msg('', '');

/** An ID or phone number keeps its last two digits; a name keeps its initials. */
export function maskQuery(query: string): string {
  const digits = query.replace(/\D/g, '');
  if (digits.length >= 6) return `•••${digits.slice(-2)}`;
  return query
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w.normalize('NFC')][0]!.toUpperCase()}.`)
    .join(' ');
}

const account = (d: Detail): Msg => {
  const name = text(d['name']) ? ` (${text(d['name'])})` : '';
  const r = d['role'] ? role(d['role']) : null;
  return msg(`tài khoản ${text(d['code'])}${name}${r ? `, ${r.vi}` : ''}`, `account ${text(d['code'])}${name}${r ? `, ${r.en}` : ''}`);
};

const fromBackup = (d: Detail): Msg => {
  const at = text(d['backedUpAt']);
  const when = at ? formatDateTime(at) : '';
  return msg(`tệp ${text(d['fileName'])}${when ? `, sao lưu lúc ${when}` : ''}`, `file ${text(d['fileName'])}${when ? `, backed up ${when}` : ''}`);
};

/**
 * A failed take-in of an audit key. Only wrong passphrases are recorded now; entries written
 * before that also recorded the refusals (decision 0055): a try while a wait ran, or while
 * another key file was being opened.
 */
function keyImportFailed(d: Detail): Msg {
  if (d['reason'] === 'WAIT') {
    const until = text(d['retryAfter']);
    return msg(
      `bị từ chối: đang phải chờ sau nhiều lần sai mật khẩu${until ? ` (đến ${formatDateTime(until)})` : ''}`,
      `refused: a wait after wrong passphrases was running${until ? ` (until ${formatDateTime(until)})` : ''}`,
    );
  }
  if (d['reason'] === 'BUSY') return msg('bị từ chối: quầy đang mở một tệp khoá khác', 'refused: the counter was opening another key file');
  return msg(`sai mật khẩu của tệp khoá (lần ${text(d['inARow'])} liên tiếp)`, `wrong key-file passphrase (${text(d['inARow'])} in a row)`);
}

/** The dossiers a purge kept whose intake entries it removed: recorded again (decision 0066). */
function keptWords(d: Detail): Msg {
  const n = Array.isArray(d['kept']) ? d['kept'].length : 0;
  return n > 0 ? msg(`ghi lại ${n} hồ sơ còn giữ có mục tiếp nhận đã xoá`, `recorded again ${n} kept dossiers whose intake entries were purged`) : none;
}

const ABOUT: Record<string, (d: Detail) => Msg> = {
  'session.signIn': (d) => msg(`vai trò ${role(d['role']).vi}`, `as ${role(d['role']).en}`),
  'session.signOut': (d) => (d['switchedTo'] ? msg(`chuyển sang ${text(d['switchedTo'])}`, `switched to ${text(d['switchedTo'])}`) : none),
  'session.unlock': (d) => (d['by'] ? msg(`mở bởi ${text(d['by'])}`, `by ${text(d['by'])}`) : none),
  'access.denied': (d) =>
    msg(
      `chức năng ${text(d['procedure'])}${d['need'] ? `, cần quyền ${role(d['need']).vi}` : ''}`,
      `procedure ${text(d['procedure'])}${d['need'] ? `, needs ${role(d['need']).en}` : ''}`,
    ),
  'accounts.setup': account,
  'accounts.create': account,
  'accounts.resetSecret': account,
  'accounts.setDisabled': (d) => {
    const a = account(d);
    return d['disabled'] ? msg(`${a.vi}: khoá`, `${a.en}: disabled`) : msg(`${a.vi}: mở lại`, `${a.en}: enabled`);
  },
  lookup: (d) => {
    const query = text(d['query']);
    const kind = text(d['kind']);
    if (kind === 'code') return msg(`theo mã ${query}`, `by code ${query}`);
    const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(query);
    if (kind.startsWith('register') && range) {
      const [from, to] = [formatDate(range[1]!), formatDate(range[2]!)];
      const file = kind.split('.')[1]?.toUpperCase();
      return file
        ? msg(`lưu sổ theo dõi (${file}) từ ${from} đến ${to}`, `saved the register (${file}) from ${from} to ${to}`)
        : msg(`xem sổ theo dõi từ ${from} đến ${to}`, `viewed the register from ${from} to ${to}`);
    }
    const q = maskQuery(query);
    return kind === 'name' ? msg(`theo tên ${q}`, `by name ${q}`) : msg(`theo số giấy tờ hoặc điện thoại ${q}`, `by ID or phone number ${q}`);
  },
  'settings.update': (d) => {
    const keys = Array.isArray(d['changed']) ? d['changed'].map(text).join(', ') : '';
    return msg(`mục ${keys}`, `sections ${keys}`);
  },
  'settings.carried': (d) => {
    const rows = Array.isArray(d['rows']) ? d['rows'].map(text).join(', ') : '';
    return msg(`mục ${rows}`, `sections ${rows}`);
  },
  'settings.rangeTaken': (d) => msg(`quầy ${text(d['counter'])}, dải ${text(d['range'])}`, `counter ${text(d['counter'])}, range ${text(d['range'])}`),
  'catalog.import': (d) =>
    msg(
      `phiên bản ${text(d['version'])}, ${text(d['procedures'])} thủ tục${d['demo'] ? ' (mẫu)' : ''}, tệp ${text(d['source'])}`,
      `version ${text(d['version'])}, ${text(d['procedures'])} procedures${d['demo'] ? ' (demo)' : ''}, file ${text(d['source'])}`,
    ),
  'office.switched': (d) =>
    msg(
      `từ tệp ${text(d['file'])}, dữ liệu chuyển lên ${text(d['movedTo'])} lúc ${formatDateTime(text(d['movedAt']))} (mục số ${text(d['moveEntry'])})`,
      `from file ${text(d['file'])}, data moved to ${text(d['movedTo'])} at ${formatDateTime(text(d['movedAt']))} (entry ${text(d['moveEntry'])})`,
    ),
  'calendar.notice': (d) => msg(`năm ${text(d['year'])}, văn bản ${text(d['reference'])}`, `year ${text(d['year'])}, notice ${text(d['reference'])}`),
  'printing.dismiss': (d) => msg(`lệnh in số ${text(d['jobId'])}`, `print job ${text(d['jobId'])}`),
  'backup.create': (d) => msg(`tệp ${basename(text(d['path']))}`, `file ${basename(text(d['path']))}`),
  'backup.restore': fromBackup,
  'backup.restored': (d) => fromBackup((d['from'] as Detail | undefined) ?? {}),
  'dossier.intake': (d) =>
    d['registerNo']
      ? msg(`tiếp nhận, số sổ ${text(d['registerNo'])}${d['itemNumber'] ? `, số hiệu ${text(d['itemNumber'])}` : ''}`, `accepted, register no. ${text(d['registerNo'])}${d['itemNumber'] ? `, item ${text(d['itemNumber'])}` : ''}`)
      : msg('hướng dẫn, chưa tiếp nhận', 'guided, not accepted'),
  'dossier.unsealedRecorded': (d) => {
    const n = (k: string) => text((d[k] as Record<string, unknown> | undefined)?.['count']);
    return msg(`${n('dossiers')} hồ sơ, ${n('events')} sự kiện, ${n('jobs')} lệnh in không có mã xác thực`, `${n('dossiers')} dossiers, ${n('events')} events, ${n('jobs')} print jobs without a MAC`);
  },
  'retention.setPeriod': (d) => msg(`${text(d['years'])} năm (trước đó ${text(d['before'])} năm)`, `${text(d['years'])} years (was ${text(d['before'])})`),
  'audit.keyExported': (d) => msg(`dấu khoá ${text(d['fingerprint'])}`, `key fingerprint ${text(d['fingerprint'])}`),
  'audit.keyImported': (d) => {
    // Taken in by the command after the data key was lost (decision 0065): which files went aside.
    const via = d['via'] ? msg(`, bằng lệnh ${text(d['via'])} khi mất khoá dữ liệu`, `, by ${text(d['via'])} after the data key was lost`) : none;
    // Entries written before the command said so carry neither: nothing is claimed for them.
    const checked =
      d['unchecked'] === true
        ? msg(', đặt vào không kiểm tra với nhật ký (--unchecked)', ', put in without checking it against the trail (--unchecked)')
        : d['unchecked'] === false
          ? msg(', đã kiểm tra khớp với nhật ký', ', checked against the trail')
          : none;
    return msg(`dấu khoá ${text(d['fingerprint'])}, bưu cục ${text(d['office'])}${via.vi}${checked.vi}`, `key fingerprint ${text(d['fingerprint'])}, office ${text(d['office'])}${via.en}${checked.en}`);
  },
  'audit.keyImportFailed': keyImportFailed,
  'retention.purgeStarted': (d) =>
    msg(
      `${text(d['dossiers'])} hồ sơ và ${text(d['entries'])} mục nhật ký trước ${formatDateTime(text(d['cutoff']))}, ${text(d['chunks'])} phần${d['resumes'] ? `; tiếp tục lần xoá dừng dở ở mục số ${text(d['resumes'])}` : ''}`,
      `${text(d['dossiers'])} dossiers and ${text(d['entries'])} audit entries before ${formatDateTime(text(d['cutoff']))}, ${text(d['chunks'])} parts${d['resumes'] ? `; takes up the purge left unfinished at entry ${text(d['resumes'])}` : ''}`,
    ),
  'retention.purgeChunk': (d) =>
    join([
      msg(
        `xong phần ${text(d['chunk'])}/${text(d['chunks'])}: ${text(d['dossiers'])} hồ sơ, ${text(d['entries'])} mục nhật ký`,
        `part ${text(d['chunk'])} of ${text(d['chunks'])} done: ${text(d['dossiers'])} dossiers, ${text(d['entries'])} audit entries`,
      ),
      keptWords(d),
    ]),
  'retention.purge': (d) =>
    join([
      msg(
        `${text(d['dossiers'])} hồ sơ và ${text(d['entries'])} mục nhật ký trước ${formatDateTime(text(d['cutoff']))}`,
        `${text(d['dossiers'])} dossiers and ${text(d['entries'])} audit entries before ${formatDateTime(text(d['cutoff']))}`,
      ),
      keptWords(d),
    ]),
};

/** What every entry that names a dossier adds, whatever its action (newer kinds of writes included). */
const dossierOf = (d: Detail): Msg =>
  d['dossierId'] !== undefined ? msg(`hồ sơ số ${text(d['dossierId'])}`, `dossier ${text(d['dossierId'])}`) : none;

const join = (parts: Msg[]): Msg => {
  const kept = parts.filter((p) => p.vi !== '');
  return msg(kept.map((p) => p.vi).join('; '), kept.map((p) => p.en).join('; '));
};

export function describeEntry(action: string, detailJson: string): EntryWords {
  let detail: Detail = {};
  try {
    const parsed: unknown = JSON.parse(detailJson);
    if (parsed && typeof parsed === 'object') detail = parsed as Detail;
  } catch {
    // An unreadable detail still shows what was done; "Kiểm tra" says whether it was altered.
  }
  const about = ABOUT[action];
  const jobs = action === 'printing.retry' ? msg(`lệnh in số ${text(detail['jobId'])}`, `print job ${text(detail['jobId'])}`) : none;
  return { what: actionLabel(action), about: join([about ? about(detail) : none, jobs, dossierOf(detail)]) };
}
