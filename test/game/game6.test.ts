/**
 * Game 6, "The log outgrows the sheet" (docs/rules-extended.md R29–R32, dissertation §5), played
 * by 8 bots from where game 5 ends: every server snapshots 1–12, i8 (offline meanwhile) fails the
 * AppendEntries check, gets InstallSnapshot and then the rest. The sheets after the followers'
 * snapshots and at the end are golden (test/fixtures/golden/game6-*.txt).
 */
import { describe, expect, it } from 'vitest';
import { fullText } from '../../src/raft/snapshot.js';
import { GAMES } from '../../src/game/scenarios.js';
import { simulate } from '../../src/game/simulator.js';
import { seatView } from '../../src/game/views.js';
import { gameCommandSchema } from '../../src/protocol/game-schemas.js';
import { EIGHT, cardSent, golden, itEndsAlikeAndReplays, playGames, sheetsOf, sheetsText } from './scripted-game.js';

const SNAPSHOTS_DONE = 3; // "The followers snapshot too"
const BOX = { lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' };
const play = (games: number[], seed?: number) => playGames(games, { mid: SNAPSHOTS_DONE }, { seed });

describe('game 6 with 8 bots', () => {
  const { end, mid } = play([1, 2, 3, 4, 5, 6]);

  it('every online server snapshots 1–12 and keeps only " zap" (13–16) in its log; i8, offline, still holds 1–8', () => {
    const s = sheetsOf(mid);
    for (const id of EIGHT.filter((x) => x !== 'i8')) {
      expect(s[id].snapshot).toEqual(BOX);
      expect(s[id].log.map((e) => e.value).join('')).toBe(' zap');
    }
    expect(s.i4.commitIndex).toBe(16);
    expect(s.i8.snapshot).toBeUndefined();
    expect(fullText(s.i8)).toBe('High vol');
    expect(sheetsText(mid)).toBe(golden('game6-snapshots.txt'));
  });

  it('i8 fails the check at 12, gets InstallSnapshot, then AppendEntries from 13, and ends on "High voltage zap"', () => {
    const s = sheetsOf(end);
    const sent = seatView(end, 'A', 'i4').sent; // newest first
    const toI8 = sent.filter((b) => b.responses.i8 !== undefined && b.message.term === 8).slice(0, 3).reverse();
    expect(toI8.map((b) => b.message.type)).toEqual(['AppendEntries', 'InstallSnapshot', 'AppendEntries']);
    expect(toI8.map((b) => b.responses.i8)).toEqual(['no', 'ok', 'ok']);
    expect(toI8[1].message).toEqual({ type: 'InstallSnapshot', term: 8, leaderId: 'i4', ...BOX });
    expect(toI8[2].message).toMatchObject({ prevLogIndex: 12, prevLogTerm: 3, leaderCommit: 16 });
    expect(s.i8).toMatchObject({ snapshot: BOX, commitIndex: 16, lastApplied: 16 });
    expect(s.i4).toMatchObject({ matchIndex: expect.objectContaining({ i8: 16 }), nextIndex: expect.objectContaining({ i8: 17 }) });
    for (const id of EIGHT) expect(fullText(s[id])).toBe('High voltage zap');
    expect(sheetsText(end)).toBe(golden('game6-end.txt'));
  });

  itEndsAlikeAndReplays(6, () => end, {
    seeds: 'started on fresh sheets, game 6 is prepared from games 1–5 and ends on the same sheets, whatever the seed',
    replay: 'replays from its journaled events, InstallSnapshot cards and the snapshot switch included',
    journaled: [cardSent('InstallSnapshot'), (e) => e.type === 'mode' && e.snapshotEvery === 8],
  });

  it('snapshots are off in games 1–5 (no sheet ever has a box) and a new game switches them off again', () => {
    const five = simulate({ seed: 3, games: [1, 2, 3, 4, 5] });
    expect(five.room.clusters.A.snapshotEvery).toBeUndefined();
    for (const r of Object.values(five.room.clusters.A.servers)) expect(r.state.snapshot).toBeUndefined();
    expect(end.clusters.A.snapshotEvery).toBe(8);
    expect(GAMES[6].steps[0].actions).toContainEqual({ kind: 'snapshot', every: 8 });
    const again = simulate({ seed: 3, room: end, games: [1] });
    expect(again.room.clusters.A.snapshotEvery).toBe(0);
  });

  it('the wire takes the switch as a fault and as a mode, and refuses a negative threshold', () => {
    expect(gameCommandSchema.safeParse({ type: 'fault', cluster: 'A', fault: { kind: 'snapshot', every: 8 } }).success).toBe(true);
    expect(gameCommandSchema.safeParse({ type: 'mode', snapshotEvery: 8 }).success).toBe(true);
    expect(gameCommandSchema.safeParse({ type: 'mode', snapshotEvery: -1 }).success).toBe(false);
  });
});
