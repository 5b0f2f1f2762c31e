/**
 * The reducer: one command → the events it causes, or a rejection with a namespaced code that
 * changes nothing. Never mutates the room. Time and randomness come from the context (the hub's
 * clock and seeded RNG).
 *
 * Commands arrive already shaped: the hub parses every frame with the zod schemas of
 * src/protocol/game-schemas.ts, and bots and the simulator build typed commands. So the reducer
 * checks only what depends on the room (a known cluster, a seat in the inbox, the rules), and an
 * exception here is a bug, never the user's mistake: it propagates, and the hub's room queue logs
 * it and answers `hub/internal` (server/room-queue.ts).
 */
import type { Mistake } from '../raft/referee.js';
import type { Text } from '../i18n/text.js';
import { armTimer, clusterOf, disarmTimer, emit, emitClock, newDraft, type Draft } from './draft.js';
import { answerQuestion, askQuestion, decideQuestion, revealQuestion } from './asking.js';
import { applyFault } from './faults.js';
import { playMove } from './move.js';
import { reject } from './rejections.js';
import { rewindCluster } from './rewind.js';
import { markDone, playScript } from './script.js';
import type { Command, ReduceContext, ReduceResult, Rejection, Room, Seat } from './types.js';

export function reduce(room: Room, command: Command, ctx: ReduceContext): ReduceResult {
  const d = newDraft(room, ctx);
  if (command.type === 'tick') return tick(d, command.now);
  emitClock(d);
  const out = dispatchCommand(d, command);
  if (out && 'ok' in out) return out;
  markDone(d);
  return out?.mistakes ? { ok: true, events: d.events, mistakes: out.mistakes } : { ok: true, events: d.events };
}

type Outcome = Rejection | { mistakes: Mistake[] } | null;

function dispatchCommand(d: Draft, cmd: Command): Outcome {
  switch (cmd.type) {
    case 'move': {
      const bad = knownServer(d, cmd.cluster, cmd.server);
      if (bad) return bad;
      // A paused cluster is a still board for the discussion: moves wait (docs/protocol.md).
      if (clusterOf(d, cmd.cluster).paused !== undefined) return reject('move/paused');
      return playMove(d, cmd);
    }
    case 'pause':
      return withTargets(d, cmd.cluster, (ids) => pauseClusters(d, ids, cmd.paused));
    case 'fire':
      return knownServer(d, cmd.cluster, cmd.server) ?? fireTimer(d, cmd.cluster, cmd.server);
    case 'fault':
      return knownCluster(d, cmd.cluster) ?? applyFault(d, cmd.cluster, cmd.fault);
    case 'script':
      return withTargets(d, cmd.cluster, (ids) => playScript(d, cmd, ids));
    case 'mode':
      return withTargets(d, cmd.cluster, (ids) => setMode(d, cmd, ids));
    case 'seat':
      return knownServer(d, cmd.cluster, cmd.server) ?? setSeat(d, cmd.cluster, cmd.server, cmd.seat);
    case 'announce':
      return withTargets(d, cmd.cluster, (ids) => announce(d, ids, cmd.text));
    case 'reset':
      return knownCluster(d, cmd.cluster) ?? resetCluster(d, cmd.cluster);
    case 'rewind':
      return knownCluster(d, cmd.cluster) ?? rewindCluster(d, cmd.cluster, cmd.to);
    case 'ask':
      return knownServer(d, cmd.cluster, cmd.server) ?? askQuestion(d, cmd, (ids) => void pauseClusters(d, ids, true));
    case 'answer':
      return knownServer(d, cmd.cluster, cmd.server) ?? answerQuestion(d, cmd);
    case 'reveal':
      return knownCluster(d, cmd.cluster) ?? revealQuestion(d, cmd.cluster);
    case 'decide':
      return knownCluster(d, cmd.cluster) ?? decideQuestion(d, cmd.cluster, cmd.play, (ids) => void pauseClusters(d, ids, false));
    default:
      return reject('command/unknown');
  }
}

function knownCluster(d: Draft, cluster: string): Rejection | null {
  return Object.hasOwn(d.room.clusters, cluster) ? null : reject('cluster/unknown');
}

function knownServer(d: Draft, cluster: string, server: string): Rejection | null {
  return knownCluster(d, cluster) ?? (Object.hasOwn(clusterOf(d, cluster).servers, server) ? null : reject('server/unknown'));
}

/** A command for one named cluster, or for all when none is named. */
function withTargets(d: Draft, cluster: string | undefined, f: (ids: string[]) => Rejection | null): Rejection | null {
  if (cluster === undefined) return f(Object.keys(d.room.clusters));
  return knownCluster(d, cluster) ?? f([cluster]);
}

/** The clock moves on (the hub's own clock, never the wire); in timers mode, servers without a running timer get one (R14). */
function tick(d: Draft, now: number): ReduceResult {
  if (now < d.room.now) return reject('clock/backwards');
  d.now = now;
  emitClock(d);
  for (const c of Object.values(d.room.clusters)) {
    if (c.election !== 'timers' || c.paused !== undefined) continue;
    for (const [id, r] of Object.entries(c.servers)) {
      if (r.online && r.timerDeadline === null && r.state.role !== 'leader') armTimer(d, c.id, id);
    }
  }
  return { ok: true, events: d.events };
}

function setMode(d: Draft, cmd: Extract<Command, { type: 'mode' }>, ids: string[]): Rejection | null {
  // The values are the schema's enums; a mode command that sets nothing is a room-level refusal.
  if (cmd.mode === undefined && cmd.assist === undefined && cmd.election === undefined && cmd.hints === undefined && cmd.preVote === undefined && cmd.snapshotEvery === undefined) return reject('mode/invalid');
  for (const id of ids) {
    const c = clusterOf(d, id);
    const election = cmd.election ?? c.election;
    // `hints` only when set: a mode event without it leaves the hint level as it was.
    const hints = cmd.hints ?? c.hints;
    // `preVote` (R24–R27, docs/rules-extended.md) only when set, like `hints`.
    emit(d, { type: 'mode', cluster: id, mode: cmd.mode ?? c.mode, assist: cmd.assist ?? c.assist, election, ...(hints ? { hints } : {}), ...(cmd.preVote !== undefined ? { preVote: cmd.preVote } : {}), ...(cmd.snapshotEvery !== undefined ? { snapshotEvery: cmd.snapshotEvery } : {}) });
    for (const [s, r] of Object.entries(c.servers)) {
      if (election === 'cue') disarmTimer(d, id, s);
      else if (r.online && r.state.role !== 'leader' && r.timerDeadline === null) armTimer(d, id, s);
    }
  }
  return null;
}

function setSeat(d: Draft, cluster: string, server: string, seat: Seat): Rejection | null {
  emit(d, { type: 'seat', cluster, server, seat });
  return null;
}

function announce(d: Draft, ids: string[], text: Text): Rejection | null {
  for (const id of ids) emit(d, { type: 'announce', cluster: id, text: { en: text.en, ru: text.ru } });
  return null;
}

/**
 * Pause: the cluster's clock stops for its timers. Resume: every running timer moves on by the
 * pause's length, so a student who had 12 s left still has 12 s (a pause steals nobody's time).
 * Cards delayed by a fault keep their arrival time (the network is not the class's clock).
 */
function pauseClusters(d: Draft, ids: string[], paused: boolean): Rejection | null {
  for (const id of ids) {
    const c = clusterOf(d, id);
    if (paused === (c.paused !== undefined)) continue;
    if (paused) {
      emit(d, { type: 'pause', cluster: id, paused: true, at: d.now });
      continue;
    }
    const gap = d.now - (c.paused ?? d.now);
    emit(d, { type: 'pause', cluster: id, paused: false, at: d.now });
    for (const [s, r] of Object.entries(c.servers)) {
      if (r.timerDeadline !== null && gap > 0) emit(d, { type: 'timer', cluster: id, server: s, deadline: r.timerDeadline + gap });
    }
  }
  return null;
}

/**
 * The instructor fires a server's election timer (to direct a bot, or to start a scenario from
 * a chosen seat). Timers mode: the deadline becomes now and the seat times out on its next move;
 * cue mode has no timers, so the timeout move is played for it at once (R10).
 */
function fireTimer(d: Draft, cluster: string, server: string): Outcome {
  const c = clusterOf(d, cluster);
  if (c.paused !== undefined) return reject('move/paused');
  if (c.election === 'timers') {
    emit(d, { type: 'timer', cluster, server, deadline: d.now });
    return null;
  }
  return playMove(d, { type: 'move', cluster, server, input: { kind: 'timeout' } });
}

/** Fresh sheets for the cluster; in timers mode every server gets a new timer. */
function resetCluster(d: Draft, cluster: string): null {
  emit(d, { type: 'reset', cluster });
  const c = clusterOf(d, cluster);
  if (c.election === 'timers') for (const id of Object.keys(c.servers)) armTimer(d, cluster, id);
  return null;
}
