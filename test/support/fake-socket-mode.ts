/**
 * A fake Slack Socket Mode endpoint (a `ws` server on 127.0.0.1): greets each connection with
 * `hello`, delivers envelopes (slash commands, interactive payloads, events) and resolves with
 * the client's acknowledgement for that envelope.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: unknown;
}

export interface FakeSocketMode {
  /** The URL apps.connections.open hands out. */
  readonly url: string;
  readonly connections: number;
  waitConnected(ms?: number): Promise<void>;
  /** Sends an envelope to the connected client; resolves with its ack. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  const clients: WebSocket[] = [];
  const acks = new Map<string, (ack: SocketAck) => void>();
  let connections = 0;

  wss.on('connection', (ws) => {
    connections += 1;
    clients.push(ws);
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      acks.get(ack.envelope_id)?.(ack);
      acks.delete(ack.envelope_id);
    });
    ws.on('close', () => clients.splice(clients.indexOf(ws), 1));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A1' },
      }),
    );
  });

  return {
    url,
    get connections() {
      return connections;
    },
    async waitConnected(ms = 10_000) {
      const end = Date.now() + ms;
      while (clients.length === 0) {
        if (Date.now() > end) throw new Error('fake Socket Mode: no client connected');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    send(type, payload) {
      const client = clients[0];
      if (!client) return Promise.reject(new Error('fake Socket Mode: no client connected'));
      const envelope_id = randomUUID();
      return new Promise<SocketAck>((resolve) => {
        acks.set(envelope_id, resolve);
        client.send(
          JSON.stringify({
            envelope_id,
            type,
            accepts_response_payload: type !== 'events_api',
            payload,
          }),
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
