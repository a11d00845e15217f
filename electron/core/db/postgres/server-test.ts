import pg from 'pg';
import type { OfficeServerReport, OfficeServerTest } from '../../../../shared/contract/office-server.js';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import { loadPgMigrations, schemaStateOf } from './migrate-pg.js';
import { clientConfig, CONNECT_TIMEOUT_MS } from './pool.js';
import type { Migration } from '../migrate.js';

/** Identity columns, EXECUTE FUNCTION triggers and the rest of migration 015 need this at least. */
export const MIN_SERVER_VERSION = 130000;

type Outcome = OfficeServerReport['outcome'];
const report = (outcome: Outcome, words: Msg, extra: Partial<Pick<OfficeServerReport, 'serverVersion' | 'schema'>> = {}): OfficeServerReport => ({
  ok: outcome === 'ok',
  outcome,
  ...words,
  serverVersion: extra.serverVersion ?? null,
  schema: extra.schema ?? null,
});

const TLS_CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Why a connection was not made, in the administrator's words, pointing at what to change. */
function whyNotConnected(error: unknown, t: OfficeServerTest): OfficeServerReport {
  const e = error as { code?: string; message?: string };
  const where = `${t.server.host}:${t.server.port}`;
  const message = e.message ?? '';
  if (e.code === 'ECONNREFUSED') {
    return report('unreachable', msg(
      `Không kết nối được tới ${where}: không có máy chủ PostgreSQL nào nghe ở cổng này. Kiểm tra địa chỉ, cổng, và máy chủ đã chạy chưa.`,
      `Cannot reach ${where}: no PostgreSQL server is listening on that port. Check the address, the port, and that the server is running.`,
    ));
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return report('host-unknown', msg(
      `Không tìm thấy máy chủ "${t.server.host}" trên mạng. Kiểm tra tên máy chủ, hoặc dùng địa chỉ IP.`,
      `No computer named "${t.server.host}" was found on the network. Check the name, or use its IP address.`,
    ));
  }
  if (e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' || /timeout/i.test(message)) {
    return report('timeout', msg(
      `${where} không trả lời trong ${CONNECT_TIMEOUT_MS / 1000} giây. Kiểm tra mạng, tường lửa, và cổng máy chủ.`,
      `${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} seconds. Check the network, the firewall and the server's port.`,
    ));
  }
  if (e.code === '28P01') {
    // The server says the same for an unknown role, on purpose: it does not tell which one is wrong.
    return report('wrong-password', msg(
      `Máy chủ từ chối đăng nhập của vai trò "${t.server.role}": sai mật khẩu hoặc vai trò không tồn tại.`,
      `The server refused the login of role "${t.server.role}": wrong password, or no such role.`,
    ));
  }
  if (e.code === '3D000') {
    return report('no-database', msg(
      `Máy chủ không có cơ sở dữ liệu "${t.server.database}". Nhờ bộ phận CNTT tạo nó (xem README, mục máy chủ văn phòng).`,
      `The server has no database "${t.server.database}". Ask IT to create it (see the README, office server section).`,
    ));
  }
  if (e.code === '28000' && /no encryption/.test(message)) {
    return report('tls-required', msg(
      'Máy chủ chỉ nhận kết nối mã hoá (TLS). Chọn TLS "require" hoặc "verify-full".',
      'The server accepts encrypted (TLS) connections only. Choose TLS "require" or "verify-full".',
    ));
  }
  if (e.code === '28000') {
    return report('refused-by-server', msg(
      `Máy chủ không cho vai trò "${t.server.role}" vào cơ sở dữ liệu "${t.server.database}" từ máy này (pg_hba.conf). Nhờ bộ phận CNTT cho phép.`,
      `The server does not let role "${t.server.role}" into database "${t.server.database}" from this computer (pg_hba.conf). Ask IT to allow it.`,
    ));
  }
  if (/does not support SSL/i.test(message)) {
    return report('tls-unavailable', msg(
      'Máy chủ không bật TLS nên không mã hoá được kết nối. Nhờ bộ phận CNTT bật TLS; chỉ chọn "disable" trong mạng nội bộ tin cậy.',
      'The server has TLS switched off, so the connection cannot be encrypted. Ask IT to enable TLS; choose "disable" only on a trusted office network.',
    ));
  }
  if (e.code && TLS_CERT_CODES.has(e.code)) {
    return report('tls-failed', msg(
      `Chứng chỉ của máy chủ không được xác minh (${e.code}): không do tệp CA đã chọn ký, hết hạn, hoặc không mang tên "${t.server.host}". Không gửi mật khẩu tới máy chủ này.`,
      `The server's certificate did not verify (${e.code}): not signed by the chosen CA file, expired, or not issued for "${t.server.host}". No password was sent to it.`,
    ));
  }
  throw error;
}

/**
 * "Test the connection" for an office server, before any switch: connects, checks the server
 * version, that the role is not a superuser (least privilege) and may create the schema, and
 * what state the schema is in. Changes nothing on the server; answers in words, never throws for
 * a server that said no.
 */
export async function testOfficeServer(t: OfficeServerTest, migrations: readonly Migration[] = loadPgMigrations()): Promise<OfficeServerReport> {
  let config: pg.ClientConfig;
  try {
    config = clientConfig(t.server, t.password, 'bcci-counter (connection test)');
  } catch (error) {
    return report('ca-file', msg(
      `Không đọc được tệp chứng chỉ CA "${t.server.caFile}" (${(error as { code?: string }).code ?? 'lỗi'}). Kiểm tra đường dẫn.`,
      `Cannot read the CA certificate file "${t.server.caFile}" (${(error as { code?: string }).code ?? 'error'}). Check the path.`,
    ));
  }
  const client = new pg.Client(config);
  // An error after connecting (the server going away mid-test) must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    return whyNotConnected(error, t);
  }
  try {
    const facts = (
      await client.query<{ version_num: number; version: string; rolsuper: boolean; can_create: boolean }>(
        `SELECT current_setting('server_version_num')::int AS version_num, current_setting('server_version') AS version,
           r.rolsuper, has_schema_privilege('public', 'CREATE') AS can_create
         FROM pg_roles r WHERE r.rolname = current_user`,
      )
    ).rows[0]!;
    const serverVersion = `PostgreSQL ${facts.version}`;
    if (facts.version_num < MIN_SERVER_VERSION) {
      return report('server-too-old', msg(
        `${serverVersion} quá cũ; ứng dụng cần PostgreSQL 13 trở lên.`,
        `${serverVersion} is too old; the app needs PostgreSQL 13 or later.`,
      ), { serverVersion });
    }
    if (facts.rolsuper) {
      return report('superuser', msg(
        `Vai trò "${t.server.role}" là superuser. Ứng dụng không dùng superuser: hãy tạo một vai trò riêng không có quyền superuser, sở hữu cơ sở dữ liệu của bưu cục (xem README).`,
        `Role "${t.server.role}" is a superuser. The app does not use a superuser: create a role of its own without superuser rights that owns the office's database (see the README).`,
      ), { serverVersion });
    }
    const state = await schemaStateOf(client, migrations);
    if (state.kind === 'refused') {
      const newer = state.error.data.code === 'DB_NEWER_THAN_APP';
      return report(newer ? 'schema-newer' : 'schema-mismatch', state.error.data, { serverVersion });
    }
    const schema = { applied: state.applied, pending: state.pending };
    if (state.pending > 0 && !facts.can_create) {
      return report('cannot-create', msg(
        `Vai trò "${t.server.role}" không được tạo bảng trong cơ sở dữ liệu "${t.server.database}". Cho vai trò này sở hữu cơ sở dữ liệu (ALTER DATABASE ... OWNER TO ...).`,
        `Role "${t.server.role}" may not create tables in database "${t.server.database}". Make it the database's owner (ALTER DATABASE ... OWNER TO ...).`,
      ), { serverVersion, schema });
    }
    const schemaWords =
      state.applied === 0
        ? msg('cơ sở dữ liệu còn trống, sẽ được tạo cấu trúc khi chuyển sang', 'the database is empty; its tables are made at the switch')
        : state.pending > 0
          ? msg(`cấu trúc sẽ được cập nhật ${state.pending} bước khi mở`, `its schema gets ${state.pending} step(s) newer when opened`)
          : msg('cấu trúc đúng với phiên bản ứng dụng này', 'its schema matches this app version');
    return report('ok', msg(
      `Kết nối được tới ${serverVersion} với vai trò "${t.server.role}"; ${schemaWords.vi}.`,
      `Connected to ${serverVersion} as role "${t.server.role}"; ${schemaWords.en}.`,
    ), { serverVersion, schema });
  } finally {
    await client.end().catch(() => undefined);
  }
}
