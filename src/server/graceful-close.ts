import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * Graceful stop that loses no request. Node's http.Server#close() also closes "idle" connections, and Node
 * counts a connection as idle as soon as the request has been fully received — even while its response is
 * still being computed (measured: 28 of 60 in-flight logins reset). So we track requests per socket ourselves:
 * stop listening, end sockets that carry no request, answer the running requests with `Connection: close`
 * and end their sockets when the response is finished.
 */
export function gracefulCloser(server: Server): { close(): Promise<void>; closeAll(): void } {
  const active = new Map<Socket, number>();
  let stopping = false;

  server.on('connection', (socket: Socket) => {
    active.set(socket, 0);
    socket.once('close', () => active.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (stopping && left === 0) socket.end();
    });
  });

  return {
    close() {
      stopping = true;
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      for (const [socket, requests] of active) if (requests === 0) socket.end();
      return closed;
    },
    closeAll() {
      for (const socket of active.keys()) socket.destroy();
    },
  };
}
