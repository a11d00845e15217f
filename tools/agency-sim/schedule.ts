/**
 * How the simulated agency decides a dossier: a fixed plan drawn when the item is recorded,
 * from a random stream seeded by (seed, item number). The same seed gives every item the same
 * fate whatever order the batches arrive in, so tests can assert what comes back.
 */
import { createHash } from 'node:crypto';
import { s10CheckDigit } from '../../shared/ids/s10.js';
import { compactDateTime } from '../../shared/format/vn-time.js';
import { AGENCY_STATUS, type WireUpdate } from '../../shared/agency/wire.js';

export interface Schedule {
  /** after the batch is recorded: received (2) or refused (3) */
  receiveAfterMs: number;
  /** after that: processing (4) or a supplement request (5) */
  decideAfterMs: number;
  /** after the batch is recorded: result ready (9), for those processed */
  resultAfterMs: number;
  /** shares of the items refused and asked for a supplement (0–1) */
  refuseShare: number;
  supplementShare: number;
  /** working days from reception to the appointment date */
  appointmentDays: number;
}

export const DEFAULT_SCHEDULE: Schedule = {
  receiveAfterMs: 60_000,
  decideAfterMs: 10 * 60_000,
  resultAfterMs: 3600_000,
  refuseShare: 0.1,
  supplementShare: 0.1,
  appointmentDays: 5,
};

const REFUSALS = [
  'Hồ sơ thiếu chữ ký của người đề nghị trên tờ khai.',
  'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại UBND cấp huyện.',
  'Bản sao giấy tờ tùy thân không có chứng thực.',
];
const SUPPLEMENTS = [
  'Bổ sung 01 ảnh 3x4 nền trắng.',
  'Bổ sung bản sao giấy khám sức khỏe còn hiệu lực.',
  'Bổ sung bản chính giấy tờ đã nộp bản sao để đối chiếu.',
];

/** A small, fast generator (mulberry32) seeded from a hash: enough for reproducible fates. */
export function seededRandom(...parts: string[]): () => number {
  let a = createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedUpdate {
  dueAt: number;
  update: Omit<WireUpdate, 'Cursor'>;
}

/** Appointment: `days` days on (Saturdays and Sundays skipped) at 17:00 Vietnamese time. */
function appointment(fromMs: number, days: number): number {
  const VN = 7 * 3600_000;
  let day = Math.floor((fromMs + VN) / 86_400_000);
  for (let left = days; left > 0; ) {
    day += 1;
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day * 86_400_000 + 17 * 3600_000 - VN;
}

export function planDossier(args: {
  seed: string;
  item: string;
  procedureName: string;
  agencyDossierCode: string;
  recordedAt: number;
  schedule: Schedule;
}): PlannedUpdate[] {
  const { schedule: s, recordedAt, item } = args;
  const random = seededRandom(args.seed, item);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const at = (ms: number) => ({ dueAt: recordedAt + ms, time: compactDateTime(recordedAt + ms) });
  const received = at(s.receiveAfterMs);
  if (random() < s.refuseShare) {
    return [{ dueAt: received.dueAt, update: { SoHieuBuuGui: item, TrangThaiHoSo: AGENCY_STATUS.refused, ThoiGian: received.time, NoiDung: pick(REFUSALS) } }];
  }
  const common = { SoHieuBuuGui: item, MaHoSo: args.agencyDossierCode };
  const plan: PlannedUpdate[] = [
    {
      dueAt: received.dueAt,
      update: { ...common, TrangThaiHoSo: AGENCY_STATUS.received, ThoiGian: received.time, NgayHenTra: compactDateTime(appointment(received.dueAt, s.appointmentDays)), NoiDung: '' },
    },
  ];
  const decided = at(s.receiveAfterMs + s.decideAfterMs);
  if (random() < s.supplementShare) {
    plan.push({ dueAt: decided.dueAt, update: { ...common, TrangThaiHoSo: AGENCY_STATUS.supplementRequested, ThoiGian: decided.time, NoiDung: pick(SUPPLEMENTS) } });
    return plan;
  }
  plan.push({ dueAt: decided.dueAt, update: { ...common, TrangThaiHoSo: AGENCY_STATUS.processing, ThoiGian: decided.time, NoiDung: '' } });
  const serial = String(Math.floor(random() * 1e8)).padStart(8, '0');
  const ready = at(Math.max(s.resultAfterMs, s.receiveAfterMs + s.decideAfterMs));
  plan.push({
    dueAt: ready.dueAt,
    update: {
      ...common,
      TrangThaiHoSo: AGENCY_STATUS.resultReady,
      ThoiGian: ready.time,
      NoiDung: '',
      SoHieuBuuGuiKetQua: `RR${serial}${s10CheckDigit(serial)}VN`,
      GiayToKetQua: [`Kết quả: ${args.procedureName}`],
    },
  });
  return plan;
}
