/**
 * Seats and their tokens: which token opens which seat (hashes only, as in the journal), who is
 * connected to which seat, the lottery that draws a free seat, and releasing a seat when the
 * instructor re-seats it.
 *
 * Against one student taking every seat (issue 11 #7): an address holds at most
 * `seatsPerAddress` student seats (default 4; `hub --seats-per-address N` raises it for a class
 * behind one NAT address); a student seat whose holder never made a move and has been gone for
 * `abandonedAfterMs` (default 2 minutes) goes back to the lottery; and the lottery gives a
 * student a hub bot's seat only when the instructor handed it (`bots hand`).
 */
import { randomInt } from 'node:crypto';
import type { ClusterId, Room, Seat } from '../src/game/types.js';
import { CLOSE, errorText } from '../src/protocol/codes.js';
import type { Role } from '../src/protocol/messages.js';
import { closeConn, sendError, type Conn } from './conn.js';
import type { JournalRecord } from './journal.js';
import type { Batch, RoomQueue } from './room-queue.js';

export type SeatKey = string;
export const seatKey = (cluster: ClusterId, server: string): SeatKey => `${cluster}/${server}`;
export const splitKey = (key: SeatKey): [ClusterId, string] => {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
};

/**
 * A seat a client named, looked up as an own property only: `clusters['constructor']` would find
 * Object.prototype's function (issue 11 #2: such a hello was never answered).
 */
export function ownSeat(room: Room, cid: string, sid: string): Seat | undefined {
  if (!Object.hasOwn(room.clusters, cid)) return undefined;
  const seats = room.clusters[cid].seats;
  return Object.hasOwn(seats, sid) ? seats[sid] : undefined;
}
export const hasCluster = (room: Room, cid: string): boolean => Object.hasOwn(room.clusters, cid);

export class Seats {
  private readonly tokenSeat = new Map<string, SeatKey>();
  private readonly seatTokenHash = new Map<SeatKey, string>();
  /** Who is connected to each seat. */
  readonly seatConn = new Map<SeatKey, Conn>();
  /** When each seat's last connection went away (hub clock), for the console's "Bob ✗ 3m". */
  readonly leftAt = new Map<SeatKey, number>();
  /** Bot seats the instructor handed to the next student (kept in memory: a resume forgets the preference, not the seat). */
  readonly handover = new Set<SeatKey>();
  /** The address each student seat was given to (memory only: after a resume nobody holds any). */
  private readonly addressOf = new Map<SeatKey, string>();
  /** Seats that have made a move (accepted or refused): never taken back by the lottery. */
  private readonly moved = new Set<SeatKey>();
  /** Since when a seat with a token has had no connection. */
  private readonly goneSince = new Map<SeatKey, number>();

  constructor(
    private readonly queue: RoomQueue,
    private readonly clock: () => number,
    readonly limits: { seatsPerAddress: number; abandonedAfterMs: number } = { seatsPerAddress: Infinity, abandonedAfterMs: Infinity },
  ) {}

  /** Replays the journal's token and revoke records (on resume); every seat starts as gone now. */
  replay(records: JournalRecord[]): void {
    for (const rec of records) {
      if (rec.kind === 'token') this.issueTokenHash(seatKey(rec.cluster, rec.server), rec.hash);
      if (rec.kind === 'revoke') this.revokeSeat(seatKey(rec.cluster, rec.server));
      // The instructor's "hand to the next student" survives a resume (journaled since issue 12).
      if (rec.kind === 'hand') {
        if (rec.on) this.handover.add(seatKey(rec.cluster, rec.server));
        else this.handover.delete(seatKey(rec.cluster, rec.server));
      }
      if ((rec.kind === 'command' || rec.kind === 'refused') && rec.command.type === 'move' && rec.by === seatKey(rec.command.cluster, rec.command.server)) this.moved.add(rec.by);
    }
    const now = this.clock();
    for (const k of this.seatTokenHash.keys()) this.goneSince.set(k, now);
  }

  /** A seat's holder made a move: its seat is no longer "never played". */
  markMoved(k: SeatKey): void {
    this.moved.add(k);
  }
  /** A connection now holds the seat, or (null) has left it. */
  connected(k: SeatKey, c: Conn | null): void {
    if (c) {
      this.seatConn.set(k, c);
      this.goneSince.delete(k);
      this.leftAt.delete(k);
    } else {
      this.seatConn.delete(k);
      // Since when the seat is empty: the console says so (issue 12), and an abandoned seat
      // that never moved goes back to the lottery (issue 11).
      this.leftAt.set(k, this.clock());
      if (this.seatTokenHash.has(k)) this.goneSince.set(k, this.clock());
    }
  }
  /** A new student seat was given to a connection from this address. */
  givenTo(k: SeatKey, address: string): void {
    this.addressOf.set(k, address);
  }
  /** How many student seats connections from this address hold now. */
  heldBy(address: string): number {
    let n = 0;
    for (const [k, a] of this.addressOf) if (a === address && this.seatTokenHash.has(k)) n += 1;
    return n;
  }
  /** A student seat whose holder never moved and has been gone long enough (see above). */
  abandoned(k: SeatKey, seat: Seat): boolean {
    if (seat.kind !== 'student' || this.seatConn.has(k) || this.moved.has(k)) return false;
    const since = this.goneSince.get(k);
    return since !== undefined && this.clock() - since >= this.limits.abandonedAfterMs;
  }
  issueTokenHash(k: SeatKey, hash: string): void {
    this.revokeSeat(k);
    this.tokenSeat.set(hash, k);
    this.seatTokenHash.set(k, hash);
  }
  revokeSeat(k: SeatKey): void {
    const old = this.seatTokenHash.get(k);
    if (old) this.tokenSeat.delete(old);
    this.seatTokenHash.delete(k);
    this.addressOf.delete(k);
    this.moved.delete(k);
    this.goneSince.delete(k);
  }
  seatOfToken(hash: string): SeatKey | undefined {
    return this.tokenSeat.get(hash);
  }
  hasToken(k: SeatKey): boolean {
    return this.seatTokenHash.has(k);
  }
  hubDriven(k: SeatKey, seat: Seat): seat is Extract<Seat, { kind: 'bot' }> {
    return seat.kind === 'bot' && !this.seatTokenHash.has(k);
  }
  clusterIds(): ClusterId[] {
    return Object.keys(this.room().clusters);
  }

  /** The lottery: a free seat, drawn at random. */
  drawSeat(preferred: ClusterId | undefined, role: Role): SeatKey | null {
    const order = preferred ? [preferred] : this.clusterIds();
    // A bot (the instructor's) takes an empty seat, then one a hub bot keeps warm, then an
    // orphaned bot seat: one whose `bots` process died with its tokens, so a restarted `bots`
    // command fills the same seats with the same sheets. A student goes first to a seat the
    // instructor handed over (bots hand), then to an empty one, then to an abandoned one; never
    // to a hub bot's seat that was not handed (its sheet would stop: issue 11 #7).
    const passes = role === 'bot' ? (['empty', 'hub-bot', 'orphan-bot'] as const) : (['handed', 'empty', 'abandoned'] as const);
    const fits = (pass: (typeof passes)[number], k: SeatKey, seat: Seat) =>
      pass === 'handed'
        ? this.handover.has(k) && this.hubDriven(k, seat)
        : pass === 'empty'
          ? seat.kind === 'empty'
          : pass === 'hub-bot'
            ? this.hubDriven(k, seat)
            : pass === 'abandoned'
              ? this.abandoned(k, seat)
              : seat.kind === 'bot' && !this.seatConn.has(k);
    for (const pass of passes) {
      for (const cid of order) {
        if (!hasCluster(this.room(), cid)) continue;
        const cluster = this.room().clusters[cid];
        const free = Object.entries(cluster.seats)
          .filter(([sid, seat]) => fits(pass, seatKey(cid, sid), seat))
          .map(([sid]) => seatKey(cid, sid));
        if (free.length > 0) return free[randomInt(0, free.length)];
      }
    }
    return null;
  }
  seatFree(k: SeatKey): boolean {
    const [cid, sid] = splitKey(k);
    const seat = ownSeat(this.room(), cid, sid);
    return seat !== undefined && (seat.kind === 'empty' || this.hubDriven(k, seat) || this.abandoned(k, seat));
  }

  /** Voids a seat's token and drops whoever holds it (the instructor re-seated it). */
  releaseSeat(b: Batch, k: SeatKey): void {
    if (!this.seatTokenHash.has(k) && !this.seatConn.has(k)) return;
    const [cid, sid] = splitKey(k);
    this.queue.record(b, { at: this.clock(), kind: 'revoke', cluster: cid, server: sid });
    this.revokeSeat(k);
    const holder = this.seatConn.get(k);
    b.presence = true;
    if (holder) {
      this.connected(k, null);
      holder.seat = null;
      b.reply.push(() => {
        sendError(holder, 'seat/released', errorText('seat/released'));
        closeConn(holder, CLOSE.released);
      });
    }
  }

  private room(): Room {
    return this.queue.room;
  }
}
