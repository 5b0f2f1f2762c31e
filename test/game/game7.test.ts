/**
 * Game 7, "A ninth server joins" (docs/rules-extended.md R33–R38, dissertation §4.1–§4.2,
 * raft-dev 2015), played by 9 bots on fresh sheets: i9 catches up as a learner and is added (5 of
 * 9), i1 removes itself and steps down at the commit, and with R37 off a second change on the
 * other side of a split makes two leaders in t4 (the monitor's P1). The sheets after the join and
 * at the end are golden (test/fixtures/golden/game7-*.txt).
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { GAMES } from '../../src/game/scenarios.js';
import { simulate } from '../../src/game/simulator.js';
import { seatView } from '../../src/game/views.js';
import { reduce } from '../../src/game/reducer.js';
import type { Room } from '../../src/game/types.js';
import { currentTerm } from '../../src/raft/log.js';
import { votersOf } from '../../src/raft/membership.js';
import { createMonitor, monitorStep } from '../../src/raft/monitor.js';
import type { ServerState } from '../../src/raft/types.js';
import { EIGHT, golden, itEndsAlikeAndReplays, playGames, sheetsOf, sheetsText } from './scripted-game.js';

const NINE = [...EIGHT, 'i9'];
const JOINED = 10; // "5 of 9"
const REMOVED = 15; // "i5 leads t2"
const ON = { maxEntries: 4, initialConfig: EIGHT };
/** Game 7 on fresh sheets in a room of 9; it ends with the two leaders of t4 (P1) and the entry it costs (P4). */
const GAME7 = { config: { size: 9 }, violations: ['P1', 'P4'] };
const play = (seed?: number) => playGames([7], { joined: JOINED, removed: REMOVED }, { ...GAME7, seed });
const sheets = (room: Room): Record<string, ServerState> => sheetsOf(room, NINE);
const text = (room: Room): string => sheetsText(room, NINE);

describe('game 7 with 9 bots', () => {
  const { end, joined, removed } = play();

  it('i9 catches up as a learner, then +i9 is committed by 5 of 9 and everyone counts nine', () => {
    const s = sheets(joined);
    expect(joined.clusters.A.violations).toEqual([]);
    for (const id of NINE) expect(s[id].log.map((e) => e.value).join('')).toBe('Raft+i9');
    expect(s.i1).toMatchObject({ role: 'leader', commitIndex: 5 });
    for (const id of NINE) expect(votersOf(s[id], ON)).toEqual(NINE);
    // i9 never voted in t1 (a learner is not asked, R34/R35) and answered i1's cards.
    expect(s.i9.votes).toEqual([null]);
    const toI9 = seatView(joined, 'A', 'i1').sent.filter((b) => b.responses.i9 !== undefined).map((b) => b.message.type);
    expect(toI9).toEqual(['AppendEntries', 'AppendEntries']); // +i9, then the catch-up card; never a RequestVote
    expect(text(joined)).toBe(golden('game7-joined.txt'));
  });

  it('the removed leader steps down once -i1 is committed; i5 leads t2 with the votes of i2…i9', () => {
    const s = sheets(removed);
    expect(removed.clusters.A.violations).toEqual([]);
    expect(s.i1).toMatchObject({ role: 'follower', commitIndex: 6, votes: ['i1'] });
    expect(s.i5.role).toBe('leader');
    expect(currentTerm(s.i5)).toBe(2);
    const asked = seatView(removed, 'A', 'i5').sent.find((b) => b.message.type === 'RequestVote')!;
    expect(Object.keys(asked.responses).sort()).toEqual(['i2', 'i3', 'i4', 'i6', 'i7', 'i8', 'i9']); // not i1
  });

  it('with R37 off, two configurations with disjoint majorities elect i5 and i7 in t4 (P1)', () => {
    const s = sheets(end);
    expect(s.i5.role).toBe('leader');
    expect(s.i7.role).toBe('leader');
    expect([currentTerm(s.i5), currentTerm(s.i7)]).toEqual([4, 4]);
    const opts = { ...ON, uncorrected: true };
    expect(votersOf(s.i5, opts)).toEqual(['i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8']);
    expect(votersOf(s.i7, opts)).toEqual(['i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9']);
    const v = end.clusters.A.violations;
    expect(v.map((x) => x.property)).toEqual(['P1', 'P4']);
    expect(v[0]).toMatchObject({ property: 'P1', term: 4 });
    expect(v[0].servers.sort()).toEqual(['i5', 'i7']);
    expect(v[0].explain.en).toContain('two configurations');
    expect(v[0].explain.ru).toContain('конфигурациях');
    expect(text(end)).toBe(golden('game7-two-leaders.txt'));
  });

  itEndsAlikeAndReplays(7, () => end, {
    ...GAME7,
    seeds: 'the same sheets whatever the seed',
    replay: 'replays from its journaled events, the membership switch included',
    journaled: (events) =>
      expect(events.filter((e) => e.type === 'membership').map((e) => e.type === 'membership' && e.uncorrected === true)).toEqual([false, true]),
  });

  it('is written for 9 servers, and a new game switches membership changes off again', () => {
    expect(GAMES[7].size).toBe(9);
    const again = simulate({ seed: 3, room: end, games: [0], untilMs: 1, faults: [] });
    expect(again.room.clusters.A.membership).toBeUndefined();
    expect(end.clusters.A.membership).toEqual({ voters: EIGHT, uncorrected: true });
  });
});

describe('with the correction (R37 on), the second change waits', () => {
  it('i6, just elected in t3 on its side, writes nothing for -i2 before an entry of t3 is committed; with the 2014 rules it writes it', () => {
    const at: Record<number, Room> = {};
    simulate({ seed: 7, games: [7], config: { size: 9 }, onStep: (room, s) => void (at[s.step] = structuredClone(room)) });
    const room = at[25]; // "i6 leads t3", R37 off since step 24
    expect(room.clusters.A.servers.i6.state.role).toBe('leader');
    const remove = (r: Room): ServerState => {
      const out = reduce(r, { type: 'move', cluster: 'A', server: 'i6', input: { kind: 'client', value: '-i2' } }, { now: r.now, random: () => 0.5 });
      expect(out.ok).toBe(true);
      return out.ok ? applyEvents(r, out.events).clusters.A.servers.i6.state : r.clusters.A.servers.i6.state;
    };
    const corrected = applyEvents(room, [{ type: 'membership', cluster: 'A', voters: EIGHT }]);
    expect(remove(corrected).log).toHaveLength(10); // R37: refused, nothing written
    expect(remove(room).log.at(-1)).toEqual({ term: 3, value: '-i2' });
  });
});

describe("the monitor's Election Safety (P1) with two configurations", () => {
  it('in observe mode the class sees the same two leaders; the sentence names both configurations', () => {
    const r = simulate({ seed: 5, games: [7], config: { size: 9, mode: 'observe' } });
    expect(r.stuck).toEqual([]);
    const p1 = r.room.clusters.A.violations.find((v) => v.property === 'P1')!;
    expect(p1).toMatchObject({ term: 4 });
    expect(p1.explain.en).toContain('i7: +i9 -i1 -i2; i5: +i9 -i1 -i9');
  });

  it('two leaders of one term without configuration entries keep the Figure 2 sentence', () => {
    const C = ['i1', 'i2', 'i3'];
    const lead = (id: string): ServerState => ({ id, cluster: C, votes: [id], log: [], role: 'leader', commitIndex: 0, lastApplied: 0, votesGranted: [], nextIndex: {}, matchIndex: {} });
    let m = createMonitor();
    const a = lead('i1');
    m = monitorStep(m, { ...a, role: 'candidate' }, a, { i1: a }).monitor;
    const b = lead('i2');
    const v = monitorStep(m, { ...b, role: 'candidate' }, b, { i1: a, i2: b }).violations;
    expect(v[0].explain.en).toContain('someone voted twice');
  });
});

describe('game 7 needs a room of 9', () => {
  it('started in a room of 8 it is refused with a sentence naming both sizes; games 1–5 in a room of 9 too', () => {
    const room8 = createRoom({ size: 8 });
    const out = reduce(room8, { type: 'script', action: 'start', game: 7 }, { now: 0, random: () => 0.5 });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.code).toBe('script/wrong-size');
      expect(out.message.en).toContain('game 7 for 9');
    }
    const five = reduce(createRoom({ size: 9 }), { type: 'script', action: 'start', game: 5 }, { now: 0, random: () => 0.5 });
    expect(five.ok).toBe(false);
  });
});
