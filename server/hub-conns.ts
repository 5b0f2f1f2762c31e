/**
 * The hub's side of one WebSocket connection (split out of hub.ts): its Conn record with outbox
 * and rate bucket, its frames handed to hub-frames.ts, its close, its hello deadline; and the
 * heartbeat that drops connections that stopped answering.
 */
import type { WebSocket } from 'ws';
import { CLOSE, errorText } from '../src/protocol/codes.js';
import { closeConn, sendError, type Conn } from './conn.js';
import { onFrame, type HubParts } from './hub-frames.js';
import type { Logger } from './log.js';
import { Outbox, type Corkable } from './outbox.js';
import { TokenBucket } from './rate-limit.js';
import { describe } from './room-queue.js';
import type { Access } from './upgrade.js';

export interface ConnectionDeps {
  parts: HubParts;
  nextId: () => number;
  /** A connection that has not said hello by then is told so and closed. */
  helloTimeoutMs: number;
  /** Outbox bytes past which a connection counts as not reading (Outbox). */
  highWater: number;
}

/** A new connection: registered, wired to its frames and its close, with a hello deadline. */
export function openConnection(d: ConnectionDeps, ws: WebSocket, access: Access, remote: string): void {
  const { parts } = d;
  const { conns, views, seats, queue, log, clock, rate } = parts;
  const c: Conn = {
    id: d.nextId(),
    ws,
    remote,
    privileged: access === 'instructor',
    readOnly: access === 'projector',
    address: remote.slice(0, remote.lastIndexOf(':')),
    role: null,
    helloPending: false,
    seat: null,
    outbox: new Outbox(ws, {
      highWater: d.highWater,
      pollMs: 50,
      maxQueued: 1000,
      // ws's own net.Socket (not public API, stable since ws 1): corked while a batch is answered.
      raw: rawSocket(ws),
      cork: views.cork,
      onOverflow: () => {
        log('warn', `conn ${c.id} (${c.remote}) stopped reading: dropped`);
        ws.terminate();
      },
    }),
    bucket: new TokenBucket(rate, clock()),
    dropped: 0,
    limitedNotified: false,
    alive: true,
    lastView: null,
    helloTimer: null,
  };
  conns.add(c);
  // Without this listener one bad frame (oversized, invalid UTF-8) would crash the process.
  ws.on('error', (err) => log('warn', `conn ${c.id} (${c.remote}): ${err.message}`));
  ws.on('pong', () => {
    c.alive = true;
  });
  ws.on('message', (data, isBinary) => {
    try {
      onFrame(parts, c, data, isBinary);
    } catch (err) {
      log('error', `conn ${c.id}: frame handler threw: ${describe(err)}`);
      sendError(c, 'hub/internal', errorText('hub/internal'));
    }
  });
  ws.on('close', (closeCode) => {
    conns.delete(c);
    views.instructors.delete(c);
    c.outbox.close();
    if (c.helloTimer) clearTimeout(c.helloTimer);
    if (c.seat && seats.seatConn.get(c.seat) === c) seats.connected(c.seat, null);
    log('info', `conn ${c.id} (${c.remote}) closed ${closeCode}${c.seat ? ` (seat ${c.seat} kept for its token)` : ''}`);
    c.seat = null;
    queue.enqueue((b) => {
      b.presence = true;
    });
  });
  c.helloTimer = setTimeout(() => {
    if (c.role === null && !c.helloPending) {
      sendError(c, 'protocol/hello-timeout', errorText('protocol/hello-timeout'));
      closeConn(c, CLOSE.helloTimeout);
    }
  }, d.helloTimeoutMs);

}

/**
 * Heartbeat: a connection that does not answer a ping within one interval is dead (or not
 * reading at all): terminate it so its seat shows as disconnected and its buffers are freed.
 */
export function startHeartbeat(conns: Set<Conn>, log: Logger, intervalMs: number): NodeJS.Timeout {
  return setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        log('info', `conn ${c.id} (${c.remote}) missed a heartbeat: terminated`);
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        /* closing already */
      }
    }
  }, intervalMs);
}

/** ws's own net.Socket (not public API, stable since ws 1), if it is there to cork. */
function rawSocket(ws: WebSocket): Corkable | undefined {
  const socket: unknown = Reflect.get(ws, '_socket');
  return typeof socket === 'object' && socket !== null && 'cork' in socket && 'uncork' in socket ? (socket as Corkable) : undefined;
}
