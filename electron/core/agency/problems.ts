/**
 * Why an exchange with the agency server did not succeed, in words for the clerk and the
 * supervisor (both languages), with what to do. `permanent` problems stop the batch until a
 * person acts; the others are retried by themselves.
 */
import { msg, type Msg } from '../../../shared/i18n/msg.js';

export interface AgencyProblem {
  code: string;
  permanent: boolean;
  text: Msg;
  /** the HTTP status, when the server answered */
  status?: number;
  /** the server's own words or the network error, for the log and the details pane */
  detail?: string;
}

const permanent = (code: string, text: Msg, status?: number, detail?: string): AgencyProblem => ({ code, permanent: true, text, status, detail });
const transient = (code: string, text: Msg, status?: number, detail?: string): AgencyProblem => ({ code, permanent: false, text, status, detail });

export const problems = {
  badUrl: (url: string) =>
    permanent(
      'AGENCY_URL_INVALID',
      msg(
        `Địa chỉ máy chủ cơ quan "${url}" không dùng được: phải là https://… (http:// chỉ cho máy này). Sửa trong Cài đặt → Cơ quan rồi bấm Kiểm tra kết nối.`,
        `The agency server address "${url}" cannot be used: it must be https://… (http:// only for this machine). Correct it in Settings → Agencies, then press Test connection.`,
      ),
    ),
  badRequest: (what: Msg, detail?: string) =>
    permanent(
      'AGENCY_BAD_REQUEST',
      msg(
        `Máy chủ cơ quan từ chối ${what.vi} vì sai định dạng; không tự gửi lại. Báo quản trị kèm mã lô và chi tiết lỗi.`,
        `The agency server refused ${what.en} as malformed; it will not be resent by itself. Tell the administrator, with the batch number and the error details.`,
      ),
      400,
      detail,
    ),
  unauthorized: (detail?: string) =>
    permanent(
      'AGENCY_UNAUTHORIZED',
      msg(
        'Máy chủ cơ quan không nhận mã truy cập của bưu cục. Nhập lại mã truy cập trong Cài đặt → Cơ quan và bấm Kiểm tra kết nối; việc gửi sẽ tiếp tục sau đó.',
        'The agency server does not accept the post office’s token. Enter the token again in Settings → Agencies and press Test connection; sending resumes after that.',
      ),
      401,
      detail,
    ),
  forbidden: (detail?: string) =>
    permanent(
      'AGENCY_FORBIDDEN',
      msg(
        'Mã truy cập không có quyền gửi cho bưu cục này. Kiểm tra mã bưu cục và mã truy cập trong Cài đặt → Cơ quan, hoặc hỏi cơ quan cấp lại mã.',
        'The token may not send for this post office. Check the post office code and the token in Settings → Agencies, or ask the agency for a new token.',
      ),
      403,
      detail,
    ),
  conflict: (key: string, detail?: string) =>
    permanent(
      'AGENCY_KEY_CONFLICT',
      msg(
        `Mã ${key} đã được máy chủ cơ quan ghi nhận với nội dung khác; không gửi lại. Báo quản trị để đối chiếu với cơ quan.`,
        `The agency server already recorded ${key} with other content; it is not resent. Tell the administrator to reconcile with the agency.`,
      ),
      409,
      detail,
    ),
  itemTooLarge: (item: string, detail?: string) =>
    permanent(
      'AGENCY_ITEM_TOO_LARGE',
      msg(
        `Hồ sơ ${item} vượt giới hạn dung lượng của máy chủ cơ quan ngay cả khi gửi riêng. Báo quản trị để cơ quan nâng giới hạn.`,
        `Dossier ${item} exceeds the agency server’s size limit even when sent alone. Tell the administrator so the agency raises the limit.`,
      ),
      413,
      detail,
    ),
  unexpected: (status: number, detail?: string) =>
    permanent(
      'AGENCY_UNEXPECTED_ANSWER',
      msg(
        `Máy chủ cơ quan trả lời bất thường (HTTP ${status}); lô chưa được xác nhận và không tự gửi lại. Báo quản trị.`,
        `The agency server gave an unexpected answer (HTTP ${status}); the batch is not confirmed and is not resent by itself. Tell the administrator.`,
      ),
      status,
      detail,
    ),
  unreadable: (what: Msg, detail: string, status?: number) =>
    permanent(
      'AGENCY_UNREADABLE_ANSWER',
      msg(
        `Không đọc được ${what.vi} từ máy chủ cơ quan (không đúng hợp đồng). Báo quản trị kèm chi tiết lỗi.`,
        `The ${what.en} from the agency server could not be read (it does not follow the contract). Tell the administrator, with the error details.`,
      ),
      status,
      detail,
    ),
  busy: (status: number, detail?: string) =>
    transient(
      'AGENCY_BUSY',
      msg('Máy chủ cơ quan đang bận; sẽ tự gửi lại sau thời gian máy chủ yêu cầu.', 'The agency server is busy; sending resumes by itself after the time it asked for.'),
      status,
      detail,
    ),
  serverError: (status: number, detail?: string) =>
    transient(
      'AGENCY_SERVER_ERROR',
      msg('Máy chủ cơ quan gặp lỗi; sẽ tự gửi lại (không bị gửi trùng).', 'The agency server failed; sending resumes by itself (nothing is sent twice).'),
      status,
      detail,
    ),
  /** transient on purpose: it is retried, but its words send a person to the setting to fix */
  untrusted: (detail: string) =>
    transient(
      'AGENCY_TLS_UNTRUSTED',
      msg(
        'Chứng chỉ bảo mật của máy chủ cơ quan không được tin cậy (hết hạn, sai tên hoặc tự cấp); chưa gửi được. Kiểm tra địa chỉ máy chủ trong Cài đặt → Cơ quan, hoặc nhờ quản trị cài chứng chỉ của tỉnh; quầy vẫn làm việc và sẽ tự gửi lại.',
        'The agency server’s security certificate is not trusted (expired, wrong name or self-issued); nothing was sent. Check the server address in Settings → Agencies, or ask the administrator to install the province’s certificate; the counter keeps working and sending resumes by itself.',
      ),
      undefined,
      detail,
    ),
  unreachable: (detail: string) =>
    transient(
      'AGENCY_UNREACHABLE',
      msg(
        'Chưa kết nối được máy chủ cơ quan; quầy vẫn làm việc bình thường và sẽ tự gửi lại khi có mạng (không bị gửi trùng).',
        'The agency server cannot be reached; the counter keeps working and sending resumes by itself when the network is back (nothing is sent twice).',
      ),
      undefined,
      detail,
    ),
};
