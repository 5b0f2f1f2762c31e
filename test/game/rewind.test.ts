/**
 * Rewind in the game layer alone: the reducer against an in-memory journal. Nested rewinds name
 * their branches, a rewind without a journal is refused, and the main line folds to the room.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { reduce } from '../../src/game/reducer.js';
import { branchesOf, clusterAt, eventsInPlay, type EventRecord } from '../../src/game/rewind.js';
import { createRoom } from '../../src/game/room.js';
import type { Command, GameEvent, Room } from '../../src/game/types.js';

const config = { size: 3, clusters: 2 };

/** A tiny hub: every accepted command becomes a numbered record, as in journal.jsonl. */
function table() {
  let room: Room = createRoom(config);
  const records: (EventRecord & { events: GameEvent[] })[] = [];
  const run = (command: Command) => {
    const history = { last: records.length, clusterAt: (c: string, to: number) => clusterAt(config, records, c, to) };
    const r = reduce(room, command, { now: 0, random: () => 0.5, history });
    if (!r.ok) return r;
    room = applyEvents(room, r.events);
    records.push({ n: records.length + 1, events: r.events });
    return r;
  };
  return { run, records, room: () => room };
}

describe('rewind in the reducer', () => {
  it('is refused without a journal, and for moments that are not in the past', () => {
    const room = createRoom(config);
    expect(reduce(room, { type: 'rewind', cluster: 'A', to: 0 }, { now: 0, random: () => 0 })).toMatchObject({ ok: false, code: 'rewind/unavailable' });
    const t = table();
    t.run({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    expect(t.run({ type: 'rewind', cluster: 'A', to: 1 })).toMatchObject({ ok: false, code: 'rewind/invalid' });
    expect(t.run({ type: 'rewind', cluster: 'A', to: -1 })).toMatchObject({ ok: false, code: 'rewind/invalid' });
    expect(t.run({ type: 'rewind', cluster: 'Z', to: 0 })).toMatchObject({ ok: false, code: 'cluster/unknown' });
  });

  it('touches only its cluster, keeps seats and modes, names nested branches by the first rewind', () => {
    const t = table();
    t.run({ type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: 'Anna' } }); // 1
    t.run({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } }); // 2
    t.run({ type: 'move', cluster: 'B', server: 'i3', input: { kind: 'timeout' } }); // 3
    t.run({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: t.room().clusters.A.inFlight.find((k) => k.to === 'i2')!.id } }); // 4
    t.run({ type: 'mode', mode: 'observe' }); // 5
    const cards = t.room().clusters.A.seq;
    expect(t.run({ type: 'rewind', cluster: 'A', to: 2 }).ok).toBe(true); // 6: A~1 = 3…5
    const A = t.room().clusters.A;
    expect(A.servers.i2.state.votes).toEqual([]); // i2's vote left play
    expect(A.servers.i1.state.role).toBe('candidate');
    expect(A.seats.i2).toEqual({ kind: 'student', name: 'Anna' });
    expect(A.mode).toBe('observe');
    expect(A.seq).toBe(cards);
    expect(t.room().clusters.B.servers.i3.state.role).toBe('candidate'); // B untouched

    t.run({ type: 'move', cluster: 'A', server: 'i3', input: { kind: 'timeout' } }); // 7
    expect(t.run({ type: 'rewind', cluster: 'A', to: 4 })).toMatchObject({ ok: false, code: 'rewind/abandoned' });
    expect(t.run({ type: 'rewind', cluster: 'A', to: 1 }).ok).toBe(true); // 8: A~2 = 2…7 (3…5 stay A~1)
    const b = branchesOf(t.records);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => b.branchOf(n, 'A'))).toEqual([null, 'A~2', 'A~1', 'A~1', 'A~1', 'A~2', 'A~2', null]);
    expect(b.branchOf(3, 'B')).toBeNull();
    expect(t.room().clusters.A.rewinds?.map((m) => m.branch)).toEqual(['A~1', 'A~2']);
    expect(t.room().clusters.A.servers.i1.state.role).toBe('follower');
    // The seat event of record 1 and the mode event of record 5 are not play: never abandoned.
    const all = t.records.flatMap((r) => r.events);
    expect(applyEvents(createRoom(config), eventsInPlay(t.records))).toEqual(applyEvents(createRoom(config), all));
    expect(applyEvents(createRoom(config), JSON.parse(JSON.stringify(all)) as GameEvent[])).toEqual(t.room());
  });
});
