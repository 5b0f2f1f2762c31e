/**
 * The floor: a bare `ws` relay. Each connection names itself in the URL (`/?id=A/i3`); every
 * text frame it sends is a small JSON object with `to`; the relay reads `to` and forwards the
 * frame, byte for byte, to that connection of the same cluster. Nothing is validated, stored or
 * computed: it is what any JSON-over-WebSocket service costs at least on this machine, with
 * the same `ws` options as the hub (no compression, the same payload cap).
 */
import * as http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { procStats } from './lib.js';

function main(): void {
  const conns = new Map<string, WebSocket>();
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false, clientTracking: false });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {});
    const id = new URL(req.url ?? '/', 'http://relay').searchParams.get('id') ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      const cluster = id.slice(0, id.indexOf('/') + 1);
      conns.set(id, ws);
      ws.on('error', () => {});
      ws.on('close', () => {
        if (conns.get(id) === ws) conns.delete(id);
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const text = data.toString();
        let to: unknown;
        try {
          to = (JSON.parse(text) as { to?: unknown }).to;
        } catch {
          return;
        }
        if (typeof to === 'string') conns.get(cluster + to)?.send(text);
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.send!({ type: 'ready', port: typeof addr === 'object' && addr ? addr.port : 0 });
  });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', ...procStats(), connections: conns.size });
    if (m.type === 'stop') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
}

main();
