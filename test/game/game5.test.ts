/**
 * Game 5, "The server that came back" (docs/rules-extended.md, dissertation §9.6), played by 8
 * bots from where game 4 ends: without pre-vote i8's climbing term deposes i4 and costs the
 * cluster an election; with pre-vote its PreVote cards are refused and i4 stays. The sheets at the
 * end of each half are golden (test/fixtures/golden/game5-*.txt).
 */
import { describe, expect, it } from 'vitest';
import { gameCommandSchema } from '../../src/protocol/game-schemas.js';
import { currentTerm } from '../../src/raft/log.js';
import { applyEvents } from '../../src/game/apply.js';
import { GAMES } from '../../src/game/scenarios.js';
import { simulate } from '../../src/game/simulator.js';
import { instructorView, seatView } from '../../src/game/views.js';
import { reduce } from '../../src/game/reducer.js';
import { EIGHT, cardSent, golden, itEndsAlikeAndReplays, playGames, sheetsOf, sheetsText } from './scripted-game.js';

const PART_A_END = 7; // "i4 leads again — in t8"
const play = (games: number[], seed?: number) => playGames(games, { partA: PART_A_END }, { seed });

describe('game 5 with 8 bots', () => {
  const { end, partA } = play([1, 2, 3, 4, 5]);

  it('without pre-vote: i8 comes back with t7, deposes i4, nobody votes for it, and i4 must win t8 anew', () => {
    const s = sheetsOf(partA);
    expect(s.i8.votes).toEqual(['i1', 'i8', 'i4', 'i8', 'i8', 'i8', 'i8', 'i4']); // t4…t7: its own lost elections
    for (const id of EIGHT) expect(currentTerm(s[id])).toBe(8);
    expect(s.i4.role).toBe('leader');
    for (const id of ['i1', 'i2', 'i3', 'i5', 'i6', 'i7']) expect(s[id].votes.slice(3)).toEqual([null, null, null, null, 'i4']);
    const rv7 = seatView(partA, 'A', 'i8').sent.find((b) => b.message.type === 'RequestVote' && b.message.term === 7)!;
    expect(rv7.message).toEqual({ type: 'RequestVote', term: 7, candidateId: 'i8', lastLogIndex: 8, lastLogTerm: 3 });
    expect(Object.values(rv7.responses)).toEqual(Array(7).fill('no'));
    expect(sheetsText(partA)).toBe(golden('game5-without-pre-vote.txt'));
  });

  it('with pre-vote: i8 stays in t8, its PreVote for t9 is refused by all, i4 still leads t8', () => {
    const s = sheetsOf(end);
    for (const id of EIGHT) expect(currentTerm(s[id])).toBe(8);
    expect(s.i4.role).toBe('leader');
    expect(s.i8).toMatchObject({ role: 'follower', preVotes: ['i8'] });
    expect(s.i8.votes).toEqual(sheetsOf(partA).i8.votes); // no term, no vote written by asking
    const asked = seatView(end, 'A', 'i8').sent.filter((b) => b.message.type === 'PreVote');
    expect(asked).toHaveLength(2); // newest first: once back (all ✗), once cut off (all lost)
    for (const b of asked) expect(b.message).toEqual({ type: 'PreVote', term: 9, candidateId: 'i8', lastLogIndex: 8, lastLogTerm: 3 });
    expect(Object.values(asked[0].responses)).toEqual(Array(7).fill('no'));
    expect(Object.values(asked[1].responses)).toEqual(Array(7).fill('lost'));
    for (const id of ['i1', 'i2', 'i3', 'i5', 'i6', 'i7']) expect(s[id].leader).toBe('i4');
    expect(sheetsText(end)).toBe(golden('game5-with-pre-vote.txt'));
  });

  itEndsAlikeAndReplays(5, () => end, {
    seeds: 'started on fresh sheets, game 5 is prepared from games 1–4 and ends on the same sheets, whatever the seed',
    replay: 'replays from its journaled events, PreVote cards and the pre-vote switch included',
    journaled: [cardSent('PreVote'), (e) => e.type === 'mode' && e.preVote === true],
  });

  it('pre-vote is off for games 1–4 and in the first half of game 5; a new game switches it off again', () => {
    const halfway = simulate({ seed: 3, games: [1, 2, 3, 4, 5] });
    expect(halfway.room.clusters.A.preVote).toBe(true);
    expect(GAMES[5].steps.slice(0, PART_A_END).some((st) => st.actions.some((a) => a.kind === 'pre-vote'))).toBe(false);
    const again = simulate({ seed: 3, room: halfway.room, games: [1] });
    expect(again.room.clusters.A.preVote).toBe(false);
  });
});

describe('pre-vote as a room mode', () => {
  it('mode {preVote} switches it for every cluster; timeouts then send PreVote; a mode without it leaves it as it was', () => {
    const r = simulate({ seed: 2, config: { clusters: 2, size: 5, election: 'timers' }, message: 'RAFT', untilMs: 1, faults: [] });
    let room = r.room;
    const step = (cmd: Parameters<typeof reduce>[1]) => {
      const out = reduce(room, cmd, { now: room.now, random: () => 0.5 });
      expect(out.ok).toBe(true);
      if (out.ok) room = applyEvents(room, out.events);
    };
    step({ type: 'mode', preVote: true });
    expect(Object.values(room.clusters).map((c) => c.preVote)).toEqual([true, true]);
    step({ type: 'mode', mode: 'observe' });
    expect(room.clusters.A.preVote).toBe(true);
    expect(instructorView(room).clusters[0].preVote).toBe(true);
    const follower = Object.entries(room.clusters.A.servers).find(([, x]) => x.state.role !== 'leader')![0];
    step({ type: 'fire', cluster: 'A', server: follower });
    step({ type: 'move', cluster: 'A', server: follower, input: { kind: 'timeout' } });
    const asked = room.clusters.A.inFlight.filter((k) => k.from === follower).map((k) => k.message.type);
    expect(asked).toEqual(Array(4).fill('PreVote'));
    // A preVote that is not a boolean never reaches the reducer: the wire's schema refuses it.
    expect(gameCommandSchema.safeParse({ type: 'mode', preVote: 'yes' }).success).toBe(false);
    expect(gameCommandSchema.safeParse({ type: 'mode', preVote: true }).success).toBe(true);
  });
});
