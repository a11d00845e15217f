import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import type { PrinterSettings } from '../../../../shared/contract/index.js';

export type PathProblem = Msg & { field: 'previewDir' | 'devicePath' };

/** Windows names a printer or port as \\.\COM3, \\server\printer, COM3 or LPT1. */
const WINDOWS_DEVICE = /^(\\\\[.?]\\[\w.-]+|\\\\[\w.-]+\\[^\\/]+|(COM|LPT)\d{1,3}:?)$/i;

/**
 * Why a device path is not a printer, or null. A printer is a device (a character device such
 * as /dev/usb/lp0 or a serial port); a regular file is not, and "printing" into one appended
 * receipts to whatever file it named. A path under /dev that is missing is a printer unplugged.
 */
export function devicePathProblem(path: string, platform: NodeJS.Platform = process.platform): Msg | null {
  if (platform === 'win32') {
    return WINDOWS_DEVICE.test(path)
      ? null
      : msg(
          `"${path}" không phải máy in hay cổng: dùng dạng \\\\máy\\tên-máy-in, \\\\.\\COM3 hoặc LPT1.`,
          `"${path}" is not a printer or port: use \\\\computer\\printer, \\\\.\\COM3 or LPT1.`,
        );
  }
  if (!isAbsolute(path)) return msg(`Đường dẫn thiết bị "${path}" phải là đường dẫn đầy đủ, ví dụ /dev/usb/lp0.`, `The device path "${path}" must be absolute, e.g. /dev/usb/lp0.`);
  let isDevice: boolean;
  try {
    isDevice = statSync(path).isCharacterDevice();
  } catch {
    return path.startsWith('/dev/')
      ? null
      : msg(`Không thấy thiết bị "${path}". Máy in cắm vào máy tính có đường dẫn dạng /dev/usb/lp0.`, `There is no device "${path}". A printer plugged into this computer has a path like /dev/usb/lp0.`);
  }
  return isDevice
    ? null
    : msg(
        `"${path}" là một tệp hoặc thư mục, không phải máy in. Chọn thiết bị máy in, ví dụ /dev/usb/lp0.`,
        `"${path}" is a file or folder, not a printer. Choose the printer device, e.g. /dev/usb/lp0.`,
      );
}

/**
 * The printer's paths as an administrator may set them: the preview folder inside the data
 * folder when given relatively (no climbing out with ../), or an absolute folder chosen on
 * purpose; the device path a real device or port.
 */
export function printerPathProblems(p: PrinterSettings, dataDir: string, platform: NodeJS.Platform = process.platform): PathProblem[] {
  const out: PathProblem[] = [];
  if (p.previewDir !== '' && !isAbsolute(p.previewDir)) {
    const inside = relative(dataDir, resolve(dataDir, p.previewDir));
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      out.push({
        field: 'previewDir',
        ...msg(
          `Thư mục xem trước "${p.previewDir}" phải nằm trong thư mục dữ liệu, hoặc là một đường dẫn đầy đủ.`,
          `The preview folder "${p.previewDir}" must be inside the data folder, or an absolute path.`,
        ),
      });
    }
  }
  if (p.devicePath !== '') {
    const problem = devicePathProblem(p.devicePath, platform);
    if (problem) out.push({ field: 'devicePath', ...problem });
  }
  return out;
}
