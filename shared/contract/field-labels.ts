/**
 * The form's field labels as ux.md gives them, keyed by the field names the contract uses, so
 * the core can name a field in its messages with the same words the clerk sees on screen.
 */
export const FIELD_LABELS = {
  fullName: ['Họ và tên', 'Full name'],
  personalId: ['Số định danh cá nhân', 'Personal ID number'],
  oldId: ['Số CMND cũ', 'Old ID number'],
  birthDate: ['Ngày sinh', 'Date of birth'],
  gender: ['Giới tính', 'Gender'],
  address: ['Địa chỉ', 'Address'],
  phone: ['Số điện thoại', 'Phone'],
  email: ['Thư điện tử', 'E-mail'],
  businessCode: ['Mã số doanh nghiệp', 'Business code'],
  bearerName: ['Họ tên người nộp hồ sơ', 'Name of the person bringing it'],
  bearerId: ['Số định danh người nộp', 'ID number of the person bringing it'],
  procedure: ['Thủ tục hành chính', 'Procedure'],
  documents: ['Thành phần hồ sơ', 'Documents'],
  service: ['Dịch vụ', 'Service'],
  returnMethod: ['Hình thức nhận kết quả', 'Result return'],
  deliveryAddress: ['Địa chỉ nhận kết quả', 'Delivery address'],
  fees: ['Phí, lệ phí', 'Fees'],
  feeReason: ['Lý do thay đổi phí', 'Reason for changing the fee'],
  postage: ['Cước bưu chính', 'Postage'],
  itemNumber: ['Số hiệu bưu gửi', 'Item number'],
  agencyDossierCode: ['Mã hồ sơ', 'Agency dossier code'],
  appointmentDate: ['Ngày hẹn trả', 'Appointment date'],
  agency: ['Cơ quan giải quyết', 'Deciding agency'],
  collectorId: ['Căn cước người nhận', 'Collector’s ID card'],
  authorisedName: ['Họ và tên người được uỷ quyền', 'Authorised person’s full name'],
  authorisationDocument: ['Giấy uỷ quyền', 'Authorisation document'],
  documentsHanded: ['Giấy tờ giao cho người nhận', 'Documents handed over'],
  clerkCode: ['Mã giao dịch viên', 'Clerk code'],
  clerkName: ['Tên giao dịch viên', 'Clerk name'],
  secret: ['Mật khẩu hoặc mã PIN', 'Password or PIN'],
  role: ['Vai trò', 'Role'],
  cashCounted: ['Tiền mặt đã đếm', 'Cash counted'],
  reason: ['Lý do', 'Reason'],
  officeServer: ['Máy chủ dữ liệu bưu cục', 'Office data server'],
} as const satisfies Record<string, readonly [string, string]>;

export type LabelledField = keyof typeof FIELD_LABELS;

export const isLabelledField = (key: unknown): key is LabelledField => typeof key === 'string' && key in FIELD_LABELS;

/** The contract's names for some fields differ from the form's. */
export const FIELD_ALIASES: Record<string, LabelledField> = {
  procedureCode: 'procedure',
  catalogVersion: 'procedure',
  server: 'officeServer',
  agencyCode: 'agency',
};

/** Fields whose contract name is too common to alias everywhere: named by their parent and key. */
export const NESTED_FIELDS: Record<string, Record<string, LabelledField>> = {
  authorisation: { name: 'authorisedName', document: 'authorisationDocument' },
};
