/**
 * A deterministic simulator: a room of bots played through the scripts or free play, with a
 * seeded RNG and a simulated clock, optional scripted wrong moves (proposals that differ from the
 * correct move, for observe/guard tests) and scheduled faults. Everything goes through `reduce`
 * and `applyEvents`, the same path as the hub, so the recorded events replay to the same room.
 */
import { step } from '../raft/step.js';
import type { Input, Move, ServerId, ServerState } from '../raft/types.js';
import { applyEvents } from './apply.js';
import { botMove } from './bots.js';
import type { GameEvent } from './events.js';
import { resolveInput, stepOptions } from './move.js';
import { mulberry32, randomInt, shuffled } from './random.js';
import { reduce } from './reducer.js';
import { refusalEvent } from './refusal.js';
import { createRoom } from './room.js';
import { GAMES } from './scenarios.js';
import { heartbeatMs, seatView } from './views.js';
import type { ClusterId, Command, Fault, MoveInput, ReduceResult, Room, RoomConfig } from './types.js';

export interface WrongMove {
  server: ServerId;
  cluster?: ClusterId;
  /** Which of this server's moves to spoil (default: its next one). */
  when?: (input: Input, before: ServerState) => boolean;
  propose: (before: ServerState, input: Input, correct: Move) => Move;
  /** How many matching moves to spoil (default 1). */
  times?: number;
}

export interface ScheduledFault {
  /** Simulated time in ms. */
  at: number;
  cluster?: ClusterId;
  fault: Fault;
}

export interface SimOptions {
  seed: number;
  config?: Partial<RoomConfig>;
  /** Start from this room instead of `createRoom(config)`. */
  room?: Room;
  /** Scripted games played in order on every cluster; omitted = free play. */
  games?: number[];
  /** Free play: the message leaders write. */
  message?: string;
  /** Free play: stop at this simulated time (ms). */
  untilMs?: number;
  /** Free play: stop as soon as this holds. */
  stopWhen?: (room: Room) => boolean;
  faults?: ScheduledFault[];
  wrong?: WrongMove[];
  /** How long one move takes, [min, max) ms. */
  moveMs?: [number, number];
  maxMoves?: number;
  /** Keep the events and the trace (default true; property tests turn it off for speed). */
  record?: boolean;
  /** Called after each script step with the room as it stands. */
  onStep?: (room: Room, at: { game: number; step: number }) => void;
}

export interface TraceEntry {
  now: number;
  command: Command;
  ok: boolean;
  code?: string;
  mistakes?: number;
}

export interface SimResult {
  room: Room;
  /** Every event applied, refusal records included: replaying them reproduces `room`. */
  events: GameEvent[];
  trace: TraceEntry[];
  moves: number;
  /** Script steps that ended without their completion condition (bots had nothing left to do). */
  stuck: { cluster: ClusterId; game: number; step: number }[];
  now: number;
}

class Sim {
  room: Room;
  now = 0;
  moves = 0;
  readonly rng: () => number;
  readonly events: GameEvent[] = [];
  readonly trace: TraceEntry[] = [];
  readonly stuck: SimResult['stuck'] = [];
  private faults: ScheduledFault[];
  private wrong: (WrongMove & { left: number })[];

  constructor(readonly o: SimOptions) {
    this.rng = mulberry32(o.seed);
    this.room = o.room ?? createRoom(o.config);
    this.now = this.room.now;
    this.faults = [...(o.faults ?? [])].sort((a, b) => a.at - b.at);
    this.wrong = (o.wrong ?? []).map((w) => ({ ...w, left: w.times ?? 1 }));
  }

  exec(command: Command): ReduceResult {
    const r = reduce(this.room, command, { now: this.now, random: this.rng });
    const events = r.ok ? r.events : [refusalEvent(command, r)].filter((e): e is GameEvent => e !== null);
    if (events.length) this.room = applyEvents(this.room, events);
    if (this.o.record !== false) {
      this.events.push(...events);
      const entry: TraceEntry = { now: this.now, command, ok: r.ok };
      if (!r.ok) entry.code = r.code;
      const mistakes = r.ok ? r.mistakes?.length : r.mistakes?.length;
      if (mistakes) entry.mistakes = mistakes;
      this.trace.push(entry);
    }
    return r;
  }

  seatBots(): void {
    for (const c of Object.values(this.room.clusters)) {
      for (const id of Object.keys(c.servers)) this.exec({ type: 'seat', cluster: c.id, server: id, seat: { kind: 'bot', pace: 'fast' } });
    }
  }

  runFaults(): void {
    while (this.faults.length && this.faults[0].at <= this.now) {
      const f = this.faults.shift()!;
      for (const id of f.cluster ? [f.cluster] : Object.keys(this.room.clusters)) this.exec({ type: 'fault', cluster: id, fault: f.fault });
    }
  }

  /** One bot move somewhere (servers tried in a seeded order); false when nobody has one. */
  botStep(): boolean {
    const room = this.now > this.room.now ? { ...this.room, now: this.now } : this.room;
    const order = shuffled(this.rng, this.candidates(room));
    for (const [cluster, server] of order) {
      const m = botMove(seatView(room, cluster, server));
      if (!m) continue;
      this.play(cluster, server, m.input);
      this.now += randomInt(this.rng, ...(this.o.moveMs ?? [20, 60]));
      this.moves++;
      return true;
    }
    return false;
  }

  /** Servers that might have a move: skip idle followers without building their views. */
  private candidates(room: Room): [ClusterId, ServerId][] {
    const out: [ClusterId, ServerId][] = [];
    for (const c of Object.values(room.clusters)) {
      const arrived = new Set(c.inFlight.filter((k) => k.deliverAt <= room.now).map((k) => k.to));
      for (const [id, r] of Object.entries(c.servers)) {
        if (!r.online || c.seats[id]?.kind !== 'bot') continue;
        const timer = r.timerDeadline !== null && r.timerDeadline <= room.now;
        if (arrived.has(id) || timer || r.state.role === 'leader' || (c.script && !GAMES[c.script.game]?.free)) out.push([c.id, id]);
      }
    }
    return out;
  }

  private play(cluster: ClusterId, server: ServerId, input: MoveInput): void {
    const proposal = this.spoil(cluster, server, input);
    const r = this.exec(proposal ? { type: 'move', cluster, server, input, proposal } : { type: 'move', cluster, server, input });
    if (!r.ok && proposal) this.exec({ type: 'move', cluster, server, input }); // refused: play it right
  }

  private spoil(cluster: ClusterId, server: ServerId, input: MoveInput): Move | undefined {
    const c = this.room.clusters[cluster];
    const w = this.wrong.find((x) => x.left > 0 && x.server === server && (!x.cluster || x.cluster === cluster));
    if (!w) return undefined;
    const r = resolveInput(this.room, c, server, input, Math.max(this.now, this.room.now));
    if ('ok' in r) return undefined;
    const before = c.servers[server].state;
    if (w.when && !w.when(r.input, before)) return undefined;
    w.left--;
    const correct = step(before, r.input, stepOptions(this.room, c));
    return w.propose(before, r.input, { state: correct.state, send: correct.send });
  }

  /** Nothing to do now: jump to the next delivery, timer, fault, or a heartbeat poll. */
  advance(): boolean {
    const times: number[] = [];
    let leaders = false;
    for (const c of Object.values(this.room.clusters)) {
      for (const k of c.inFlight) if (k.deliverAt > this.now) times.push(k.deliverAt);
      for (const r of Object.values(c.servers)) {
        if (r.timerDeadline !== null && r.timerDeadline > this.now) times.push(r.timerDeadline);
        if (r.online && r.state.role === 'leader' && c.election === 'timers') leaders = true;
      }
    }
    if (this.faults.length) times.push(this.faults[0].at);
    if (leaders) times.push(this.now + Math.ceil(heartbeatMs(this.room) / 4));
    if (times.length === 0) return false;
    this.now = Math.max(this.now + 1, Math.min(...times));
    return true;
  }

  result(): SimResult {
    return { room: this.room, events: this.events, trace: this.trace, moves: this.moves, stuck: this.stuck, now: this.now };
  }
}

/** Run a room of bots; deterministic for a given seed and options. */
export function simulate(o: SimOptions): SimResult {
  const sim = new Sim(o);
  sim.seatBots();
  if (o.games) runGames(sim, o.games);
  else runFree(sim);
  return sim.result();
}

function runGames(sim: Sim, games: number[]): void {
  const max = sim.o.maxMoves ?? 100_000;
  for (const game of games) {
    const steps = GAMES[game]?.steps.length ?? 0;
    for (let s = 1; s <= steps; s++) {
      sim.exec(s === 1 ? { type: 'script', action: 'start', game } : { type: 'script', action: 'next' });
      for (;;) {
        sim.runFaults();
        if (Object.values(sim.room.clusters).every((c) => c.script?.done) || sim.moves >= max) break;
        if (!sim.botStep()) break;
      }
      for (const c of Object.values(sim.room.clusters)) {
        if (!c.script?.done) sim.stuck.push({ cluster: c.id, game, step: s });
      }
      sim.o.onStep?.(sim.room, { game, step: s });
    }
  }
}

function runFree(sim: Sim): void {
  const o = sim.o;
  const max = o.maxMoves ?? 100_000;
  sim.exec({ type: 'script', action: 'start', game: 0, ...(o.message ? { message: o.message } : {}) });
  sim.exec({ type: 'tick', now: sim.now }); // timers mode: arm every timer (R14)
  const until = o.untilMs ?? 60_000;
  while (sim.now <= until && sim.moves < max) {
    sim.runFaults();
    if (o.stopWhen?.(sim.room)) return;
    if (!sim.botStep() && !sim.advance()) return;
  }
}
