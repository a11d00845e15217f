import type { OfficeServer, OfficeServerReport } from '../../../../shared/contract/office-server.js';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import { CONNECT_TIMEOUT_MS } from './pool.js';

const TLS_CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface ConnectionProblem {
  outcome: Exclude<OfficeServerReport['outcome'], 'ok'>;
  words: Msg;
}

const problem = (outcome: ConnectionProblem['outcome'], words: Msg): ConnectionProblem => ({ outcome, words });

/**
 * Why a connection to the office server failed or broke, in the administrator's words, pointing
 * at what to change; null for a failure that is not about reaching or entering the server.
 */
export function connectionProblem(error: unknown, server: OfficeServer): ConnectionProblem | null {
  const e = error as { code?: string; message?: string };
  const where = `${server.host}:${server.port}`;
  const message = e.message ?? '';
  if (e.code === 'ECONNREFUSED') {
    return problem('unreachable', msg(
      `Không kết nối được tới ${where}: không có máy chủ PostgreSQL nào nghe ở cổng này. Kiểm tra địa chỉ, cổng, và máy chủ đã chạy chưa.`,
      `Cannot reach ${where}: no PostgreSQL server is listening on that port. Check the address, the port, and that the server is running.`,
    ));
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return problem('host-unknown', msg(
      `Không tìm thấy máy chủ "${server.host}" trên mạng. Kiểm tra tên máy chủ, hoặc dùng địa chỉ IP.`,
      `No computer named "${server.host}" was found on the network. Check the name, or use its IP address.`,
    ));
  }
  // node-postgres' own words when the server never answered (connect or query_timeout); a
  // statement the server itself cancelled for taking too long (57014) is not one of these.
  if (e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' || /connection timeout|timeout expired|Query read timeout/i.test(message)) {
    return problem('timeout', msg(
      `${where} không trả lời trong ${CONNECT_TIMEOUT_MS / 1000} giây. Kiểm tra mạng, tường lửa, và cổng máy chủ.`,
      `${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} seconds. Check the network, the firewall and the server's port.`,
    ));
  }
  if (e.code === '28P01') {
    // The server says the same for an unknown role, on purpose: it does not tell which one is wrong.
    return problem('wrong-password', msg(
      `Máy chủ từ chối đăng nhập của vai trò "${server.role}": sai mật khẩu hoặc vai trò không tồn tại.`,
      `The server refused the login of role "${server.role}": wrong password, or no such role.`,
    ));
  }
  if (e.code === '3D000') {
    return problem('no-database', msg(
      `Máy chủ không có cơ sở dữ liệu "${server.database}". Nhờ bộ phận CNTT tạo nó (xem README, mục máy chủ văn phòng).`,
      `The server has no database "${server.database}". Ask IT to create it (see the README, office server section).`,
    ));
  }
  if (e.code === '28000' && /no encryption/.test(message)) {
    return problem('tls-required', msg(
      'Máy chủ chỉ nhận kết nối mã hoá (TLS). Chọn TLS "require" hoặc "verify-full".',
      'The server accepts encrypted (TLS) connections only. Choose TLS "require" or "verify-full".',
    ));
  }
  if (e.code === '28000') {
    return problem('refused-by-server', msg(
      `Máy chủ không cho vai trò "${server.role}" vào cơ sở dữ liệu "${server.database}" từ máy này (pg_hba.conf). Nhờ bộ phận CNTT cho phép.`,
      `The server does not let role "${server.role}" into database "${server.database}" from this computer (pg_hba.conf). Ask IT to allow it.`,
    ));
  }
  if (/does not support SSL/i.test(message)) {
    return problem('tls-unavailable', msg(
      'Máy chủ không bật TLS nên không mã hoá được kết nối. Nhờ bộ phận CNTT bật TLS; chỉ chọn "disable" trong mạng nội bộ tin cậy.',
      'The server has TLS switched off, so the connection cannot be encrypted. Ask IT to enable TLS; choose "disable" only on a trusted office network.',
    ));
  }
  if (e.code && TLS_CERT_CODES.has(e.code)) {
    return problem('tls-failed', msg(
      `Chứng chỉ của máy chủ không được xác minh (${e.code}): không do tệp CA đã chọn ký, hết hạn, hoặc không mang tên "${server.host}". Không gửi mật khẩu tới máy chủ này.`,
      `The server's certificate did not verify (${e.code}): not signed by the chosen CA file, expired, or not issued for "${server.host}". No password was sent to it.`,
    ));
  }
  if (e.code === '57P01' || e.code === '57P02' || e.code === '57P03' || /Connection terminated|ECONNRESET/.test(`${message} ${e.code}`)) {
    return problem('unreachable', msg(
      `Máy chủ ${where} vừa ngắt kết nối (đang tắt hoặc khởi động lại).`,
      `The server ${where} dropped the connection (shutting down or restarting).`,
    ));
  }
  return null;
}

