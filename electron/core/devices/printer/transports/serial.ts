import type { PrinterSettings } from '../../../../../shared/contract/index.js';
import { maybeSent, notSent, type Delivered, type OutgoingJob, type PrintTransport } from './failure.js';

/** The part of serialport's stream a printer needs; tests pass one on a pty. */
export interface WritablePort {
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer, callback: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  readonly isOpen: boolean;
}

export type OpenPrinterPort = (s: { path: string; baudRate: number; rtscts: boolean; xon: boolean; xoff: boolean }) => WritablePort;

/** A serial printer: open with baud and flow control, write, drain() before close, release. */
export class SerialTransport implements PrintTransport {
  constructor(
    private readonly settings: Pick<PrinterSettings, 'serialPath' | 'baudRate' | 'flowControl'>,
    private readonly openPort: OpenPrinterPort,
    private readonly drainMs = 20_000,
  ) {}

  describe(): string {
    return this.settings.serialPath;
  }

  /** `sent` once drain() says every byte left the port (with flow control, the printer took them). */
  async send(job: OutgoingJob): Promise<Delivered> {
    const where = this.describe();
    const { flowControl } = this.settings;
    const port = this.openPort({
      path: where,
      baudRate: this.settings.baudRate,
      rtscts: flowControl === 'rtscts',
      xon: flowControl === 'xonxoff',
      xoff: flowControl === 'xonxoff',
    });
    const opened = await new Promise<Error | null>((r) => port.open(r));
    if (opened) {
      throw notSent(
        'PRINTER_PORT',
        `Không mở được cổng máy in ${where}: ${opened.message}. Kiểm tra cáp, nguồn máy in và tên cổng trong Cài đặt, rồi bấm In lại.`,
        `Cannot open the printer port ${where}: ${opened.message}. Check the cable, power and port name, then press Reprint.`,
      );
    }
    try {
      await new Promise<void>((resolve, reject) => {
        // With flow control, a printer that is off or out of paper holds the data back.
        const timer = setTimeout(() => reject(new Error('drain timeout')), this.drainMs);
        port.write(job.bytes, (e) => e && reject(e));
        port.drain((e) => {
          clearTimeout(timer);
          if (e) reject(e);
          else resolve();
        });
      });
    } catch (error) {
      throw maybeSent(
        'PRINTER_SERIAL_STALLED',
        `Máy in ở ${where} không nhận hết dữ liệu (${(error as Error).message}); có thể đã in một phần. Xem máy in (giấy, nắp, nguồn) trước khi bấm In lại.`,
        `The printer on ${where} did not take all the data (${(error as Error).message}); it may have printed part. Check paper, cover and power before reprinting.`,
      );
    } finally {
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    }
    return 'sent';
  }
}
