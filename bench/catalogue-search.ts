import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Procedure } from '../shared/contract/index.js';
import { foldVi } from '../shared/text/fold.js';
import { ProcedureIndex } from '../electron/core/catalog/search-index.js';
import { measure, type Row } from './stats.js';
import { HELD_OUT_QUERIES, heldOutAccuracy, heldOutCatalogue } from './procedure-queries.js';

const VERBS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Gia hạn', 'Điều chỉnh', 'Đăng ký', 'Thu hồi', 'Xác nhận', 'Thẩm định', 'Công nhận'];
const OBJECTS = [
  'giấy phép lái xe', 'giấy phép xây dựng', 'chứng chỉ hành nghề dược', 'giấy chứng nhận quyền sử dụng đất',
  'phiếu lý lịch tư pháp', 'giấy phép lao động', 'giấy chứng nhận đăng ký hộ kinh doanh', 'giấy phép bán lẻ rượu',
  'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'giấy phép kinh doanh vận tải', 'chứng chỉ hành nghề khám bệnh, chữa bệnh',
  'giấy phép hoạt động giáo dục nghề nghiệp', 'giấy phép khai thác nước mặt', 'giấy chứng nhận đăng ký xe máy chuyên dùng',
  'trích lục hộ tịch', 'giấy xác nhận tình trạng hôn nhân', 'giấy phép tổ chức biểu diễn nghệ thuật', 'thẻ hướng dẫn viên du lịch',
  'giấy phép xả thải vào nguồn nước', 'chứng nhận nhà ở xã hội',
];
const QUALIFIERS = ['', 'cho cá nhân', 'cho doanh nghiệp', 'trong trường hợp bị mất', 'do hết hạn', 'có yếu tố nước ngoài', 'cấp tỉnh', 'cấp xã', 'cho hợp tác xã', 'theo thủ tục rút gọn'];

/** A deterministic 2,000-procedure list shaped like a province's published one. */
export function syntheticCatalogue(size = 2000): Procedure[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: size }, (_, i) => {
    const name = [VERBS[i % VERBS.length], OBJECTS[Math.floor(i / VERBS.length) % OBJECTS.length], QUALIFIERS[Math.floor(rnd() * QUALIFIERS.length)]]
      .filter(Boolean)
      .join(' ');
    return {
      code: `${1 + (i % 3)}.${String(100000 + i).padStart(6, '0')}`,
      name: `${name}${i >= 200 ? ` (mẫu ${i})` : ''}`,
      field: 'Lĩnh vực',
      agencyName: 'Sở',
      agencyCode: '000.00.15.H26',
      level: 'Tỉnh',
      intakeByPost: i % 7 !== 0,
      returnByPost: true,
      deadlineText: '05 ngày làm việc',
      deadlineDays: 5,
      deadlineUnit: 'working' as const,
      feeText: '100.000 đồng',
      fee: 100000,
      notes: '',
      inPerson: null,
    };
  });
}

const QUERIES = [
  'cap doi gplx', 'giay phep lai xe', 'Cấp đổi giấy phép lái xe', 'ly lich tu phap', 'phieu ly lich', 'gpxd', 'giay phep xay dung',
  'dang ky ho kinh doanh', 'an toan thuc pham', 'chung chi hanh nghe duoc', 'ban le ruou', 'quyen su dung dat', 'gcn qsdd',
  'gia han giay phep lao dong', 'thu hoi', 'xac nhan tinh trang hon nhan', 'trich luc', '1.100001', '2.101234', 'van tai',
  'nuoc mat', 'huong dan vien', 'bieu dien nghe thuat', 'nha o xa hoi', 'xe may chuyen dung', 'cap lai', 'dieu chinh',
  'cho doanh nghiep', 'bi mat', 'yeu to nuoc ngoai', 'c', 'ca', 'cap', 'cap d', 'cap do', 'cap doi', 'cap doi g', 'cap doi gi',
];

export async function benchCatalogueSearch(rounds = 30): Promise<Row[]> {
  const catalogue = syntheticCatalogue();
  const ours = new ProcedureIndex(catalogue);
  const folded = catalogue.map((p) => ({ ...p, folded: foldVi(p.name) }));
  const fuse = new Fuse(folded, { keys: ['folded', 'code'], threshold: 0.3, ignoreLocation: true });
  const mini = new MiniSearch({ fields: ['name', 'code'], storeFields: ['code'], idField: 'code', processTerm: (t) => foldVi(t) || null });
  mini.addAll(catalogue);
  const calls = (fn: (q: string) => unknown) => Array.from({ length: rounds }, () => QUERIES.map((q) => () => fn(q))).flat();
  const note = `${catalogue.length} procedures, ${QUERIES.length} queries × ${rounds}`;
  const filter = (p: Procedure) => p.intakeByPost;
  const heldOut = new ProcedureIndex(heldOutCatalogue());
  const heldOutCalls = Array.from({ length: rounds }, () => HELD_OUT_QUERIES.map(([q]) => () => heldOut.search(q, 10))).flat();
  return [
    await measure('catalogue search', 'ProcedureIndex (ours)', calls((q) => ours.search(q, 10, filter)), note),
    await measure('catalogue search', 'ProcedureIndex, held-out queries', heldOutCalls, `${heldOut.size} procedures, ${HELD_OUT_QUERIES.length} queries × ${rounds}`),
    await measure('catalogue search', 'Fuse.js 7 (folded keys)', calls((q) => fuse.search(foldVi(q), { limit: 10 })), note),
    await measure('catalogue search', 'MiniSearch 7 (prefix)', calls((q) => mini.search(q, { prefix: true }).slice(0, 10)), note),
  ];
}

/** Top-1 and top-3 on the held-out clerk queries (bench/procedure-queries.ts). */
export function heldOutFigures() {
  const index = new ProcedureIndex(heldOutCatalogue());
  return heldOutAccuracy((q, limit) => index.search(q, limit));
}
