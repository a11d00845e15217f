/**
 * What an agency's update means for the dossier's life (agency-api.md, GET /v1/updates): the
 * lifecycle event each TrangThaiHoSo leads to, with the data shapes of shared/lifecycle/events.ts.
 * An update that lacks what its event needs is not guessed at: it is held for a person.
 */
import { AGENCY_STATUS, type WireUpdate } from '../../../shared/agency/wire.js';
import { fromCompactDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { EVENT_DATA, type DossierEvent } from '../../../shared/lifecycle/events.js';

export function eventOfUpdate(u: WireUpdate): DossierEvent | Msg {
  const text = (u.NoiDung ?? '').trim();
  const event = ((): DossierEvent => {
    switch (u.TrangThaiHoSo) {
      case AGENCY_STATUS.received:
        return {
          kind: 'received-by-agency',
          data: { agencyDossierCode: u.MaHoSo ?? '', appointmentDate: u.NgayHenTra ? fromCompactDateTime(u.NgayHenTra) : null },
        };
      case AGENCY_STATUS.refused:
        return { kind: 'refused', data: { reason: text } };
      case AGENCY_STATUS.supplementRequested:
        return { kind: 'supplement-requested', data: { missing: text } };
      case AGENCY_STATUS.processing:
        return { kind: 'processing', data: {} };
      case AGENCY_STATUS.resultReady:
        return { kind: 'result-ready', data: { returnItemNumber: u.SoHieuBuuGuiKetQua ?? '', resultDocuments: u.GiayToKetQua ?? [] } };
      case AGENCY_STATUS.withdrawn:
        return { kind: 'withdrawn', data: { reason: text } };
      case AGENCY_STATUS.stopped:
        return { kind: 'stopped', data: { reason: text } };
    }
  })();
  const missing =
    (event.kind === 'received-by-agency' && (event.data.agencyDossierCode === '' || (u.NgayHenTra !== undefined && u.NgayHenTra !== '' && event.data.appointmentDate === null))) ||
    (event.kind === 'result-ready' && event.data.returnItemNumber === '') ||
    !EVENT_DATA[event.kind].safeParse(event.data).success;
  if (missing) {
    return msg(
      `Cập nhật của cơ quan (trạng thái ${u.TrangThaiHoSo}) thiếu hoặc sai thông tin bắt buộc (mã hồ sơ, ngày hẹn trả hoặc số hiệu bưu gửi kết quả); chưa ghi vào hồ sơ. Báo cơ quan.`,
      `The agency's update (status ${u.TrangThaiHoSo}) lacks or garbles what it must carry (dossier code, appointment date or return item number); it is not applied. Tell the agency.`,
    );
  }
  return event;
}
