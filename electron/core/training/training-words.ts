import { appError } from '../errors.js';

export const trainingSwitching = () =>
  appError('TRAINING_SWITCHING', 'Quầy đang chuyển chế độ tập huấn. Thử lại sau vài giây.', 'The counter is switching training mode. Try again in a few seconds.', { status: 'CONFLICT' });

/** Moving, backing up or restoring concern the real data, which training never opens. */
export const notInTraining = () =>
  appError(
    'NOT_IN_TRAINING',
    'Việc này làm trên dữ liệu thật nên không làm được ở chế độ tập huấn. Thoát chế độ tập huấn (Cài đặt → Chế độ tập huấn) rồi làm lại.',
    'This works on the real data, so it cannot be done in training mode. Leave training mode (Settings → Training mode) and do it again.',
    { status: 'CONFLICT' },
  );
