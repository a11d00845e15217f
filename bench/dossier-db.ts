/**
 * Builds a counter database holding many dossiers of realistic Vietnamese senders, for the
 * lookup benchmark: `npx tsx bench/dossier-db.ts [folder] [count]` (1,000,000 by default).
 * Rows go in through the real migrations and DossierRepository, so indexes, triggers and the
 * size per dossier are what the app gets. Too slow for tests; the bench builds it once.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../electron/core/db/open.js';
import { migrate } from '../electron/core/db/migrate.js';
import { inTransaction, sqliteData, type Data } from '../electron/core/db/data.js';
import { DossierRepository, type NewDossier } from '../electron/core/dossiers/dossier-repository.js';
import { sqliteDossierSearch } from '../electron/core/dossiers/search/sqlite-search.js';
import { makeS10 } from '../shared/ids/s10.js';
import { foldVi } from '../shared/text/fold.js';
import type { DossierEvent } from '../shared/lifecycle/events.js';
import { INITIAL_STATUS } from '../shared/lifecycle/states.js';
import { AuditRepository } from '../electron/core/system/audit-repository.js';
import { sqliteSql } from '../electron/core/db/engine-sql.js';
import { registerNo } from '../shared/ids/register-no.js';

// Family names weighted roughly as they occur (Nguyễn about four in ten).
const FAMILY: [string, number][] = [
  ['Nguyễn', 380], ['Trần', 110], ['Lê', 95], ['Phạm', 70], ['Hoàng', 30], ['Huỳnh', 25], ['Phan', 45], ['Vũ', 25], ['Võ', 25],
  ['Đặng', 20], ['Bùi', 20], ['Đỗ', 15], ['Hồ', 15], ['Ngô', 15], ['Dương', 10], ['Lý', 5], ['Đinh', 8], ['Trịnh', 6], ['Đoàn', 6],
  ['Lương', 4], ['Mai', 4], ['Tạ', 3], ['Lâm', 4], ['Cao', 4], ['Quách', 2], ['Tô', 3], ['Hà', 4], ['Châu', 2],
];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Trọng', 'Quang', 'Anh', 'Gia', 'Tuấn', 'Đình'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Hồng', 'Kim', 'Phương', 'Minh', 'Bảo', 'Mỹ', 'Diệu', 'Khánh', 'Thuý', 'Hải'];
const GIVEN_MALE = [
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Công', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Giang', 'Hải', 'Hào', 'Hiếu', 'Hiệp', 'Hoàng',
  'Hùng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Lộc', 'Long', 'Luân', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát',
  'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Việt',
  'Vinh', 'Vũ', 'Hưng', 'Lực', 'Tiến', 'Hòa', 'Đông', 'Khải', 'Phương', 'Quý', 'Thái',
];
const GIVEN_FEMALE = [
  'An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ',
  'Hương', 'Huyền', 'Khánh', 'Lan', 'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Như', 'Oanh', 'Phương',
  'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thơ', 'Thu', 'Thuỷ', 'Thư', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân',
  'Yến', 'Hậu', 'Liên', 'Nhi', 'Phượng', 'Sương', 'Tiên', 'Đào', 'Hảo', 'Lệ', 'Thanh',
];
const STREETS = ['Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Phan Chu Trinh', 'Quang Trung', 'Hùng Vương', 'Điện Biên Phủ', 'Nguyễn Trãi', 'Lê Duẩn', 'Bà Triệu'];
const WARDS = ['Phường Hoàn Kiếm', 'Phường Ba Đình', 'Phường Cửa Nam', 'Xã Sóc Sơn', 'Phường Hà Đông', 'Xã Đông Anh', 'Phường Long Biên', 'Xã Gia Lâm', 'Phường Tây Hồ', 'Phường Cầu Giấy'];
const PROVINCE_CODES = ['001', '002', '004', '008', '010', '022', '024', '026', '030', '031', '033', '034', '036', '038', '040', '046', '048', '079', '092', '096'];
const PHONE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '083', '084', '085', '086', '088', '090', '091', '093', '094', '096', '097', '098'];
const PROCEDURES = [
  ['1.002804', 'Cấp đổi giấy phép lái xe', 135000], ['2.000488', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 200000],
  ['1.001612', 'Đăng ký hộ kinh doanh', 100000], ['1.004227', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 75000],
  ['1.003005', 'Đăng ký biến động đất đai do chuyển nhượng', 0], ['1.000894', 'Đăng ký khai sinh', 0],
] as const;
const STATUSES = ['accepted-at-post', 'in-batch', 'handed-over', 'received-by-agency', 'received-by-agency', 'guided-not-accepted'] as const;
/** How many of the events after intake (batched, handed over, received) lead to each status above. */
const LATER_EVENTS: Record<(typeof STATUSES)[number], number> = {
  'guided-not-accepted': 0,
  'accepted-at-post': 0,
  'in-batch': 1,
  'handed-over': 2,
  'received-by-agency': 3,
};
const FIRST_DAY = Date.UTC(2022, 0, 3, 1, 0); // 08:00 in Hà Nội, five years before the bench's "now"
const PER_DAY = 550;
/** Citizens' lookups in the audit trail for each dossier taken in: most of a real office's log. */
const LOOKUPS_PER_DOSSIER = 3;

/** A small seeded generator: the same database every time for the same count. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  return { next, pick, digits };
}

function weighted(list: [string, number][]): string[] {
  return list.flatMap(([name, w]) => Array<string>(w).fill(name));
}

/** The i-th dossier: its sender, procedure, time and numbers. */
function dossierAt(i: number, r: ReturnType<typeof random>, families: string[]) {
  const female = r.next() < 0.5;
  // About a third carry two middle names ("Nguyễn Thị Thu Hà").
  const middle = [...(r.next() < 0.3 ? [female ? 'Thị' : 'Văn'] : []), r.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)];
  const fullName = [r.pick(families), ...middle, r.pick(female ? GIVEN_FEMALE : GIVEN_MALE)].join(' ');
  const birthYear = 1950 + Math.floor(r.next() * 56);
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const at = new Date(FIRST_DAY + Math.floor(i / PER_DAY) * 86_400_000 + (i % PER_DAY) * 55_000);
  const oldIdOnly = r.next() < 0.05;
  const id12 = `${r.pick(PROVINCE_CODES)}${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${r.digits(6)}`;
  const [code, name, fee] = r.pick(PROCEDURES);
  return {
    at,
    fullName,
    personalId: oldIdOnly ? '' : id12,
    oldId: oldIdOnly ? r.digits(9) : '',
    birthDate: `${birthYear}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}`,
    gender: female ? ('female' as const) : ('male' as const),
    phone: `${r.pick(PHONE_PREFIXES)}${r.digits(7)}`,
    address: `Số ${1 + Math.floor(r.next() * 300)} ${r.pick(STREETS)}, ${r.pick(WARDS)}, Hà Nội`,
    procedure: { code, name, fee },
    status: r.pick(STATUSES),
  };
}

export interface DossierDb {
  /** the query builder over the file; destroying it closes the file */
  data: Data;
  db: Db;
  dir: string;
  count: number;
  /** seconds spent building it now; 0 when an earlier build was reused */
  builtSeconds: number;
  bytes: number;
}

/**
 * Opens the database in `dir`, building it first unless it already holds `count` dossiers; with
 * `key`, the rows are sealed as the app seals them (decision 0066), and the audit chain holds
 * what the app appends with them: each dossier's intake entry, after lookups of citizens.
 */
export async function dossierDb(dir: string, count: number, key: Buffer | null = null): Promise<DossierDb> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'counter.sqlite');
  const fresh = !existsSync(file);
  const db = openDatabase(dir);
  migrate(db);
  const data = sqliteData(db);
  const have = (db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
  let builtSeconds = 0;
  if (fresh || have !== count) {
    if (have !== 0) throw new Error(`${file} holds ${have} dossiers, not ${count}: remove the folder to rebuild it.`);
    const t0 = Date.now();
    await fill(db, data, count, key);
    db.pragma('wal_checkpoint(TRUNCATE)');
    builtSeconds = Math.round((Date.now() - t0) / 1000);
  }
  return { data, db, dir, count, builtSeconds, bytes: statSync(file).size };
}

/** Senders who came back many times over the years: an ID a lookup finds on `dossiers` rows spread through the book. */
export const FREQUENT_SENDERS = [
  { id: '001085000060', dossiers: 60 },
  { id: '001085002000', dossiers: 2_000 },
] as const;

/**
 * Gives each of FREQUENT_SENDERS its dossiers, spread evenly over a generated database's rows
 * (once: a reused database has them already). Unsealed rows only, as the lookup bench uses.
 */
export function giveFrequentSenders(built: DossierDb): void {
  const mark = built.db.prepare('SELECT count(*) AS n FROM dossiers WHERE sender_personal_id = ?');
  const give = built.db.prepare('UPDATE dossiers SET sender_personal_id = ? WHERE id % ? = ? AND id <= ?');
  built.db.transaction(() => {
    FREQUENT_SENDERS.forEach((s, i) => {
      if ((mark.get(s.id) as { n: number }).n === s.dossiers) return;
      const step = Math.floor(built.count / s.dossiers);
      // Offsets apart from each other and from the bench's samples (ids divisible by their step).
      give.run(s.id, step, 7 + i, step * s.dossiers);
    });
  })();
}

async function fill(db: Db, data: Data, count: number, key: Buffer | null): Promise<void> {
  db.prepare(
    `INSERT INTO catalog_versions (id, imported_at, source_name, is_demo, procedure_count, clerk_code, counter_code)
     VALUES (1, '2022-01-01T00:00:00Z', 'bench', 0, ${PROCEDURES.length}, 'gdv01', 'Q01')`,
  ).run();
  const repo = new DossierRepository(data, sqliteDossierSearch, key);
  const r = random(20260101);
  const families = weighted(FAMILY);
  const clerks = ['gdv01', 'gdv02', 'gdv03', 'gdv04'];
  const seq = new Map<number, number>();
  // The agency's code arrives later, by an update the app does not have yet.
  const batch = (from: number, to: number) => inTransaction(data, async (tx) => {
    const written = repo.in(tx);
    const audit = key ? new AuditRepository(tx, key, sqliteSql) : null;
    for (let i = from; i < to; i++) {
      const g = dossierAt(i, r, families);
      const accepted = g.status !== 'guided-not-accepted';
      const year = g.at.getUTCFullYear();
      const register = accepted ? { year, seq: (seq.set(year, (seq.get(year) ?? 0) + 1), seq.get(year)!) } : null;
      const actor = { clerkCode: r.pick(clerks), clerkName: 'Giao dịch viên', counterCode: 'Q01', officeCode: '100000' };
      const d: NewDossier = {
        status: INITIAL_STATUS,
        createdAt: g.at.toISOString(),
        createdDay: new Date(g.at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10),
        acceptedAt: accepted ? g.at.toISOString() : null,
        catalogVersion: 1,
        procedureCode: g.procedure.code,
        procedureName: g.procedure.name,
        agencyCode: '000.00.15.H26',
        agencyName: 'Sở Tư pháp',
        sender: {
          kind: 'individual', fullName: g.fullName, personalId: g.personalId, oldId: g.oldId, businessCode: '', birthDate: g.birthDate,
          gender: g.gender, address: g.address, phone: g.phone, email: '',
        },
        senderNameKey: foldVi(g.fullName),
        service: 'both',
        returnMethod: 'at-office',
        deliveryAddress: '',
        feeReason: '',
        fees: [{ name: 'Phí, lệ phí', amount: g.procedure.fee }],
        postage: 25000,
        expectedHandoverDate: null,
        expectedHandoverProvisional: false,
        deadlineDays: 5,
        deadlineUnit: 'working',
        deadlineText: '5 ngày làm việc',
        estimatedResultDate: null,
        officeName: 'Bưu cục Hoàn Kiếm',
        documents: [
          { seq: 1, name: 'Đơn đề nghị', required: true, present: true, form: 'original', count: 1 },
          { seq: 2, name: 'Thẻ Căn cước', required: true, present: true, form: 'copy', count: 1 },
        ],
      };
      const itemNumber = accepted ? makeS10('EL', 10_000_000 + i) : null;
      for (let n = 0; n < LOOKUPS_PER_DOSSIER; n++) await audit?.record(g.at, 'lookup', actor, { kind: 'id', query: `${g.personalId.slice(0, 3)}******${g.personalId.slice(-3)}` });
      const { id } = await written.insert(d, register, itemNumber, actor);
      await written.appendEvent(id, d.createdAt, accepted
        ? { kind: 'accepted', data: { registerNo: null, itemNumber: null, total: g.procedure.fee + d.postage, expectedHandoverDate: null, expectedHandoverProvisional: false, handoverDays: 2 } }
        : { kind: 'guided', data: { missing: [] } }, actor);
      // The later events batches and agency updates record, up to the state this dossier is in.
      const batchId = `L${d.createdDay}`;
      const agencyDossierCode = `000.00.15.H26-${d.createdDay.slice(2).replace(/-/g, '')}-${String(i % 10_000).padStart(4, '0')}`;
      const later: DossierEvent[] = [
        { kind: 'batched', data: { batchId } },
        { kind: 'handed-over', data: { batchId } },
        { kind: 'received-by-agency', data: { agencyDossierCode, appointmentDate: null } },
      ];
      for (const event of later.slice(0, LATER_EVENTS[g.status])) await written.appendEvent(id, d.createdAt, event, actor);
      if (g.status === 'received-by-agency') {
        await tx.updateTable('dossiers').set({ agency_dossier_code: agencyDossierCode }).where('id', '=', id).execute();
        await written.sealState(id);
      }
      await audit?.record(g.at, 'dossier.intake', actor, { dossierId: id, registerNo: register ? registerNo(register.year, register.seq) : null, itemNumber });
    }
  });
  for (let from = 0; from < count; from += 10_000) await batch(from, Math.min(count, from + 10_000));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = join(process.cwd(), 'bench', 'results', 'dossiers-1m'), count = '1000000'] = process.argv.slice(2);
  const built = await dossierDb(dir, Number(count));
  console.log(`${built.count} dossiers in ${built.dir}: ${(built.bytes / built.count).toFixed(0)} bytes each, built in ${built.builtSeconds} s`);
  await built.data.destroy();
}
