import pg from 'pg';
import type { OfficeServerReport, OfficeServerTest } from '../../../../shared/contract/office-server.js';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import { loadPgMigrations, schemaStateOf } from './migrate-pg.js';
import { clientConfig } from './pool.js';
import { connectionProblem } from './connection-words.js';
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
    const why = connectionProblem(error, t.server);
    if (!why) throw error;
    return report(why.outcome, why.words);
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
