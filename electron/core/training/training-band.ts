/** The words on every paper of training mode (decision 0045); the screens say the same (i18n `trainingBand`). */
export const TRAINING_BAND = 'TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ';

/** A file made in training is named so, so that it is never filed or sent as the office's own. */
export const TRAINING_FILE_PREFIX = 'TAP-HUAN-';
