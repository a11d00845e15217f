import type { WireDelivery } from '../../../shared/agency/wire.js';
import { compactDateTime } from '../../../shared/format/vn-time.js';

export interface ReportedEvent {
  returnItemNumber: string;
  /** the agency's dossier code; the item sent when the agency never gave one */
  agencyDossierCode: string;
  state: WireDelivery['TrangThai'];
  at: Date;
  attempt: number;
  recipient?: { name: string; idNumber: string; authorised: boolean };
}

/** The body of POST /v1/deliveries for one event, in the contract's names (agency-api.md). */
export function deliveryBody(e: ReportedEvent): WireDelivery {
  return {
    SoHieuBuuGuiKetQua: e.returnItemNumber,
    MaHoSo: e.agencyDossierCode,
    TrangThai: e.state,
    ThoiGian: compactDateTime(e.at),
    LanPhat: e.attempt,
    ...(e.recipient ? { NguoiNhan: { HoTen: e.recipient.name, SoDinhDanh: e.recipient.idNumber, UyQuyen: e.recipient.authorised } } : {}),
  };
}
