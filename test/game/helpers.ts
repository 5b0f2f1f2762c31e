/** A small driver for reducer tests: play commands on a room, keep the journal, fail loudly. */
import { applyEvents } from '../../src/game/apply.js';
import { mulberry32 } from '../../src/game/random.js';
import { reduce } from '../../src/game/reducer.js';
import { refusalEvent } from '../../src/game/refusal.js';
import { createRoom } from '../../src/game/room.js';
import type { Command, GameEvent, MoveInput, ReduceResult, Room, RoomConfig } from '../../src/game/types.js';
import type { Move, ServerState } from '../../src/raft/types.js';

export class Table {
  room: Room;
  readonly start: Room;
  readonly journal: GameEvent[] = [];
  readonly random = mulberry32(42);
  now = 0;

  constructor(config: Partial<RoomConfig> = {}) {
    this.room = createRoom(config);
    this.start = this.room;
  }

  exec(cmd: Command): ReduceResult {
    const r = reduce(this.room, cmd, { now: this.now, random: this.random });
    const events = r.ok ? r.events : [refusalEvent(cmd, r)].filter((e): e is GameEvent => e !== null);
    this.journal.push(...events);
    this.room = applyEvents(this.room, events);
    return r;
  }

  /** A command that must be accepted. */
  ok(cmd: Command): ReduceResult {
    const r = this.exec(cmd);
    if (!r.ok) throw new Error(`${JSON.stringify(cmd)} rejected: ${r.code}`);
    return r;
  }

  move(server: string, input: MoveInput, proposal?: Move): ReduceResult {
    return this.exec(proposal ? { type: 'move', cluster: 'A', server, input, proposal } : { type: 'move', cluster: 'A', server, input });
  }

  fault(fault: Extract<Command, { type: 'fault' }>['fault']): ReduceResult {
    return this.ok({ type: 'fault', cluster: 'A', fault });
  }

  sheet(server: string): ServerState {
    return this.room.clusters.A.servers[server].state;
  }

  inbox(server: string) {
    return this.room.clusters.A.inFlight.filter((k) => k.to === server && k.deliverAt <= this.room.now);
  }

  /** The server takes every card in its inbox, oldest first, playing the correct move. */
  work(...servers: string[]): void {
    for (const s of servers) for (const k of this.inbox(s)) this.ok({ type: 'move', cluster: 'A', server: s, input: { kind: 'card', card: k.id } });
  }

  timeout(server: string): void {
    this.ok({ type: 'move', cluster: 'A', server, input: { kind: 'timeout' } });
  }

  write(server: string, text: string): void {
    for (const value of text) this.ok({ type: 'move', cluster: 'A', server, input: { kind: 'client', value } });
  }

  send(server: string, ...to: string[]): void {
    this.ok({ type: 'move', cluster: 'A', server, input: { kind: 'send', to } });
  }

  /** Elect `leader` with the votes of `voters` (cue mode). */
  elect(leader: string, ...voters: string[]): void {
    this.timeout(leader);
    this.work(...voters);
    this.work(leader);
  }

  violations() {
    return this.room.clusters.A.violations;
  }
}
