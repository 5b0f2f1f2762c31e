/**
 * Seats and their tokens: which token opens which seat (hashes only, as in the journal), who is
 * connected to which seat, the lottery that draws a free seat, and releasing a seat when the
 * instructor re-seats it.
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

export class Seats {
  private readonly tokenSeat = new Map<string, SeatKey>();
  private readonly seatTokenHash = new Map<SeatKey, string>();
  /** Who is connected to each seat. */
  readonly seatConn = new Map<SeatKey, Conn>();
  /** When each seat's last connection went away (hub clock), for the console's "Bob ✗ 3m". */
  readonly leftAt = new Map<SeatKey, number>();
  /** Bot seats the instructor handed to the next student (kept in memory: a resume forgets the preference, not the seat). */
  readonly handover = new Set<SeatKey>();

  constructor(
    private readonly queue: RoomQueue,
    private readonly clock: () => number,
  ) {}

  /** Replays the journal's token and revoke records (on resume). */
  replay(records: JournalRecord[]): void {
    for (const rec of records) {
      if (rec.kind === 'token') this.issueTokenHash(seatKey(rec.cluster, rec.server), rec.hash);
      if (rec.kind === 'revoke') this.revokeSeat(seatKey(rec.cluster, rec.server));
      // The instructor's "hand to the next student" survives a resume (journaled since issue 12).
      if (rec.kind === 'hand') {
        if (rec.on) this.handover.add(seatKey(rec.cluster, rec.server));
        else this.handover.delete(seatKey(rec.cluster, rec.server));
      }
    }
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

  /** The lottery: a free seat (empty first, then one a hub bot keeps warm), drawn at random. */
  drawSeat(preferred: ClusterId | undefined, role: Role): SeatKey | null {
    const order = preferred ? [preferred] : this.clusterIds();
    // A bot (the instructor's) may also take an orphaned bot seat: one whose `bots` process died
    // with its tokens, so a restarted `bots` command fills the same seats with the same sheets.
    // A student goes first to a seat the instructor handed over (bots hand), then as before.
    const passes = role === 'bot' ? (['empty', 'hub-bot', 'orphan-bot'] as const) : (['handed', 'empty', 'hub-bot'] as const);
    const fits = (pass: (typeof passes)[number], k: SeatKey, seat: Seat) =>
      pass === 'handed'
        ? this.handover.has(k) && this.hubDriven(k, seat)
        : pass === 'empty'
          ? seat.kind === 'empty'
          : pass === 'hub-bot'
            ? this.hubDriven(k, seat)
            : seat.kind === 'bot' && !this.seatConn.has(k);
    for (const pass of passes) {
      for (const cid of order) {
        const cluster = this.room().clusters[cid];
        if (!cluster) continue;
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
    const seat = this.room().clusters[cid]?.seats[sid];
    return seat !== undefined && (seat.kind === 'empty' || this.hubDriven(k, seat));
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
      this.seatConn.delete(k);
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
