/**
 * Time travel through a recorded session, the pure part. Position k = the room after the first
 * k records (0 = the fresh room, N = the end). Snapshots every `every` records make any position
 * at most `every - 1` record applications away, so stepping back is as cheap as stepping forward.
 */
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import type { Room, RoomConfig } from '../../src/game/types.js';
import { eventsOf, type SessionRecord } from '../../src/report/records.js';

export const SNAPSHOT_EVERY = 50;

export class ReplayTimeline {
  private readonly snapshots: Room[] = [];
  /** Positions where a script step starts (the record holds a `script` event that opens a step). */
  readonly steps: number[];

  constructor(
    readonly config: Partial<RoomConfig>,
    readonly records: readonly SessionRecord[],
    readonly every = SNAPSHOT_EVERY,
  ) {
    let room = createRoom(config);
    this.snapshots.push(room);
    records.forEach((r, i) => {
      room = apply(room, r);
      if ((i + 1) % every === 0) this.snapshots.push(room);
    });
    this.steps = stepPositions(records);
  }

  get length(): number {
    return this.records.length;
  }

  /** The room after the first k records (k is clamped to 0…N). */
  roomAt(k: number): Room {
    const at = clamp(k, 0, this.records.length);
    const snap = Math.floor(at / this.every);
    let room = this.snapshots[snap];
    for (let i = snap * this.every; i < at; i++) room = apply(room, this.records[i]);
    return room;
  }

  /** The next position after k where a step starts, or N. */
  nextStep(k: number): number {
    return this.steps.find((s) => s > k) ?? this.records.length;
  }

  /** The previous position before k where a step starts, or 0. */
  prevStep(k: number): number {
    for (let i = this.steps.length - 1; i >= 0; i--) if (this.steps[i] < k) return this.steps[i];
    return 0;
  }
}

function apply(room: Room, r: SessionRecord): Room {
  const events = eventsOf(r);
  return events.length ? applyEvents(room, events) : room;
}

export function clamp(k: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, k));
}

/** Position (records applied) right after each record that starts a script step. */
export function stepPositions(records: readonly SessionRecord[]): number[] {
  const out: number[] = [];
  records.forEach((r, i) => {
    if (eventsOf(r).some((e) => e.type === 'script' && e.script !== null && !e.script.done)) out.push(i + 1);
  });
  return out;
}
