import type { OfficeServer } from '../../../shared/contract/office-server.js';
import type { OfficeMovePreview } from '../../../shared/contract/office-move.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { readChain, verifyChain } from '../audit/verify.js';
import type { Data } from '../db/data.js';
import { loadMigrations, stepsToApply, type Migration } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { hasRows, postgresFacts, rowCount, sqliteFacts, type EngineFacts } from './engine-facts.js';
import { MOVED_TABLES, unknownTables } from './tables.js';

export interface MoveSides {
  /** the counter's SQLite data, read inside one transaction so every figure is of one moment */
  counter: Data;
  /** the office server, migrated by openOfficeDatabase */
  office: Data;
  server: OfficeServer;
  auditKey: Buffer;
  /** what the integrity check at start found wrong with the SQLite file */
  damage: string | null;
  /** the agency tokens of the counter's own file that the office server will not take, in words */
  tokensLeftBehind?: () => Msg | null;
  /** the SQLite steps this app ships; a test passes a longer list to stand for a newer app */
  migrations?: readonly Migration[];
}

/** Why the counter's data cannot move, in words; null when it can. Checked again inside the move. */
async function refusalOf(sides: MoveSides): Promise<Msg | null> {
  if (sides.damage) {
    return msg(
      `Tệp dữ liệu của quầy bị hỏng (${sides.damage}); không chuyển dữ liệu hỏng lên máy chủ. Khôi phục bản sao lưu trước.`,
      `The counter's data file is damaged (${sides.damage}); damaged data is not moved to the server. Restore a backup first.`,
    );
  }
  try {
    const done = await sides.counter.selectFrom('schema_migrations').select(['version', 'name', 'sha256']).execute();
    const pending = stepsToApply(done, sides.migrations ?? loadMigrations());
    if (pending.length > 0) {
      return msg(
        `Tệp dữ liệu của quầy chưa được cập nhật lên phiên bản hiện tại (còn ${pending.length} bước, từ bước ${pending[0]!.version}). Mở ứng dụng trên quầy này một lần để cập nhật, rồi chuyển.`,
        `The counter's data file is not at the current version (${pending.length} steps to go, from step ${pending[0]!.version}). Open the app on this counter once to update it, then move.`,
      );
    }
  } catch (error) {
    if (error instanceof AppError) return { vi: error.data!.vi, en: error.data!.en };
    throw error;
  }
  for (const [engine, db, facts] of [['SQLite', sides.counter, sqliteFacts], ['PostgreSQL', sides.office, postgresFacts]] as const) {
    const unknown = unknownTables(await facts.tables(db));
    if (unknown.length > 0) {
      return msg(
        `Dữ liệu ${engine} có bảng mà phiên bản này không biết chuyển (${unknown.join(', ')}). Cài phiên bản mới nhất trên quầy rồi chuyển.`,
        `The ${engine} data has tables this version does not know how to move (${unknown.join(', ')}). Install the latest version on the counter, then move.`,
      );
    }
  }
  for (const { table } of MOVED_TABLES) {
    const [here, there] = await Promise.all([columnsOf(sqliteFacts, sides.counter, table), columnsOf(postgresFacts, sides.office, table)]);
    if (here !== there) {
      return msg(
        `Bảng ${table} trên quầy (${here}) và trên máy chủ (${there}) không cùng cột; hai bên phải cùng phiên bản ứng dụng.`,
        `Table ${table} has different columns on the counter (${here}) and on the server (${there}); both must be at the same app version.`,
      );
    }
  }
  const holding: Msg[] = [];
  for (const t of MOVED_TABLES) if (await hasRows(sides.office, t.table)) holding.push(t.name);
  if (holding.length > 0) {
    // The first few kinds say enough for a refusal.
    const some = (lang: keyof Msg, others: string) =>
      holding.slice(0, 3).map((m) => m[lang]).join(', ') + (holding.length > 3 ? ` ${others.replace('N', String(holding.length - 3))}` : '');
    return msg(
      `Máy chủ ${sides.server.host}/${sides.server.database} đã có dữ liệu (${some('vi', 'và N loại khác')}). Chỉ chuyển vào một cơ sở dữ liệu trống: dữ liệu đã có không bị ghi đè hay trộn lẫn. Để quầy này làm việc chung với bưu cục thì không chuyển: bật Cài đặt → Máy chủ dữ liệu bưu cục rồi mở lại ứng dụng; tệp của quầy được giữ làm lưu trữ.`,
      `The server ${sides.server.host}/${sides.server.database} already holds data (${some('en', 'and N other kinds')}). Data moves only into an empty database: what is there is never overwritten or mixed. To have this counter join the office, do not move: turn on Settings → Office data server and restart the app; the counter's file is kept as its archive.`,
    );
  }
  return null;
}

const columnsOf = async (facts: EngineFacts, db: Data, table: string) => [...(await facts.columns(db, table))].sort().join(', ');

/** What would move: rows per kind, the register's numbers per year, the days covered, the audit trail. */
export async function previewMove(sides: MoveSides): Promise<OfficeMovePreview> {
  const refusal = await refusalOf(sides);
  const counter = sides.counter;
  const kinds = [];
  // A table the SQLite file lacks was refused above; the figures are still shown for the others.
  const present = new Set(await sqliteFacts.tables(counter));
  for (const { table, name } of MOVED_TABLES) kinds.push({ table, name, rows: present.has(table) ? await rowCount(counter, table) : 0 });
  const years = await counter
    .selectFrom('dossiers as d')
    .innerJoin('register_counters as c', 'c.year', 'd.register_year')
    .where('d.register_seq', 'is not', null)
    .select((eb) => ['d.register_year as year', eb.fn.countAll<number>().as('dossiers'), eb.fn.min('d.register_seq').as('firstSeq'), eb.fn.max('d.register_seq').as('lastSeq'), eb.fn.max('c.last_seq').as('lastIssued')])
    .groupBy('d.register_year')
    .orderBy('d.register_year')
    .execute();
  const days = await counter.selectFrom('dossiers').select((eb) => [eb.fn.min('created_day').as('first'), eb.fn.max('created_day').as('last')]).executeTakeFirstOrThrow();
  return {
    kinds,
    registerYears: years.map((y) => ({ year: y.year!, dossiers: Number(y.dossiers), firstSeq: y.firstSeq!, lastSeq: y.lastSeq!, lastIssued: y.lastIssued! })),
    firstDay: days.first ?? null,
    lastDay: days.last ?? null,
    audit: verifyChain(sides.auditKey, await readChain(counter)),
    server: { host: sides.server.host, port: sides.server.port, database: sides.server.database },
    tokensLeftBehind: sides.tokensLeftBehind?.() ?? null,
    refusal,
  };
}
