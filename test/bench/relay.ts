/**
 * The transport's limit: a WebSocket server that relays every message to the
 * other clients of the same room and does nothing else (no Yjs, no storage).
 *   PORT=1235 node -r @swc-node/register test/bench/relay.ts
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = createServer((_req, res) => res.end('relay'));
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
  const room = (req.url ?? '/').slice(1);
  let peers = rooms.get(room);
  if (!peers) rooms.set(room, (peers = new Set()));
  peers.add(ws);
  ws.on('message', (data, isBinary) => {
    for (const p of peers)
      if (p !== ws && p.readyState === p.OPEN) p.send(data, { binary: isBinary });
  });
  ws.on('close', () => peers.delete(ws));
});
server.listen(Number(process.env.PORT ?? 1235), '127.0.0.1', () => console.log('relay ready'));
