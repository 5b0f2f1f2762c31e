/**
 * One WebSocket connection as the hub sees it, and the few ways of writing to it. Everything
 * leaves through the connection's outbox (outbox.ts), never straight through the socket.
 */
import { WebSocket } from 'ws';
import type { Text } from '../src/i18n/text.js';
import { CLOSE_REASON, errorText, type CloseCode, type ErrorCode, type ProtocolErrorCode } from '../src/protocol/codes.js';
import type { HubMessage, Role } from '../src/protocol/messages.js';
import type { Outbox } from './outbox.js';
import type { TokenBucket } from './rate-limit.js';
import type { Outcome } from './room-queue.js';
import type { SeatKey } from './seats.js';

export interface Conn {
  id: number;
  ws: WebSocket;
  remote: string;
  /** Connected with the instructor key (may say hello as instructor or as a bot). */
  privileged: boolean;
  /** Connected with the projector key: may watch as instructor, never command or sit (issue 11 #9). */
  readOnly: boolean;
  /** The peer's address without its port: the seat cap counts per address (issue 11 #7). */
  address: string;
  role: Role | null;
  helloPending: boolean;
  seat: SeatKey | null;
  outbox: Outbox;
  bucket: TokenBucket;
  dropped: number;
  limitedNotified: boolean;
  alive: boolean;
  lastView: string | null;
  helloTimer: NodeJS.Timeout | null;
}

export function send(c: Conn, msg: HubMessage): void {
  c.outbox.send(JSON.stringify(msg));
}
export function sendError(c: Conn, code: ErrorCode, message: Text, extra: { id?: number; detail?: string } = {}): void {
  send(c, { type: 'error', code, message, ...extra });
}
export function sendVerdict(c: Conn, id: number, outcome: Outcome): void {
  if (outcome.ok) send(c, { type: 'verdict', id, ok: true, version: outcome.version, mistakes: outcome.mistakes });
  else send(c, { type: 'verdict', id, ok: false, code: outcome.code, message: outcome.message, ...(outcome.mistakes ? { mistakes: outcome.mistakes } : {}) });
}
export function refuse(c: Conn, id: number, code: ProtocolErrorCode): void {
  send(c, { type: 'verdict', id, ok: false, code, message: errorText(code) });
}
export function closeConn(c: Conn, closeCode: CloseCode): void {
  if (c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING) c.ws.close(closeCode, CLOSE_REASON[closeCode]);
}
