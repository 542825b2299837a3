/**
 * Starts a test server on 127.0.0.1 at a free port and tracks its sockets, so `close` ends
 * keep-alive connections at once instead of waiting for clients to hang up.
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LocalServer {
  readonly port: number;
  /** "http://127.0.0.1:<port>". */
  readonly base: string;
  close(): Promise<void>;
}

export async function listenLocally(server: Server): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
