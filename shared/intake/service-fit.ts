import { msg, type Msg } from '../i18n/msg.js';
import type { IntakeInput, Procedure } from '../contract/index.js';

export type Service = IntakeInput['service'];

/**
 * The province's list says, per procedure, whether the dossier may be taken in by post and
 * whether the result may be returned by post: sending needs the first, receiving the second.
 */
export function servesService(p: Procedure, service: Service): boolean {
  if (service === 'send') return p.intakeByPost;
  if (service === 'receive') return p.returnByPost;
  return p.intakeByPost && p.returnByPost;
}

/**
 * "Nhận kết quả" alone: the citizen sends nothing, so there is nothing to take in and batch. The
 * agency already has the dossier; it is registered on F3 "Chỉ nhận kết quả" (decision 0048).
 */
export const RESULT_ONLY_ON_F3 = msg(
  'Chỉ nhận kết quả: người dân không gửi hồ sơ nên không tiếp nhận ở màn hình này. Ghi ở F3 Trả kết quả, mục "Chỉ nhận kết quả", với mã hồ sơ trên giấy hẹn của cơ quan.',
  'Result only: the citizen sends no dossier, so it is not taken in on this screen. Record it on F3 Returns, "Result only", with the dossier code on the agency’s receipt.',
);

/** Why this procedure cannot be taken in for this service, or null when it can. */
export function serviceMismatch(p: Procedure, service: Service): Msg | null {
  if (servesService(p, service)) return null;
  const noIntake = (service === 'send' || service === 'both') && !p.intakeByPost;
  return noIntake
    ? msg(
        'Thủ tục này không được tiếp nhận hồ sơ qua bưu chính công ích: không chọn được "Gửi hồ sơ" hay "Cả hai".',
        'This procedure is not open to intake by post: "Send dossier" and "Both" cannot be chosen.',
      )
    : msg(
        'Thủ tục này không được trả kết quả qua bưu chính công ích: không chọn được "Nhận kết quả" hay "Cả hai".',
        'This procedure does not allow the result to be returned by post: "Receive result" and "Both" cannot be chosen.',
      );
}
