/**
 * The four workshop games (EXERCISE.md) played by 8 bots following the scripts end with exactly
 * the sheets the workshop's slides show.
 */
import { describe, expect, it } from 'vitest';
import { logText } from '../../src/raft/log.js';
import type { ServerState } from '../../src/raft/types.js';
import { simulate } from '../../src/game/simulator.js';
import { seatView } from '../../src/game/views.js';
import type { Room } from '../../src/game/types.js';

const ALL = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'];
const sheet = (room: Room, id: string): ServerState => room.clusters.A.servers[id].state;
const terms = (log: ServerState['log']) => log.map((e) => e.term);

function playUpTo(game: number, seed = 7): Room {
  const r = simulate({ seed, games: Array.from({ length: game }, (_, i) => i + 1) });
  expect(r.stuck).toEqual([]);
  expect(r.room.clusters.A.violations).toEqual([]);
  return r.room;
}

describe('the four games with 8 bots', () => {
  it('game 1: i1 is leader of t1 with votes from all', () => {
    const room = playUpTo(1);
    const i1 = sheet(room, 'i1');
    expect(i1.role).toBe('leader');
    expect(i1.votes).toEqual(['i1']);
    for (const id of ALL.slice(1)) {
      expect(sheet(room, id)).toMatchObject({ role: 'follower', votes: ['i1'], log: [] });
    }
    const rv = seatView(room, 'A', 'i1').sent.find((b) => b.message.type === 'RequestVote')!;
    expect(rv.message).toEqual({ type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 });
    expect(Object.values(rv.responses)).toEqual(Array(7).fill('ok'));
  });

  it('game 2: i1–i3 hold HighLoad (1–4 applied), i4–i8 hold High', () => {
    const room = playUpTo(2);
    for (const id of ['i1', 'i2', 'i3']) {
      const s = sheet(room, id);
      expect(logText(s.log)).toBe('HighLoad');
      expect(terms(s.log)).toEqual(Array(8).fill(1));
      expect(s.commitIndex).toBe(4);
      expect(s.lastApplied).toBe(4);
    }
    for (const id of ['i4', 'i5', 'i6', 'i7', 'i8']) {
      const s = sheet(room, id);
      expect(logText(s.log)).toBe('High');
      expect(s.lastApplied).toBe(0);
    }
    // The second card carried Load with leaderCommit 4; i4…i8's cells say it was lost.
    const second = seatView(room, 'A', 'i1').sent[0];
    expect(second.message).toMatchObject({ type: 'AppendEntries', prevLogIndex: 4, leaderCommit: 4 });
    expect(second.responses).toEqual({ i2: 'ok', i3: 'ok', i4: 'lost', i5: 'lost', i6: 'lost', i7: 'lost', i8: 'lost' });
  });

  it('game 3: nobody leads t2; i8 has 4 of 8 votes; i2 and i3 have t2 with vote —', () => {
    const room = playUpTo(3);
    const i8 = sheet(room, 'i8');
    expect(i8.role).toBe('candidate');
    expect(i8.votes).toEqual(['i1', 'i8']);
    expect([...i8.votesGranted].sort()).toEqual(['i5', 'i6', 'i7', 'i8']);
    expect(Object.values(room.clusters.A.servers).filter((r) => r.state.role === 'leader' && r.state.votes.length === 2)).toEqual([]);
    for (const id of ['i2', 'i3']) expect(sheet(room, id).votes).toEqual(['i1', null]);
    for (const id of ['i5', 'i6', 'i7']) expect(sheet(room, id).votes).toEqual(['i1', 'i8']);
    expect(room.clusters.A.servers.i1.online).toBe(false);
    expect(room.clusters.A.servers.i4.online).toBe(false);
    const rv = seatView(room, 'A', 'i8').sent[0];
    expect(rv.message).toEqual({ type: 'RequestVote', term: 2, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 });
    expect(rv.responses).toEqual({ i1: 'lost', i2: 'no', i3: 'no', i4: 'lost', i5: 'ok', i6: 'ok', i7: 'ok' });
  });

  it('game 4: i4 leads t3, every log starts "High vol" with 5–8 in t3, i4 commits 8', () => {
    const room = playUpTo(4);
    const i4 = sheet(room, 'i4');
    expect(i4.role).toBe('leader');
    expect(i4.votes).toEqual(['i1', null, 'i4']);
    expect(logText(i4.log)).toBe('High voltage');
    expect(i4.commitIndex).toBe(8);
    expect(i4.lastApplied).toBe(8);
    for (const id of ALL) {
      const s = sheet(room, id);
      expect(logText(s.log).startsWith('High vol')).toBe(true);
      expect(terms(s.log).slice(0, 8)).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
      expect(s.votes.length).toBe(3);
    }
    for (const id of ['i1', 'i2', 'i3']) {
      expect(logText(sheet(room, id).log)).toBe('High vol'); // Load is gone
      expect(sheet(room, id).votes.slice(1)).toEqual([null, null]);
    }
    for (const id of ['i5', 'i6', 'i7', 'i8']) expect(sheet(room, id).votes[2]).toBe('i4');
    const card = seatView(room, 'A', 'i4').sent[0];
    expect(card.message).toMatchObject({ prevLogIndex: 4, prevLogTerm: 1, leaderCommit: 0 });
    expect(Object.values(card.responses)).toEqual(Array(7).fill('ok'));
  });

  it('any seed plays the same games to the same sheets', () => {
    const a = playUpTo(4, 1);
    for (const seed of [2, 99, 12345]) {
      const b = playUpTo(4, seed);
      for (const id of ALL) expect(sheet(b, id)).toEqual(sheet(a, id));
    }
  });
});
