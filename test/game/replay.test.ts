/**
 * Replay: the recorded events applied to a fresh room reproduce the final room exactly — also
 * after a JSON round trip, as from the journal on disk.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { chaosSchedule } from '../../src/game/chaos.js';
import { createRoom, serverIds } from '../../src/game/room.js';
import { simulate } from '../../src/game/simulator.js';
import type { GameEvent } from '../../src/game/types.js';

const strip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('replay', () => {
  it('the four games replay from their events', () => {
    const r = simulate({ seed: 7, games: [1, 2, 3, 4] });
    const events = strip(r.events) as GameEvent[];
    expect(applyEvents(createRoom(), events)).toEqual(r.room);
  });

  it('a free-play run with faults, timers and an observe-mode wrong move replays', () => {
    const servers = serverIds(5);
    const config = { size: 5, election: 'timers' as const, mode: 'observe' as const };
    const r = simulate({
      seed: 3,
      config,
      message: 'RAFT',
      faults: chaosSchedule({ seed: 3, servers, faultsEndMs: 8000 }),
      untilMs: 20_000,
      wrong: [{ server: 'i2', when: (input) => input.kind === 'receive', propose: (before, _i, correct) => ({ ...correct, state: { ...correct.state, commitIndex: before.log.length, lastApplied: before.log.length } }) }],
    });
    expect(r.events.some((e) => e.type === 'card-lost')).toBe(true);
    expect(r.events.some((e) => e.type === 'timer')).toBe(true);
    expect(applyEvents(createRoom(config), strip(r.events) as GameEvent[])).toEqual(r.room);
  });

  it('guard-mode refusals are journaled and replay too', () => {
    const r = simulate({
      seed: 5,
      games: [1],
      wrong: [{ server: 'i3', when: (input) => input.kind === 'receive', propose: (before) => ({ state: before, send: [] }) }],
    });
    expect(r.room.clusters.A.mistakes.i3?.length).toBeGreaterThan(0);
    expect(r.room.clusters.A.servers.i3.state.votes).toEqual(['i1']); // refused, then played right
    expect(applyEvents(createRoom(), strip(r.events) as GameEvent[])).toEqual(r.room);
  });
});
