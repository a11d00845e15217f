import type { Procedure } from '../shared/contract/index.js';

/**
 * A province-like list of procedure names, written for this bench, across the fields a commune
 * or provincial desk sees. Several names share their first words, or hold a common word whole
 * while others only start with it, the way real lists do.
 */
const NAMES = [
  'Đăng ký khai sinh', 'Đăng ký khai sinh có yếu tố nước ngoài', 'Đăng ký lại khai sinh', 'Đăng ký khai tử',
  'Đăng ký kết hôn', 'Đăng ký kết hôn có yếu tố nước ngoài', 'Đăng ký nhận cha, mẹ, con', 'Đăng ký giám hộ',
  'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Cấp bản sao trích lục hộ tịch', 'Cấp giấy xác nhận tình trạng hôn nhân',
  'Đăng ký hộ kinh doanh', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'Tạm ngừng kinh doanh hộ kinh doanh',
  'Chấm dứt hoạt động hộ kinh doanh', 'Đăng ký thành lập hợp tác xã', 'Đăng ký thành lập doanh nghiệp tư nhân',
  'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', 'Đăng ký thay đổi người đại diện theo pháp luật của công ty',
  'Cấp đổi giấy phép lái xe', 'Cấp lại giấy phép lái xe', 'Đăng ký xe', 'Đăng ký sang tên xe', 'Thu hồi đăng ký, biển số xe',
  'Cấp giấy phép kinh doanh vận tải bằng xe ô tô', 'Cấp phù hiệu xe taxi', 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  'Cấp giấy phép xây dựng có thời hạn', 'Điều chỉnh giấy phép xây dựng', 'Cấp chứng chỉ hành nghề hoạt động xây dựng',
  'Đăng ký đất đai, tài sản gắn liền với đất lần đầu', 'Cấp đổi giấy chứng nhận quyền sử dụng đất',
  'Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất', 'Đăng ký biến động đất đai do chuyển nhượng', 'Chuyển mục đích sử dụng đất',
  'Tách thửa hoặc hợp thửa đất', 'Đính chính giấy chứng nhận đã cấp', 'Xóa đăng ký thế chấp quyền sử dụng đất',
  'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'Cấp Phiếu lý lịch tư pháp cho người nước ngoài', 'Chứng thực bản sao từ bản chính',
  'Chứng thực chữ ký', 'Chứng thực hợp đồng, giao dịch liên quan đến nhà ở', 'Cấp giấy phép bán lẻ sản phẩm thuốc lá',
  'Cấp giấy phép bán buôn sản phẩm thuốc lá cho thương nhân', 'Cấp giấy phép bán lẻ rượu', 'Cấp giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh',
  'Xác nhận người thuộc hộ nghèo, hộ cận nghèo', 'Xác nhận thân nhân thuộc diện hưởng chế độ ưu đãi người có công',
  'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'Cấp chứng chỉ hành nghề dược', 'Cấp giấy chứng nhận đủ điều kiện kinh doanh dược',
  'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', 'Cấp giấy phép lao động cho người nước ngoài', 'Gia hạn giấy phép lao động',
  'Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động', 'Giải quyết hưởng trợ cấp thất nghiệp',
  'Đăng ký thỏa ước lao động tập thể', 'Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', 'Cấp lại thẻ bảo hiểm y tế do bị mất',
  'Giải quyết hưởng chế độ thai sản', 'Giải quyết trợ cấp xã hội hằng tháng cho người cao tuổi', 'Hỗ trợ chi phí mai táng',
  'Cấp giấy xác nhận khuyết tật', 'Công nhận hộ gia đình có mức sống trung bình', 'Công nhận gia đình văn hóa', 'Công nhận trường mầm non đạt chuẩn quốc gia',
  'Chuyển trường đối với học sinh trung học cơ sở', 'Xét tuyển sinh vào trường trung học phổ thông', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
  'Chỉnh sửa nội dung văn bằng, chứng chỉ', 'Xét tặng danh hiệu Nghệ nhân nhân dân', 'Xếp hạng di tích cấp tỉnh',
  'Cấp giấy phép tổ chức lễ hội', 'Cấp giấy phép tổ chức biểu diễn nghệ thuật', 'Cấp thẻ hướng dẫn viên du lịch nội địa',
  'Công nhận điểm du lịch', 'Cấp giấy phép khai thác nước mặt', 'Cấp giấy phép xả thải vào nguồn nước', 'Đăng ký khai thác nước dưới đất',
  'Xác nhận kế hoạch bảo vệ môi trường', 'Cấp giấy phép môi trường', 'Cấp giấy phép khai thác khoáng sản', 'Nhập khẩu hàng hóa miễn thuế',
  'Nhận con nuôi trong nước', 'Đăng ký nuôi con nuôi có yếu tố nước ngoài', 'Cấp giấy chứng nhận quyền sở hữu nhà ở', 'Mua nhà ở xã hội',
  'Thuê nhà ở công vụ', 'Cấp giấy phép hoạt động điện lực', 'Cấp mã số thuế cá nhân', 'Hoàn thuế thu nhập cá nhân', 'Miễn, giảm tiền thuê đất',
  'Đăng ký tạm trú', 'Đăng ký thường trú', 'Xóa đăng ký thường trú', 'Cấp hộ chiếu phổ thông', 'Cấp lại thẻ Căn cước',
  'Hòa giải tranh chấp đất đai', 'Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp xã', 'Tiếp công dân',
  'Giải quyết khiếu nại lần đầu', 'Giải quyết tố cáo', 'Đăng ký hoạt động tín ngưỡng', 'Thông báo tổ chức quyên góp ngoài cơ sở tôn giáo',
  'Cấp giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi tỉnh', 'Cấp giấy chứng nhận cơ sở an toàn dịch bệnh động vật',
  'Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai', 'Phê duyệt phương án khai thác thực vật rừng',
  'Cấp giấy phép vận chuyển hàng siêu trường, siêu trọng', 'Cấp giấy chứng nhận đăng ký tàu cá', 'Xét miễn, giảm học phí',
] as const;

export type ProcedureName = (typeof NAMES)[number];

/** The list as procedures; codes are made up and unique. */
export function heldOutCatalogue(): Procedure[] {
  return NAMES.map((name, i) => ({
    code: `${1 + (i % 2)}.${String(200100 + i * 7).padStart(6, '0')}`,
    name,
    field: 'Lĩnh vực',
    agencyName: 'Ủy ban nhân dân',
    agencyCode: '000.00.15.H26',
    level: 'Xã',
    intakeByPost: true,
    returnByPost: true,
    deadlineText: '5 ngày làm việc',
    deadlineDays: 5,
    deadlineUnit: 'working',
    feeText: '',
    fee: 0,
    notes: '',
    inPerson: false,
  }));
}

/**
 * Queries typed as clerks type them, each with the procedure meant: mostly without marks,
 * some with; abbreviations; half-typed words; a single common word.
 */
export const HELD_OUT_QUERIES: [query: string, meant: ProcedureName][] = [
  ['khai sinh', 'Đăng ký khai sinh'],
  ['dk khai tu', 'Đăng ký khai tử'],
  ['ket hon', 'Đăng ký kết hôn'],
  ['ket hon nuoc ngoai', 'Đăng ký kết hôn có yếu tố nước ngoài'],
  ['tinh trang hon nhan', 'Cấp giấy xác nhận tình trạng hôn nhân'],
  ['xac nhan hon nhan', 'Cấp giấy xác nhận tình trạng hôn nhân'],
  ['trich luc', 'Cấp bản sao trích lục hộ tịch'],
  ['ho kinh doanh', 'Đăng ký hộ kinh doanh'],
  ['hộ', 'Đăng ký hộ kinh doanh'],
  ['cap doi gplx', 'Cấp đổi giấy phép lái xe'],
  ['gplx', 'Cấp đổi giấy phép lái xe'],
  ['xe', 'Đăng ký xe'],
  ['sang ten xe', 'Đăng ký sang tên xe'],
  ['gpxd nha o', 'Cấp giấy phép xây dựng nhà ở riêng lẻ'],
  ['giay phep xay dung', 'Cấp giấy phép xây dựng nhà ở riêng lẻ'],
  ['so do mat', 'Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất'],
  ['cap lai gcn qsdd', 'Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất'],
  ['tach thua', 'Tách thửa hoặc hợp thửa đất'],
  ['chuyen muc dich', 'Chuyển mục đích sử dụng đất'],
  ['ly lich tu phap', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam'],
  ['lltp', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam'],
  ['chung thuc ban sao', 'Chứng thực bản sao từ bản chính'],
  ['chữ ký', 'Chứng thực chữ ký'],
  ['thuốc lá', 'Cấp giấy phép bán lẻ sản phẩm thuốc lá'],
  ['thuốc', 'Cấp giấy phép bán lẻ sản phẩm thuốc lá'],
  ['ban le thuoc la', 'Cấp giấy phép bán lẻ sản phẩm thuốc lá'],
  ['ban le ruou', 'Cấp giấy phép bán lẻ rượu'],
  ['ho ngheo', 'Xác nhận người thuộc hộ nghèo, hộ cận nghèo'],
  ['an toan thuc pham', 'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm'],
  ['cchn duoc', 'Cấp chứng chỉ hành nghề dược'],
  ['gia han giay phep lao dong', 'Gia hạn giấy phép lao động'],
  ['that nghiep', 'Giải quyết hưởng trợ cấp thất nghiệp'],
  ['bhyt tre em', 'Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi'],
  ['thai san', 'Giải quyết hưởng chế độ thai sản'],
  ['mai tang', 'Hỗ trợ chi phí mai táng'],
  ['khuyet tat', 'Cấp giấy xác nhận khuyết tật'],
  ['con nuoi', 'Nhận con nuôi trong nước'],
  ['nhà', 'Mua nhà ở xã hội'],
  ['tam tru', 'Đăng ký tạm trú'],
  ['ho chieu', 'Cấp hộ chiếu phổ thông'],
  ['hòa giải', 'Hòa giải tranh chấp đất đai'],
  ['hoc phi', 'Xét miễn, giảm học phí'],
];

/** How often the procedure meant comes first, and within the first three. */
export function heldOutAccuracy(search: (query: string, limit: number) => Procedure[]) {
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const [query, meant] of HELD_OUT_QUERIES) {
    const names = search(query, 3).map((p) => p.name);
    if (names[0] === meant) top1++;
    else misses.push(`${query} → ${names[0] ?? '(nothing)'}`);
    if (names.includes(meant)) top3++;
  }
  return { top1, top3, total: HELD_OUT_QUERIES.length, misses };
}
