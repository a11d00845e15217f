import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A network printer for benchmarks: notes when each connection's first byte arrives and
 * answers real-time status requests (DLE EOT n) with "ready", as a working printer does.
 */
export async function timingPrinter() {
  const firstBytes: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let first = true;
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (c: Buffer) => {
      if (first) {
        firstBytes.push(performance.now());
        first = false;
      }
      for (let i = 0; i + 1 < c.length; i++) if (c[i] === 0x10 && c[i + 1] === 0x04) socket.write(Buffer.from([0x12]));
    });
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    firstBytes,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
