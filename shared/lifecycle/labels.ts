import { msg, type Lang, type Msg } from '../i18n/msg.js';
import type { EventKind } from './events.js';
import type { DossierStatus } from './states.js';

/** What a screen or a paper calls a state: `short` for badges and lists, `long` where there is room. */
export const STATUS_LABELS = {
  draft: { short: msg('Đang nhập', 'Being entered'), long: msg('Đang nhập, chưa ghi nhận', 'Being entered, not recorded yet') },
  'guided-not-accepted': {
    short: msg('Hướng dẫn, chưa tiếp nhận', 'Guided, not accepted'),
    long: msg('Đã hướng dẫn bổ sung, chưa tiếp nhận', 'Guided to complete it, not accepted'),
  },
  'accepted-at-post': { short: msg('Đã tiếp nhận', 'Accepted'), long: msg('Đã tiếp nhận tại bưu cục', 'Accepted at the post office') },
  voided: { short: msg('Đã huỷ', 'Voided'), long: msg('Đã huỷ do tiếp nhận nhầm', 'Voided: taken in by mistake') },
  'in-batch': { short: msg('Trong lô', 'In a batch'), long: msg('Đã xếp lô, chờ bàn giao', 'In a batch, awaiting handover') },
  'handed-over': { short: msg('Đã bàn giao', 'Handed over'), long: msg('Đã bàn giao cho cơ quan giải quyết', 'Handed over to the deciding agency') },
  'received-by-agency': {
    short: msg('Cơ quan đã nhận', 'Received by agency'),
    long: msg('Cơ quan giải quyết đã tiếp nhận', 'Received by the deciding agency'),
  },
  refused: { short: msg('Bị từ chối', 'Refused'), long: msg('Cơ quan từ chối giải quyết', 'Refused by the agency') },
  'supplement-requested': {
    short: msg('Yêu cầu bổ sung', 'Supplement requested'),
    long: msg('Cơ quan yêu cầu bổ sung hồ sơ', 'The agency asks for more documents'),
  },
  processing: { short: msg('Đang giải quyết', 'Processing'), long: msg('Cơ quan đang giải quyết', 'Being decided by the agency') },
  'result-ready': { short: msg('Đã có kết quả', 'Result ready'), long: msg('Kết quả đã có tại cơ quan', 'Result ready at the agency') },
  'result-at-post': {
    short: msg('Kết quả tại bưu cục', 'Result at post office'),
    long: msg('Kết quả đã về bưu cục, chờ trả', 'Result at the post office, to be returned'),
  },
  'out-for-delivery': { short: msg('Đang phát', 'Out for delivery'), long: msg('Kết quả đang được phát tận địa chỉ', 'Result out for delivery to the address') },
  delivered: { short: msg('Đã trả kết quả', 'Delivered'), long: msg('Đã trả kết quả cho người nhận', 'Result handed to the recipient') },
  'delivery-failed': {
    short: msg('Phát không thành công', 'Delivery failed'),
    long: msg('Phát không thành công, chờ phát lại', 'Delivery failed, awaiting another attempt'),
  },
  'returned-to-agency': {
    short: msg('Đã chuyển trả cơ quan', 'Returned to agency'),
    long: msg('Không phát được, kết quả đã chuyển trả cơ quan', 'Undeliverable: result returned to the agency'),
  },
  withdrawn: { short: msg('Đã rút hồ sơ', 'Withdrawn'), long: msg('Người nộp đã rút hồ sơ', 'Withdrawn by the applicant') },
  stopped: { short: msg('Dừng giải quyết', 'Stopped'), long: msg('Cơ quan dừng giải quyết hồ sơ', 'The agency stopped deciding it') },
} as const satisfies Record<DossierStatus, { short: Msg; long: Msg }>;

/** What a dossier's timeline calls each event. */
export const EVENT_LABELS = {
  accepted: msg('Tiếp nhận hồ sơ', 'Dossier accepted'),
  guided: msg('Hướng dẫn bổ sung, không tiếp nhận', 'Guided, not accepted'),
  voided: msg('Huỷ hồ sơ', 'Dossier voided'),
  corrected: msg('Sửa thông tin hồ sơ', 'Details corrected'),
  batched: msg('Xếp vào lô', 'Put in a batch'),
  unbatched: msg('Rút khỏi lô', 'Taken out of the batch'),
  'handed-over': msg('Bàn giao cho cơ quan', 'Handed over to the agency'),
  'received-by-agency': msg('Cơ quan tiếp nhận', 'Received by the agency'),
  refused: msg('Cơ quan từ chối', 'Refused by the agency'),
  'supplement-requested': msg('Cơ quan yêu cầu bổ sung', 'Supplement requested'),
  processing: msg('Cơ quan đang giải quyết', 'Processing started'),
  'result-ready': msg('Cơ quan có kết quả', 'Result ready at the agency'),
  'result-at-post': msg('Nhận kết quả về bưu cục', 'Result received at the post office'),
  'out-for-delivery': msg('Đi phát kết quả', 'Out for delivery'),
  'delivery-failed': msg('Phát không thành công', 'Delivery failed'),
  delivered: msg('Trả kết quả', 'Result delivered'),
  'returned-to-agency': msg('Chuyển trả kết quả cho cơ quan', 'Result returned to the agency'),
  withdrawn: msg('Rút hồ sơ', 'Dossier withdrawn'),
  stopped: msg('Dừng giải quyết', 'Deciding stopped'),
} as const satisfies Record<EventKind, Msg>;

export const statusLabel = (status: DossierStatus, lang: Lang, length: 'short' | 'long' = 'short'): string =>
  STATUS_LABELS[status][length][lang];

export const eventLabel = (kind: EventKind, lang: Lang): string => EVENT_LABELS[kind][lang];
