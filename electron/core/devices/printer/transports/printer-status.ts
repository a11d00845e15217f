import { maybeSent, type PrintFailure } from './failure.js';

/**
 * ESC/POS real-time status (DLE EOT n). A printer answers each request with one byte as the
 * request arrives, after every byte before it, so an answer to requests sent after a job's last
 * byte is the printer's own word that it took the whole job. We ask n = 2 (offline cause: cover
 * open, stopped at paper end, error) and n = 4 (paper roll sensor), in that order.
 */
export const STATUS_REQUESTS = Buffer.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);

/** `DLE EOT n` with n = 1–4 starts at `i`: what a printer answers, wherever it appears. */
export const isStatusRequestAt = (b: Uint8Array, i: number) => b[i] === 0x10 && b[i + 1] === 0x04 && b[i + 2]! >= 1 && b[i + 2]! <= 4;

/**
 * How many one-byte answers a stream provokes. Many printers also answer a `10 04 n` inside
 * raster data (the packer clears those, see escpos.ts, but text or future commands might carry
 * one), so all are counted: our own answers are the last two of the full count, never an early
 * answer provoked by the picture.
 */
export function answersExpected(stream: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < stream.length; i++) if (isStatusRequestAt(stream, i)) n++;
  return n;
}

/** Status bytes always have bit 1 and bit 4 set and bits 0 and 7 clear. */
const isStatusByte = (b: number) => (b & 0x93) === 0x12;

/**
 * What the two answers say, in words, when the printer cannot print what it took (it keeps the
 * data and may print it once the fault is cleared, so the job's outcome is unknown), or null.
 */
export function statusProblem(offline: number, paper: number, where: string): PrintFailure | null {
  if (!isStatusByte(offline) || !isStatusByte(paper)) {
    return maybeSent(
      'PRINTER_STATUS_GARBLED',
      `Máy in (${where}) trả lời yêu cầu trạng thái bằng dữ liệu lạ (${hex(offline)} ${hex(paper)}); không chắc đã in. Xem máy in trước khi bấm In lại.`,
      `The printer (${where}) answered the status request with unexpected data (${hex(offline)} ${hex(paper)}); it may not have printed. Check it before reprinting.`,
    );
  }
  if ((paper & 0x60) !== 0 || (offline & 0x20) !== 0) {
    return maybeSent(
      'PRINTER_PAPER_OUT',
      `Máy in (${where}) báo hết giấy: đã nhận đủ dữ liệu nhưng chưa in xong. Lắp cuộn giấy mới; phiếu có thể tự in tiếp. Xem máy in trước khi bấm In lại.`,
      `The printer (${where}) is out of paper: it took all the data but has not finished printing. Load a new roll; it may print by itself. Check it before reprinting.`,
    );
  }
  if ((offline & 0x04) !== 0) {
    return maybeSent(
      'PRINTER_COVER_OPEN',
      `Máy in (${where}) báo nắp đang mở: đã nhận đủ dữ liệu nhưng chưa in. Đóng nắp; phiếu có thể tự in tiếp. Xem máy in trước khi bấm In lại.`,
      `The printer (${where}) reports its cover open: it took all the data but has not printed. Close the cover; it may print by itself. Check it before reprinting.`,
    );
  }
  if ((offline & 0x40) !== 0) {
    return maybeSent(
      'PRINTER_ERROR',
      `Máy in (${where}) báo lỗi (dao cắt, đầu in hoặc nhiệt độ). Tắt rồi bật lại máy in, xem phiếu đã ra chưa trước khi bấm In lại.`,
      `The printer (${where}) reports an error (cutter, head or temperature). Switch it off and on, and check for paper before reprinting.`,
    );
  }
  return null;
}

const hex = (b: number) => b.toString(16).padStart(2, '0');
