import { open } from 'node:fs/promises';
import { devicePathProblem } from '../printer-paths.js';
import { maybeSent, notSent, type Delivered, type OutgoingJob, type PrintTransport } from './failure.js';

/** A device path: /dev/usb/lp0, a serial port, or a Windows shared printer (\\\\PC\\Printer). */
export class DeviceTransport implements PrintTransport {
  constructor(private readonly path: string) {}

  describe(): string {
    return this.path;
  }

  /** `sent` when the device's driver has taken every byte (a USB printer acknowledges each transfer). */
  async send(job: OutgoingJob): Promise<Delivered> {
    // Checked again here: a settings file edited by hand must not make receipts append to a file.
    const notADevice = devicePathProblem(this.path);
    if (notADevice) throw notSent('PRINTER_NOT_A_DEVICE', notADevice.vi, notADevice.en);
    let handle;
    try {
      handle = await open(this.path, 'a');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw notSent(
        'PRINTER_DEVICE',
        code === 'ENOENT'
          ? `Không thấy máy in tại ${this.path}: máy in chưa cắm, chưa bật hoặc sai đường dẫn. Kiểm tra rồi bấm In lại.`
          : `Không ghi được tới máy in ${this.path} (${code}): kiểm tra quyền truy cập hoặc máy in đang bận, rồi bấm In lại.`,
        code === 'ENOENT'
          ? `No printer at ${this.path}: it is unplugged, off, or the path is wrong. Check, then press Reprint.`
          : `Cannot write to the printer ${this.path} (${code}): check permissions or whether it is busy, then press Reprint.`,
      );
    }
    try {
      await handle.write(job.bytes);
    } catch (error) {
      throw maybeSent(
        'PRINTER_DEVICE_WRITE',
        `Lỗi khi gửi tới máy in ${this.path} (${(error as NodeJS.ErrnoException).code ?? ''}); có thể đã in một phần. Xem máy in trước khi bấm In lại.`,
        `Writing to the printer ${this.path} failed (${(error as NodeJS.ErrnoException).code ?? ''}); it may have printed part. Check it before reprinting.`,
      );
    } finally {
      await handle.close().catch(() => {});
    }
    return 'sent';
  }
}
