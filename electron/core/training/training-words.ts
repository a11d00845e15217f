import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { appError, toAppError } from '../errors.js';
import { TRAINING_COUNTRY } from './training-settings.js';

export const trainingSwitching = () =>
  appError('TRAINING_SWITCHING', 'Quầy đang chuyển chế độ tập huấn. Thử lại sau vài giây.', 'The counter is switching training mode. Try again in a few seconds.', { status: 'CONFLICT' });

/** A switch waited for the calls running at the counter and some did not end: nothing was switched. */
export const callsStillRunning = (count: number) =>
  appError(
    'TRAINING_CALLS_RUNNING',
    `Quầy còn ${count} việc đang làm dở (ví dụ một hồ sơ đang ghi) nên chưa chuyển chế độ tập huấn; quầy vẫn ở chế độ cũ. Chờ việc đó xong rồi bấm lại.`,
    `The counter still has ${count} task(s) under way (a dossier being recorded, say), so training mode was not switched; the counter stays as it was. Wait for it to finish and press again.`,
    { status: 'CONFLICT' },
  );

/** Leaving refused before anything closed: the counter's own file is not where it was. */
export const realDataMissing = (file: string) =>
  appError(
    'TRAINING_REAL_DATA_MISSING',
    `Không thấy tệp dữ liệu thật ${file} nên quầy vẫn ở chế độ tập huấn (không tạo tệp trống thay cho dữ liệu thật). Đặt tệp về chỗ cũ hoặc báo quản trị, rồi thoát chế độ tập huấn lần nữa.`,
    `The real data file ${file} is not there, so the counter stays in training mode (no empty file is made in place of the real data). Put the file back or tell the administrator, then leave training mode again.`,
    { status: 'CONFLICT' },
  );

/** Leaving failed as the real data opened: the counter is back on its training file. */
export function realDataUnopened(error: unknown) {
  const why = (toAppError(error).data ?? {}) as { vi?: string; en?: string };
  return appError(
    'TRAINING_REAL_DATA_UNOPENED',
    `Không mở lại được dữ liệu thật: ${why.vi ?? ''} Quầy vẫn ở chế độ tập huấn, dữ liệu tập huấn còn nguyên. Xử lý lỗi trên rồi thoát chế độ tập huấn lần nữa.`,
    `The real data could not be opened again: ${why.en ?? ''} The counter stays in training mode, its practice data as they were. Deal with that, then leave training mode again.`,
    { status: 'CONFLICT', cause: error },
  );
}

/** Moving, backing up or restoring concern the real data, which training never opens. */
export const notInTraining = () =>
  appError(
    'NOT_IN_TRAINING',
    'Việc này làm trên dữ liệu thật nên không làm được ở chế độ tập huấn. Thoát chế độ tập huấn (Cài đặt → Chế độ tập huấn) rồi làm lại.',
    'This works on the real data, so it cannot be done in training mode. Leave training mode (Settings → Training mode) and do it again.',
    { status: 'CONFLICT' },
  );

/**
 * A label typed or scanned in training must be a training one: a real label used in practice would
 * spend a real number (decision 0045). Null when the code is an S10 number of the country ZZ.
 */
export function realItemNumberInTraining(code: string, s10: boolean): Msg | null {
  if (s10 && code.endsWith(TRAINING_COUNTRY)) return null;
  return msg(
    `${code} là số hiệu bưu gửi thật, không dùng ở chế độ tập huấn. Bấm "Lấy số" để lấy số tập huấn (kết thúc bằng ${TRAINING_COUNTRY}) và giữ nhãn thật cho hồ sơ thật.`,
    `${code} is a real item number and is not used in training mode. Press "Take a number" for a training number (ending in ${TRAINING_COUNTRY}) and keep the real label for a real dossier.`,
  );
}
