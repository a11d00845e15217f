import { connect } from 'node:net';
import { maybeSent, notSent, type Delivered, type OutgoingJob, type PrintTransport, type PrintFailure } from './failure.js';
import { STATUS_REQUESTS, answersExpected, statusProblem } from './printer-status.js';

export interface TcpTimeouts {
  /** to open the connection; past it nothing was sent */
  connectMs: number;
  /** with no progress while writing; past it the printer stalled mid-job */
  idleMs: number;
  /**
   * for the status answers after the last byte is written, before we close our side; answers
   * that come later, before the printer closes, still count (a slow printer reads at print speed)
   */
  statusMs: number;
}

const DEFAULTS: TcpTimeouts = { connectMs: 3000, idleMs: 5000, statusMs: 2000 };

/**
 * Raw TCP (port 9100). A clean close proves nothing (a printer may read part and close), so
 * the job is followed by real-time status requests: their answers prove every byte arrived
 * (`sent`) and tell paper-out or cover-open. A printer that never answers but reads to our end
 * of data and closes after it leaves the job `unconfirmed`; one that closes before answering,
 * resets or goes quiet leaves it unknown. Decision 0013.
 */
export class TcpTransport implements PrintTransport {
  private readonly timeouts: TcpTimeouts;

  constructor(
    private readonly host: string,
    private readonly port: number,
    timeouts: Partial<TcpTimeouts> = {},
  ) {
    this.timeouts = { ...DEFAULTS, ...timeouts };
  }

  describe(): string {
    return `${this.host}:${this.port}`;
  }

  send(job: OutgoingJob): Promise<Delivered> {
    const where = this.describe();
    const stream = Buffer.concat([job.bytes, STATUS_REQUESTS]);
    const expected = answersExpected(stream);
    return new Promise((resolve, reject) => {
      let connected = false;
      let settled = false;
      /** set once we gave up on the answer and closed our side: the printer's close then ends it */
      let closing = false;
      let answers = Buffer.alloc(0);
      let timer: NodeJS.Timeout | undefined;
      const after = (ms: number, then: () => void) => {
        clearTimeout(timer);
        timer = setTimeout(then, ms);
      };
      const finish = (outcome: Delivered | PrintFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (typeof outcome === 'string') resolve(outcome);
        else reject(outcome);
      };
      const stalled = () =>
        finish(
          maybeSent(
            'PRINTER_STALLED',
            `Máy in (${where}) nhận dữ liệu rồi ngừng phản hồi; có thể đã in một phần. Xem máy in (giấy, nắp) trước khi bấm In lại.`,
            `The printer (${where}) took the data, then stopped answering; it may have printed part. Check it (paper, cover) before reprinting.`,
          ),
        );
      const closedEarly = () =>
        finish(
          maybeSent(
            'PRINTER_CLOSED_EARLY',
            `Máy in (${where}) đóng kết nối trước khi xác nhận đã nhận đủ dữ liệu; có thể chỉ in một phần hoặc không in. Xem máy in trước khi bấm In lại.`,
            `The printer (${where}) closed the connection before confirming it had all the data; it may have printed part or nothing. Check it before reprinting.`,
          ),
        );

      const socket = connect({ host: this.host, port: this.port });
      after(this.timeouts.connectMs, () =>
        finish(
          notSent(
            'PRINTER_UNREACHABLE',
            `Máy in không phản hồi (${where}). Kiểm tra dây mạng và nguồn máy in, rồi bấm In lại.`,
            `The printer does not answer (${where}). Check its network cable and power, then press Reprint.`,
          ),
        ),
      );
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        // While writing, a stall is time without progress, however long a slow printer takes.
        socket.setTimeout(this.timeouts.idleMs, stalled);
        socket.write(stream, () => {
          socket.setTimeout(0);
          after(this.timeouts.statusMs, () => {
            // No answer: close our side; a printer that read everything closes after it.
            closing = true;
            socket.end();
            after(this.timeouts.idleMs, stalled);
          });
        });
      });
      socket.on('data', (chunk: Buffer) => {
        answers = Buffer.concat([answers, chunk]);
        if (answers.length < expected) return;
        const [offline, paper] = answers.subarray(expected - 2, expected);
        finish(statusProblem(offline!, paper!, where) ?? 'sent');
      });
      // The printer's end of the stream: after ours it read to the end; before it, it stopped short.
      socket.on('end', () => (closing ? finish('unconfirmed') : closedEarly()));
      socket.on('close', () => {
        if (connected) closing ? finish('unconfirmed') : closedEarly();
      });
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
    });
  }
}
