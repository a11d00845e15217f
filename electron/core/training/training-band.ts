/** The words on every paper of training mode (decision 0045); the screens say the same (i18n `trainingBand`). */
export const TRAINING_BAND = 'TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ';
