/**
 * The reducer's scratch pad: events are emitted one by one and applied at once, so each next
 * decision reads the room as it already is (the inbox after the card was taken, and so on).
 */
import { monitorStep } from '../raft/monitor.js';
import type { ServerId, ServerState } from '../raft/types.js';
import { applyEvent, rememberMonitor, sheetsOf } from './apply.js';
import type { GameEvent, SheetCause } from './events.js';
import { deepEqual } from './equal.js';
import type { ClusterId, ClusterState, ReduceContext, Room } from './types.js';

export interface Draft {
  room: Room;
  events: GameEvent[];
  ctx: ReduceContext;
  /** The time of this command: never before the room's clock. */
  now: number;
}

export function newDraft(room: Room, ctx: ReduceContext): Draft {
  return { room, events: [], ctx, now: Math.max(room.now, ctx.now) };
}

export function emit(d: Draft, e: GameEvent): void {
  d.events.push(e);
  d.room = applyEvent(d.room, e);
}

export function clusterOf(d: Draft, id: ClusterId): ClusterState {
  return d.room.clusters[id];
}

/** Write a server's new sheet, letting the monitor look at the change (P1–P5). */
export function emitSheet(d: Draft, cluster: ClusterId, server: ServerId, state: ServerState, cause: SheetCause): void {
  const c = clusterOf(d, cluster);
  const before = c.servers[server].state;
  if (deepEqual(before, state)) return;
  const { monitor, violations } = monitorStep(c.monitor, before, state, { ...sheetsOf(c), [server]: state });
  const e: GameEvent = { type: 'sheet', cluster, server, state, cause, violations };
  rememberMonitor(e, c.monitor, monitor);
  emit(d, e);
}

/** R14, timers mode: a fresh random deadline in the configured range. */
export function armTimer(d: Draft, cluster: ClusterId, server: ServerId): void {
  const [lo, hi] = d.room.config.electionTimeoutMs;
  const deadline = d.now + lo + Math.floor(d.ctx.random() * (hi - lo));
  emit(d, { type: 'timer', cluster, server, deadline });
}

export function disarmTimer(d: Draft, cluster: ClusterId, server: ServerId): void {
  if (clusterOf(d, cluster).servers[server].timerDeadline !== null) emit(d, { type: 'timer', cluster, server, deadline: null });
}

/** Stamp the command's time on the room first, so cards sent now are visible now. */
export function emitClock(d: Draft): void {
  if (d.now > d.room.now) emit(d, { type: 'clock', now: d.now });
}
