import type { ExportFile } from '../../../shared/contract/reports.js';

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A made file as the contract carries it: named, typed by its extension, base64. */
export const exportFile = (name: string, ext: keyof typeof MIME, content: Buffer): ExportFile => ({
  fileName: `${name}.${ext}`,
  mimeType: MIME[ext],
  contentBase64: content.toString('base64'),
});
