import { connect } from 'node:net';
import { maybeSent, notSent, type OutgoingJob, type PrintTransport } from './failure.js';

/**
 * Raw TCP (port 9100). Success is the printer closing the connection after our end of
 * data, which network printers do once they have read it. A printer that accepts and then
 * goes quiet, or drops the connection mid-job, leaves the outcome unknown.
 */
export class TcpTransport implements PrintTransport {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeouts = { connectMs: 3000, idleMs: 5000 },
  ) {}

  describe(): string {
    return `${this.host}:${this.port}`;
  }

  send(job: OutgoingJob): Promise<void> {
    const where = this.describe();
    return new Promise((resolve, reject) => {
      let connected = false;
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      const socket = connect({ host: this.host, port: this.port });
      const connectTimer = setTimeout(
        () =>
          finish(
            notSent(
              'PRINTER_UNREACHABLE',
              `Máy in không phản hồi (${where}). Kiểm tra dây mạng và nguồn máy in, rồi bấm In lại.`,
              `The printer does not answer (${where}). Check its network cable and power, then press Reprint.`,
            ),
          ),
        this.timeouts.connectMs,
      );
      socket.once('connect', () => {
        connected = true;
        clearTimeout(connectTimer);
        socket.setTimeout(this.timeouts.idleMs);
        socket.end(job.bytes);
      });
      socket.on('timeout', () =>
        finish(
          maybeSent(
            'PRINTER_STALLED',
            `Máy in (${where}) nhận dữ liệu rồi ngừng phản hồi; có thể đã in một phần. Xem máy in (giấy, nắp) trước khi bấm In lại.`,
            `The printer (${where}) took the data, then stopped answering; it may have printed part. Check it (paper, cover) before reprinting.`,
          ),
        ),
      );
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected) {
          const refused = error.code === 'ECONNREFUSED';
          return finish(
            notSent(
              refused ? 'PRINTER_REFUSED' : 'PRINTER_UNREACHABLE',
              refused
                ? `Máy in từ chối kết nối (${where}): máy in đang tắt, đang khởi động hoặc sai cổng. Bật máy in, kiểm tra cài đặt rồi bấm In lại.`
                : `Không tìm thấy máy in (${where}). Kiểm tra địa chỉ IP, dây mạng và nguồn máy in, rồi bấm In lại.`,
              refused
                ? `The printer refused the connection (${where}): it is off, starting, or the port is wrong. Turn it on, check Settings, then press Reprint.`
                : `The printer cannot be reached (${where}). Check its IP address, cable and power, then press Reprint.`,
            ),
          );
        }
        finish(
          maybeSent(
            'PRINTER_DROPPED',
            `Máy in (${where}) ngắt kết nối khi đang in; có thể đã in một phần. Xem máy in trước khi bấm In lại.`,
            `The printer (${where}) dropped the connection mid-job; it may have printed part. Check it before reprinting.`,
          ),
        );
      });
      socket.on('close', () => {
        if (connected) finish();
      });
    });
  }
}
