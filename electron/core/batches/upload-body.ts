import type { WireBatch, WireDossier } from '../../../shared/agency/wire.js';
import type { DossierDetail } from '../../../shared/contract/index.js';
import { compactDateTime } from '../../../shared/format/vn-time.js';
import { encodeBatch } from '../agency/wire-body.js';

/**
 * The POST /v1/batches body of a closed batch (agency-api.md), encoded as the agency client
 * sends it (contract order, NFC), built once when the batch closes and kept in its outbox row: every retry
 * sends these bytes, so the server never sees two bodies under one MaLo.
 */
export function uploadBody(batch: { number: string; agencyCode: string; closedAt: string }, at: { officeCode: string; counterCode: string }, dossiers: DossierDetail[]): string {
  const body: WireBatch = {
    MaLo: batch.number,
    MaBuuCuc: at.officeCode,
    MaQuay: at.counterCode,
    MaCoQuan: batch.agencyCode,
    ThoiGianTao: compactDateTime(Date.parse(batch.closedAt)),
    SoLuong: dossiers.length,
    HoSo: dossiers.map(wireDossier),
  };
  return encodeBatch(body);
}

function wireDossier(d: DossierDetail): WireDossier {
  const s = d.sender;
  const ids = [
    ...(s.personalId ? [{ LoaiDinhDanh: 1, SoDinhDanh: s.personalId }] : []),
    ...(s.oldId ? [{ LoaiDinhDanh: 2, SoDinhDanh: s.oldId }] : []),
  ];
  return {
    SoHieuBuuGui: d.itemNumber ?? '',
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    // 3: through the public postal service
    KenhThucHien: 3,
    ChuHoSo: s.fullName,
    // 1 citizen, 2 business
    LoaiDoiTuong: s.kind === 'individual' ? 1 : 2,
    DinhDanhCHS: ids,
    DiaChi: s.address,
    SoDienThoai: s.phone,
    Email: s.email,
    NgayTiepNhan: d.acceptedAt ? compactDateTime(Date.parse(d.acceptedAt)) : '',
    // 1: the result comes back by post (at the office or to an address)
    HinhThuc: 1,
    DiaChiNhanKetQua: d.returnMethod === 'to-address' ? d.deliveryAddress : '',
    TaiLieuNop: d.documents
      .filter((doc) => doc.present)
      .map((doc) => ({ TenTaiLieu: doc.name, BanChinh: doc.form === 'original' ? doc.count : 0, BanSao: doc.form === 'copy' ? doc.count : 0 })),
    DanhSachLePhi: d.fees.map((f) => ({ TenPhiLePhi: f.name, Gia: f.amount })),
    CuocBuuChinh: d.postage,
    GhiChu: '',
  };
}
