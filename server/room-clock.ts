/**
 * The room clock: the hub ticks the room (`{type:'tick', now}`) when something is due, one timer
 * armed for the earliest due moment.
 */
import type { Room } from '../src/game/types.js';
import type { Logger } from './log.js';
import type { RoomQueue } from './room-queue.js';

/** The next moment the room has something due: a delayed card arriving, or an election timer. */
export function nextDue(r: Room): number {
  let due = Infinity;
  for (const cluster of Object.values(r.clusters)) {
    for (const card of cluster.inFlight) if (card.deliverAt > r.now) due = Math.min(due, card.deliverAt);
    // A paused cluster's timers are frozen (they move on when it resumes): nothing is due.
    if (cluster.election === 'timers' && cluster.paused === undefined) {
      for (const server of Object.values(cluster.servers)) if (server.timerDeadline !== null) due = Math.min(due, server.timerDeadline);
    }
  }
  return due;
}

/**
 * Timers mode also needs the clock to move when nothing is due yet: the reducer arms timers on
 * a tick, a leader's heartbeat (a third of the shortest timeout) is judged against the room
 * clock, and the students' countdowns are drawn from it. A quarter heartbeat keeps leaders on time;
 * a second is the countdown's resolution and caps the journal's clock lines at 1/s (with the
 * people's 20–40 s range; 250 ms with the bots' 3–6 s). Paused clusters need no ticks.
 */
export function timersTickMs(r: Room): number | null {
  if (!Object.values(r.clusters).some((c) => c.election === 'timers' && c.paused === undefined)) return null;
  return Math.min(1000, Math.max(20, Math.floor(r.config.electionTimeoutMs[0] / 12)));
}

export interface RoomClockDeps {
  queue: RoomQueue;
  clock: () => number;
  log: Logger;
  closing: () => boolean;
}

export class RoomClock {
  private timer: NodeJS.Timeout | null = null;
  private due = Infinity;

  constructor(private readonly deps: RoomClockDeps) {}

  /** Arms the tick for the next due moment, unless one as early is armed already. */
  schedule(): void {
    const { queue, clock, log } = this.deps;
    if (this.deps.closing()) return;
    const every = timersTickMs(queue.room);
    const due = Math.min(nextDue(queue.room), every === null ? Infinity : clock() + every);
    if (due === Infinity || due >= this.due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.due = Infinity;
      queue.enqueue((b) => {
        const outcome = queue.reduce(b, { type: 'tick', now: clock() }, 'clock');
        if (!outcome.ok) log('warn', `tick refused: ${outcome.code}`);
        // Even a tick with no events re-arms the clock for the next due moment.
        b.reply.push(() => this.schedule());
      });
    }, Math.max(5, due - clock()));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
