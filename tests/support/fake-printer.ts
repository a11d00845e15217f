import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type PrinterBehaviour = 'normal' | 'hang' | 'drop';

/**
 * A network printer on 127.0.0.1: 'normal' reads the job and closes when the sender does;
 * 'hang' accepts and never reads or answers; 'drop' reads a little, then resets the connection.
 */
export async function fakePrinter(behaviour: PrinterBehaviour = 'normal') {
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (behaviour === 'hang') {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      received += c.length;
      if (behaviour === 'drop' && received > 1000) socket.resetAndDestroy();
    });
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    jobs,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port with nothing listening on it: connecting is refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
