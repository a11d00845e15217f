import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterSettings } from '../../../../../shared/contract/index.js';
import { notSent, type Delivered, type OutgoingJob, type PrintTransport } from './failure.js';

/** Where preview files go: the folder chosen in Settings, else print-preview/ in the data folder. */
export const previewDirOf = (printer: PrinterSettings, dataDir: string) => printer.previewDir || join(dataDir, 'print-preview');

/** No printer yet: each job is written as the PNG the clerk saw and the raw ESC/POS bytes. */
export class PreviewTransport implements PrintTransport {
  readonly needsPicture = true;

  constructor(private readonly dir: string) {}

  describe(): string {
    return `Xem trước (${this.dir})`;
  }

  async send(job: OutgoingJob): Promise<Delivered> {
    const base = join(this.dir, `${String(job.id).padStart(6, '0')}-${job.document}`);
    try {
      await mkdir(this.dir, { recursive: true });
      if (job.png) await writeFile(`${base}.png`, job.png);
      await writeFile(`${base}.bin`, job.bytes);
    } catch (error) {
      throw notSent(
        'PREVIEW_DIR',
        `Không ghi được bản xem trước vào ${this.dir} (${(error as NodeJS.ErrnoException).code ?? ''}). Kiểm tra thư mục trong Cài đặt.`,
        `Cannot write the preview to ${this.dir} (${(error as NodeJS.ErrnoException).code ?? ''}). Check the folder in Settings.`,
      );
    }
    return 'saved';
  }
}
