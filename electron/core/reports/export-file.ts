import type { ExportFile } from '../../../shared/contract/reports.js';
import { TRAINING_FILE_PREFIX } from '../training/training-band.js';

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A made file as the contract carries it: named (prefixed in training, decision 0045), typed by its extension, base64. */
export const exportFile = (name: string, ext: keyof typeof MIME, content: Buffer, training = false): ExportFile => ({
  fileName: `${training ? TRAINING_FILE_PREFIX : ''}${name}.${ext}`,
  mimeType: MIME[ext],
  contentBase64: content.toString('base64'),
});
