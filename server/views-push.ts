/**
 * Pushing views after each batch: a seat's view to its holder, the room view (with presence) to
 * every instructor, all inside one cork scope so each socket gets one write per batch.
 */
import type { Presence } from '../src/protocol/messages.js';
import type { Conn } from './conn.js';
import type { GameEngine } from './engine-types.js';
import { CorkScope } from './outbox.js';
import type { Batch, RoomQueue } from './room-queue.js';
import { seatKey, splitKey, type SeatKey, type Seats } from './seats.js';

export interface ViewsPushDeps {
  queue: RoomQueue;
  engine: Pick<GameEngine, 'seatView' | 'instructorView'>;
  seats: Seats;
  conns: ReadonlySet<Conn>;
  code: string;
  /** Hub bots the instructor holds (hub-bots.ts), shown in the presence table. */
  held?: () => ReadonlySet<SeatKey>;
  /** Named mistakes hub bots are to make (hub-bots.ts). */
  errs?: () => ReadonlyMap<SeatKey, string>;
}

/**
 * The room view goes to instructors (console, terminal and web projectors) at most once per
 * ROOM_VIEW_MS of wall time, the last batch's state always following within that time. At full
 * pace a room commits hundreds of batches a second, and each room view of 12 clusters is
 * 100–200 KB: building, sending and parsing every one starved the hub (a single web projector
 * page cost a whole core and cut the room's rounds to a quarter; docs/performance.md §8). A
 * person at the console or the room at the projector cannot read faster than 10 views a second.
 */
export const ROOM_VIEW_MS = 100;

export class ViewsPush {
  /** Instructor connections (console, projector): the only ones a room view is built for. */
  readonly instructors = new Set<Conn>();
  /** Instructors welcomed in this batch: they get the room view even if it equals their last. */
  readonly roomForced = new Set<Conn>();
  /**
   * Every socket written to while a batch is answered stays corked until the end, so its view,
   * verdict and any other message leave in one write (one writev) instead of one syscall each.
   */
  readonly cork = new CorkScope();

  /** When the last room view was built (performance.now), and the trailing push waiting, if any. */
  private lastRoomPush = -Infinity;
  private roomTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ViewsPushDeps) {}

  /** Stops the trailing push (the hub is closing). */
  stop(): void {
    if (this.roomTimer) clearTimeout(this.roomTimer);
    this.roomTimer = null;
  }

  /**
   * A room view now if the last one is ROOM_VIEW_MS old or a newly welcomed instructor waits
   * for its first; otherwise one trailing push at the end of the interval carries the latest state.
   */
  private requestRoomViews(): void {
    if (this.instructors.size === 0) return void this.roomForced.clear();
    const wait = this.lastRoomPush + ROOM_VIEW_MS - performance.now();
    if (wait <= 0 || this.roomForced.size > 0) {
      if (this.roomTimer) clearTimeout(this.roomTimer);
      this.roomTimer = null;
      return this.pushRoomViews();
    }
    this.roomTimer ??= setTimeout(() => {
      this.roomTimer = null;
      this.cork.run(() => this.pushRoomViews());
    }, wait);
  }

  presence(): Presence {
    const { queue, seats } = this.deps;
    const out: Presence = {};
    for (const [cid, cluster] of Object.entries(queue.room.clusters)) {
      out[cid] = {};
      for (const [sid, seat] of Object.entries(cluster.seats)) {
        const k = seatKey(cid, sid);
        out[cid][sid] = {
          seat: seat.kind,
          ...(seat.kind === 'student' ? { name: seat.name } : {}),
          connected: seats.seatConn.has(k),
          ...(!seats.seatConn.has(k) && seats.leftAt.has(k) ? { since: seats.leftAt.get(k) } : {}),
          ...(seat.kind === 'bot' && this.deps.held?.().has(k) ? { held: true } : {}),
          ...(seat.kind === 'bot' && this.deps.errs?.().has(k) ? { err: this.deps.errs().get(k) } : {}),
          ...(seat.kind === 'bot' ? { driver: seats.hasToken(k) ? ('remote' as const) : ('hub' as const) } : {}),
        };
      }
    }
    return out;
  }

  pushSeatView(c: Conn, force: boolean): void {
    if (!c.seat) return;
    const { queue, engine } = this.deps;
    const [cid, sid] = splitKey(c.seat);
    const content = JSON.stringify(engine.seatView(queue.room, cid, sid));
    if (!force && content === c.lastView) return;
    c.lastView = content;
    c.outbox.sendView(`{"type":"view","version":${queue.version},"view":${content}}`);
  }

  /**
   * The room view is built and serialised once per batch, and only when somebody watches; the
   * same string goes to every instructor whose last one differs. A slow instructor's outbox
   * keeps only the newest (sendView), like a seat's.
   */
  pushRoomViews(): void {
    if (this.instructors.size === 0) return void this.roomForced.clear();
    this.lastRoomPush = performance.now();
    const { queue, engine, code } = this.deps;
    const content = `"view":${JSON.stringify(engine.instructorView(queue.room))},"presence":${JSON.stringify(this.presence())}`;
    const message = `{"type":"room","version":${queue.version},"code":${JSON.stringify(code)},${content}}`;
    for (const c of this.instructors) {
      if (!this.roomForced.has(c) && content === c.lastView) continue;
      c.lastView = content;
      c.outbox.sendView(message);
    }
    this.roomForced.clear();
  }

  /** Answers a committed batch: binds, views that changed, then replies, all corked. */
  answer(batch: Batch): void {
    this.cork.run(() => {
      for (const f of batch.bind) f();
      for (const c of this.deps.conns) {
        if (!c.seat) continue;
        const forced = batch.force.has(c.seat);
        const [cid, sid] = splitKey(c.seat);
        if (forced || batch.touchesSeat(cid, sid)) this.pushSeatView(c, forced);
      }
      const changed = batch.records.some((r) => r.kind === 'command' || r.kind === 'refused') || batch.presence || batch.all || batch.touched.size > 0;
      if (changed || this.roomForced.size > 0) this.requestRoomViews();
      for (const f of batch.reply) f();
    });
  }
}
