/**
 * Who may do what, in one place (issue 11 "while there": authorisation as a unit a reader can
 * find and test). Pure: each check reads what the connection was opened with (its access at the
 * upgrade: instructor key, projector key or join code), what it said in its hello and which seat
 * it holds, and returns the protocol's refusal, or null to go on. The hub (hub.ts) sends the
 * refusal; whether a seat is free, or a move is right, is the queue's and the referee's business.
 */
import type { ProtocolErrorCode } from '../src/protocol/codes.js';
import type { Hello, Role } from '../src/protocol/messages.js';
import { seatKey, type SeatKey } from './seats.js';

/** What authorisation reads of a connection (conn.ts Conn has all of it). */
export interface Caller {
  /** Opened with the instructor key. */
  privileged: boolean;
  /** Opened with the projector key: watches as instructor, never commands or sits. */
  readOnly: boolean;
  role: Role | null;
  seat: SeatKey | null;
}

/** A hello's role against the credentials of the upgrade: `auth/bad-key` closes with 4001. */
export function helloRefusal(c: Caller, hello: Pick<Hello, 'role' | 'token'>): 'auth/bad-key' | 'auth/bad-token' | null {
  // Instructor and bot seats need the key given at the upgrade; a join code is not enough, and
  // the projector key opens only the instructor's (read-only) view.
  if (hello.role === 'instructor' && !c.privileged && !c.readOnly) return 'auth/bad-key';
  if (hello.role === 'bot' && !c.privileged) return 'auth/bad-key';
  if (hello.token !== undefined && !/^[A-Za-z0-9_-]{21}$/.test(hello.token)) return 'auth/bad-token';
  return null;
}

/** A move may act only for the connection's own seat. */
export function moveRefusal(c: Caller, move: { cluster: string; server: string }): ProtocolErrorCode | null {
  if (!c.seat) return c.role === 'instructor' ? 'seat/none' : 'protocol/hello-first';
  if (seatKey(move.cluster, move.server) !== c.seat) return 'seat/not-yours';
  return null;
}

/** A command needs an instructor hello over the instructor key (not the projector's). */
export function commandRefusal(c: Caller): ProtocolErrorCode | null {
  if (c.role !== 'instructor') return 'auth/not-instructor';
  if (c.readOnly) return 'auth/read-only';
  return null;
}
