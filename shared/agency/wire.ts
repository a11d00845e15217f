/**
 * The bodies of the agency exchange contract (docs/agency-api.openapi.yaml), field for field.
 * Names stay the contract's Vietnamese PascalCase so a body reads the same in code, in the
 * document and on the wire.
 */

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh */
export type CompactTime = string;

export interface WireDossier {
  SoHieuBuuGui: string;
  MaTTHC: string;
  TenTTHC: string;
  KenhThucHien: number;
  ChuHoSo: string;
  LoaiDoiTuong: number;
  DinhDanhCHS: { LoaiDinhDanh: number; SoDinhDanh: string }[];
  DiaChi: string;
  SoDienThoai: string;
  Email: string;
  NgayTiepNhan: CompactTime;
  HinhThuc: number;
  DiaChiNhanKetQua: string;
  TaiLieuNop: { TenTaiLieu: string; BanChinh: number; BanSao: number }[];
  DanhSachLePhi: { TenPhiLePhi: string; Gia: number }[];
  CuocBuuChinh: number;
  GhiChu: string;
}

export interface WireBatch {
  MaLo: string;
  MaBuuCuc: string;
  MaQuay: string;
  MaCoQuan: string;
  ThoiGianTao: CompactTime;
  SoLuong: number;
  HoSo: WireDossier[];
}

export interface WireItemResult {
  SoHieuBuuGui: string;
  TrangThai: 'ACCEPTED' | 'REJECTED';
  LyDo?: string;
}

export interface WireReceipt {
  MaLo: string;
  ThoiGianNhan: CompactTime;
  KetQua: WireItemResult[];
}

/** TrangThaiHoSo of an update */
export const AGENCY_STATUS = {
  received: 2,
  refused: 3,
  processing: 4,
  supplementRequested: 5,
  withdrawn: 7,
  stopped: 8,
  resultReady: 9,
} as const;
export type AgencyStatus = (typeof AGENCY_STATUS)[keyof typeof AGENCY_STATUS];

export interface WireUpdate {
  Cursor: string;
  SoHieuBuuGui: string;
  TrangThaiHoSo: AgencyStatus;
  MaHoSo?: string;
  NgayHenTra?: CompactTime;
  ThoiGian: CompactTime;
  NoiDung?: string;
  SoHieuBuuGuiKetQua?: string;
  GiayToKetQua?: string[];
}

export interface WireUpdatesPage {
  items: WireUpdate[];
  next: string;
}

export interface WireDelivery {
  SoHieuBuuGuiKetQua: string;
  MaHoSo: string;
  TrangThai: 'DELIVERED' | 'DELIVERY_FAILED' | 'RETURNED_TO_AGENCY';
  ThoiGian: CompactTime;
  LanPhat: number;
  NguoiNhan?: { HoTen: string; SoDinhDanh: string; UyQuyen: boolean };
}

export interface WireError {
  error: { code: string; message: string };
}

/** The contract's bounds on a batch. */
export const MAX_BATCH_ITEMS = 500;
/** MaLo (and so the Idempotency-Key and a split part's key) is at most this long. */
export const MAX_BATCH_KEY = 64;
export const MAX_UPDATES_LIMIT = 500;
