/**
 * Rewinding a cluster: the instructor takes a cluster back to an earlier moment (after an
 * observe-mode mistake, to play the step again). The journal is append-only, so nothing is
 * erased: the rewind is one more event, and the records in between become a *branch*.
 *
 * Decisions (docs/architecture.md, "Rewind"):
 * - A moment is a journal record number `to`: the room right after record `to` (0 = the start).
 *   The state at `to` is simply every record 1…to applied in order — an earlier rewind inside
 *   that prefix already carries its own snapshot — so no history needs to be filtered.
 * - The `rewind` event carries the whole cluster as it was then (a snapshot), so apply stays a
 *   plain fold and replay needs no journal lookups: deterministic by construction.
 * - What is not play survives a rewind: seats (who sits where now), modes, announcements and
 *   the card/batch counter (new cards never reuse an id from the abandoned branch).
 * - The records `to+1 … last` leave play *for this cluster* as branch `A~1`, `A~2`, … (the
 *   n-th rewind of cluster A). A record can hold events of several clusters (a `next` for all,
 *   a clock tick), so a branch is a property of (record, cluster), computed by `branchesOf`.
 *   Seat, mode and announce events stay on the main line (the snapshot carries them forward).
 * - A moment inside a branch that was already rewound away is refused (`rewind/abandoned`).
 */
import { applyEvents } from './apply.js';
import { armTimer, clusterOf, disarmTimer, emit, type Draft } from './draft.js';
import type { GameEvent } from './events.js';
import { reject } from './rejections.js';
import { createRoom } from './room.js';
import type { ClusterId, ClusterState, Rejection, RewindMark, RoomConfig } from './types.js';

/** The reducer's part: validate `to`, take the snapshot from the history, emit the event. */
export function rewindCluster(d: Draft, cluster: ClusterId, to: unknown): Rejection | null {
  const history = d.ctx.history;
  if (!history) return reject('rewind/unavailable');
  if (typeof to !== 'number' || !Number.isInteger(to) || to < 0 || to >= history.last) return reject('rewind/invalid');
  const now = clusterOf(d, cluster);
  const marks = now.rewinds ?? [];
  if (marks.some((m) => to >= m.from && to <= m.through)) return reject('rewind/abandoned');
  const then = history.clusterAt(cluster, to);
  if (!then || then.id !== cluster) return reject('rewind/invalid');
  const mark: RewindMark = { branch: `${cluster}~${marks.length + 1}`, to, from: to + 1, through: history.last };
  const state: ClusterState = {
    ...then,
    seats: now.seats,
    mode: now.mode,
    assist: now.assist,
    election: now.election,
    ...(now.hints ? { hints: now.hints } : {}),
    announcements: now.announcements,
    seq: Math.max(then.seq, now.seq),
    rewinds: [...marks, mark],
  };
  // A pause is not play either: the cluster stays paused (or running) as it is now.
  delete state.paused;
  if (now.paused !== undefined) state.paused = now.paused;
  // A question is about the board as it is now: a rewind closes it (its decision may not exist then).
  delete state.question;
  if (now.questions) state.questions = now.questions;
  emit(d, { type: 'rewind', cluster, mark, state });
  // Timers from the old moment have long passed: timers mode starts fresh ones (R14); cue mode has none.
  for (const [id, r] of Object.entries(state.servers)) {
    if (state.election === 'timers' && r.online && r.state.role !== 'leader') armTimer(d, cluster, id);
    else disarmTimer(d, cluster, id);
  }
  return null;
}

/** A journal record as far as rewinding cares: its number and the events it applied (if any). */
export interface EventRecord {
  n: number;
  events?: readonly GameEvent[];
}

/** The cluster right after record `to`: every record 1…to applied to a fresh room. */
export function clusterAt(config: Partial<RoomConfig>, records: Iterable<EventRecord>, cluster: ClusterId, to: number): ClusterState | null {
  let room = createRoom(config);
  for (const r of records) {
    if (r.n > to) break;
    if (r.events && r.events.length > 0) room = applyEvents(room, r.events);
  }
  return room.clusters[cluster] ?? null;
}

/** Events a rewind never abandons: who sits where, the modes and the announcements are not play. */
const KEPT: ReadonlySet<GameEvent['type']> = new Set(['seat', 'mode', 'announce', 'clock', 'pause']);

export interface Branches {
  /** Every rewind, per cluster, in the order they happened. */
  marks: Record<ClusterId, (RewindMark & { at: number })[]>;
  /** The branch record `n` belongs to for `cluster`, or null on the main line (the first rewind that abandoned it names it). */
  branchOf(n: number, cluster: ClusterId): string | null;
  /** Whether an event of record `n` is still in play (false: it belongs to a rewound branch). */
  inPlay(n: number, event: GameEvent): boolean;
}

/** For readers of a whole journal (report, replay, tests): which records left play where. */
export function branchesOf(records: Iterable<EventRecord>): Branches {
  const marks: Branches['marks'] = {};
  for (const r of records) {
    for (const e of r.events ?? []) if (e.type === 'rewind') (marks[e.cluster] ??= []).push({ ...e.mark, at: r.n });
  }
  const branchOf = (n: number, cluster: ClusterId): string | null => {
    for (const m of marks[cluster] ?? []) if (n >= m.from && n <= m.through) return m.branch;
    return null;
  };
  return {
    marks,
    branchOf,
    inPlay: (n, e) => e.type === 'clock' || KEPT.has(e.type) || branchOf(n, e.cluster) === null,
  };
}

/** The main line only: every record's events minus those of rewound branches (replay may fold these). */
export function eventsInPlay(records: readonly EventRecord[]): GameEvent[] {
  const b = branchesOf(records);
  const out: GameEvent[] = [];
  for (const r of records) for (const e of r.events ?? []) if (b.inPlay(r.n, e)) out.push(e);
  return out;
}
