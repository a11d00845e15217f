import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * - 'normal' reads the job, answers each real-time status request (DLE EOT n) as a healthy
 *   printer does, and closes when the sender does;
 * - 'paper-out' the same, but its answers say the paper ran out;
 * - 'mute' reads everything, never answers status, and closes after the sender does;
 * - 'partial' reads 65,536 bytes, then closes normally (FIN, no reset) without reading more;
 * - 'hang' accepts and never reads or answers; 'drop' reads a little, then resets.
 */
export type PrinterBehaviour = 'normal' | 'paper-out' | 'mute' | 'partial' | 'hang' | 'drop';

/** A healthy status byte (bits 1 and 4 always set), and the bits a printer out of paper sets. */
const HEALTHY = 0x12;
const ANSWER: Record<string, (n: number) => number> = {
  normal: () => HEALTHY,
  'paper-out': (n) => HEALTHY | (n === 2 ? 0x20 : n === 4 ? 0x60 : 0),
};
const PARTIAL_BYTES = 65_536;

/** What a printer prints: the stream without the real-time requests trailing it. */
function withoutTrailingStatus(b: Buffer): Buffer {
  let end = b.length;
  while (end >= 3 && b[end - 3] === 0x10 && b[end - 2] === 0x04) end -= 3;
  return b.subarray(0, end);
}

/** A network printer on 127.0.0.1 behaving as asked; `answerDelayMs` slows its status answers. */
export async function fakePrinter(behaviour: PrinterBehaviour = 'normal', opts: { answerDelayMs?: number } = {}) {
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (behaviour === 'hang') {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      jobs.push(withoutTrailingStatus(Buffer.concat(chunks)));
    };
    // Real-time requests are answered as they arrive, like a printer reading its input naively;
    // a slow printer closes only after it has answered what it read.
    let tail = Buffer.alloc(0);
    let answering = Promise.resolve();
    socket.on('data', (c: Buffer) => {
      if (behaviour === 'partial' && received + c.length >= PARTIAL_BYTES) {
        chunks.push(c.subarray(0, PARTIAL_BYTES - received));
        received = PARTIAL_BYTES;
        socket.pause();
        record();
        socket.end();
        return;
      }
      chunks.push(c);
      received += c.length;
      if (behaviour === 'drop' && received > 1000) return socket.resetAndDestroy();
      const answer = ANSWER[behaviour];
      if (answer) {
        const scan = Buffer.concat([tail, c]);
        const replies: number[] = [];
        for (let i = 0; i + 2 < scan.length; i++) {
          if (scan[i] === 0x10 && scan[i + 1] === 0x04 && scan[i + 2]! >= 1 && scan[i + 2]! <= 4) replies.push(answer(scan[i + 2]!));
        }
        tail = scan.subarray(Math.max(0, scan.length - 2));
        if (replies.length > 0) {
          const reply = () => {
            if (isLastRequest(scan)) record();
            if (!socket.destroyed) socket.write(Buffer.from(replies));
          };
          if (opts.answerDelayMs) answering = new Promise((r) => setTimeout(() => r(reply()), opts.answerDelayMs));
          else reply();
        }
      }
    });
    socket.on('end', () => {
      record();
      void answering.then(() => socket.end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    jobs,
    /** waits until `n` jobs have arrived (the sender may finish before the printer has noted it) */
    async received(n: number, timeoutMs = 3000): Promise<Buffer[]> {
      const end = Date.now() + timeoutMs;
      while (jobs.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      return jobs;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** The stream so far ends in status requests: the sender's last bytes have arrived. */
const isLastRequest = (b: Buffer) => b.length >= 3 && b[b.length - 3] === 0x10 && b[b.length - 2] === 0x04;

/** A port with nothing listening on it: connecting is refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
