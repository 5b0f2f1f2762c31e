/**
 * The reducer: one command → the events it causes, or a rejection with a namespaced code that
 * changes nothing. Never mutates the room and never throws on bad input (a malformed command is
 * `command/invalid`). Time and randomness come from the context (the hub's clock and seeded RNG).
 */
import type { Mistake } from '../raft/referee.js';
import type { Text } from '../i18n/text.js';
import { armTimer, clusterOf, disarmTimer, emit, emitClock, newDraft, type Draft } from './draft.js';
import { applyFault } from './faults.js';
import { playMove } from './move.js';
import { reject } from './rejections.js';
import { rewindCluster } from './rewind.js';
import { markDone, playScript } from './script.js';
import { HINT_LEVELS, type Command, type ReduceContext, type ReduceResult, type Rejection, type Room, type Seat } from './types.js';

export function reduce(room: Room, command: Command, ctx: ReduceContext): ReduceResult {
  try {
    const d = newDraft(room, ctx);
    const cmd = command as Command;
    if (typeof cmd !== 'object' || cmd === null) return reject('command/invalid');
    if (cmd.type === 'tick') return tick(d, cmd.now);
    emitClock(d);
    const out = dispatchCommand(d, cmd);
    if (out && 'ok' in out) return out;
    markDone(d);
    return out?.mistakes ? { ok: true, events: d.events, mistakes: out.mistakes } : { ok: true, events: d.events };
  } catch {
    // A command shaped in a way no check anticipated: refuse it rather than crash the hub.
    return reject('command/invalid');
  }
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
    default:
      return reject('command/unknown');
  }
}

function knownCluster(d: Draft, cluster: unknown): Rejection | null {
  return typeof cluster === 'string' && Object.hasOwn(d.room.clusters, cluster) ? null : reject('cluster/unknown');
}

function knownServer(d: Draft, cluster: unknown, server: unknown): Rejection | null {
  const bad = knownCluster(d, cluster);
  if (bad) return bad;
  const c = clusterOf(d, cluster as string);
  return typeof server === 'string' && Object.hasOwn(c.servers, server) ? null : reject('server/unknown');
}

/** A command for one named cluster, or for all when none is named. */
function withTargets(d: Draft, cluster: unknown, f: (ids: string[]) => Rejection | null): Rejection | null {
  if (cluster === undefined) return f(Object.keys(d.room.clusters));
  return knownCluster(d, cluster) ?? f([cluster as string]);
}

/** The clock moves on; in timers mode, servers without a running timer get one (R14). */
function tick(d: Draft, now: unknown): ReduceResult {
  if (typeof now !== 'number' || !Number.isFinite(now)) return reject('command/invalid');
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

const MODES = ['guard', 'observe'];
const ASSISTS = ['by-hand', 'prefilled'];
const ELECTIONS = ['cue', 'timers'];
const HINTS: string[] = [...HINT_LEVELS];

function setMode(d: Draft, cmd: Extract<Command, { type: 'mode' }>, ids: string[]): Rejection | null {
  const ok = (v: unknown, allowed: string[]) => v === undefined || allowed.includes(v as string);
  const none = cmd.mode === undefined && cmd.assist === undefined && cmd.election === undefined && cmd.hints === undefined && cmd.preVote === undefined;
  if (none || !ok(cmd.mode, MODES) || !ok(cmd.assist, ASSISTS) || !ok(cmd.election, ELECTIONS) || !ok(cmd.hints, HINTS)) return reject('mode/invalid');
  if (cmd.preVote !== undefined && typeof cmd.preVote !== 'boolean') return reject('mode/invalid');
  for (const id of ids) {
    const c = clusterOf(d, id);
    const election = cmd.election ?? c.election;
    // `hints` only when set: a mode event without it leaves the hint level as it was.
    const hints = cmd.hints ?? c.hints;
    // `preVote` (R24–R27, docs/rules-extended.md) only when set, like `hints`.
    emit(d, { type: 'mode', cluster: id, mode: cmd.mode ?? c.mode, assist: cmd.assist ?? c.assist, election, ...(hints ? { hints } : {}), ...(cmd.preVote !== undefined ? { preVote: cmd.preVote } : {}) });
    for (const [s, r] of Object.entries(c.servers)) {
      if (election === 'cue') disarmTimer(d, id, s);
      else if (r.online && r.state.role !== 'leader' && r.timerDeadline === null) armTimer(d, id, s);
    }
  }
  return null;
}

function validSeat(seat: unknown): seat is Seat {
  const s = seat as Seat;
  if (typeof s !== 'object' || s === null) return false;
  if (s.kind === 'empty') return true;
  if (s.kind === 'student') return typeof s.name === 'string' && s.name.trim().length > 0 && s.name.length <= 40;
  return s.kind === 'bot' && (s.pace === 'human' || s.pace === 'fast');
}

function setSeat(d: Draft, cluster: string, server: string, seat: unknown): Rejection | null {
  if (!validSeat(seat)) return reject('seat/invalid');
  emit(d, { type: 'seat', cluster, server, seat });
  return null;
}

function announce(d: Draft, ids: string[], text: unknown): Rejection | null {
  const t = text as Text;
  const good = (s: unknown) => typeof s === 'string' && s.length > 0 && s.length <= 500;
  if (typeof t !== 'object' || t === null || !good(t.en) || !good(t.ru)) return reject('announce/invalid');
  for (const id of ids) emit(d, { type: 'announce', cluster: id, text: { en: t.en, ru: t.ru } });
  return null;
}

/**
 * Pause: the cluster's clock stops for its timers. Resume: every running timer moves on by the
 * pause's length, so a student who had 12 s left still has 12 s (a pause steals nobody's time).
 * Cards delayed by a fault keep their arrival time (the network is not the class's clock).
 */
function pauseClusters(d: Draft, ids: string[], paused: unknown): Rejection | null {
  if (typeof paused !== 'boolean') return reject('command/invalid');
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
