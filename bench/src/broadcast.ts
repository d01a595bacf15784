/**
 * W4's baseline, as its own process like the gateway: a plain WebSocket server that broadcasts
 * the same bytes to every connected client. The parent connects its clients, then sends
 * `{"broadcast": <template>, "count": n, "perSecond": r}` on any connection; the server sends the
 * template `count` times, `perSecond` a second, with `"sentAt"` set to the send time, to every
 * other client. Prints `{ "ready": true, "url": … }` when listening.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('listening', () => {
  const address = wss.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ ready: true, url: `ws://127.0.0.1:${address.port}/` })}\n`);
});
wss.on('connection', (socket: WebSocket) => {
  socket.on('message', (data) => {
    const command = JSON.parse(String(data)) as { broadcast: string; count: number; perSecond: number };
    let sent = 0;
    const timer = setInterval(() => {
      // The same bytes for everyone: the message is built once per event, then written to each socket.
      const message = command.broadcast.replace('"sentAt":0', `"sentAt":${Date.now()}`);
      for (const client of wss.clients) if (client !== socket && client.readyState === client.OPEN) client.send(message);
      if (++sent >= command.count) clearInterval(timer);
    }, 1000 / command.perSecond);
  });
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    for (const c of wss.clients) c.terminate();
    wss.close(() => process.exit(0));
  });
}
