import type { ExportFile } from '../../../shared/contract/index.js';

/**
 * Hands a file made by the core to the clerk: a download in the browser, the save dialog in
 * Electron (both start from a link with `download`), so neither needs file access of its own.
 */
export function saveFile(file: ExportFile): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
