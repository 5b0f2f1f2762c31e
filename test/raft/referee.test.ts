/**
 * The referee names each known misconception (M1–M19) with the rule it breaks, in situations
 * from the workshop's games, and says nothing about a correct move.
 */
import { describe, expect, it } from 'vitest';
import { referee, type Mistake } from '../../src/raft/referee.js';
import type { AppendEntries, AppendEntriesReply, RequestVote, RequestVoteReply } from '../../src/raft/types.js';
import { Cluster, correct, edit, ids, log, message, recv, reply, sheet } from './referee-helpers.js';

const N3 = ids(3);
const N5 = ids(5);
const N8 = ids(8);

function only(ms: Mistake[]): Mistake {
  expect(ms, JSON.stringify(ms, null, 1)).toHaveLength(1);
  return ms[0];
}

function expectBilingual(m: Mistake): void {
  expect(m.explain.en.length).toBeGreaterThan(20);
  expect(m.explain.ru.length).toBeGreaterThan(20);
  expect(m.explain.ru).toMatch(/[а-я]/);
}

const ae = (o: Partial<AppendEntries> & Pick<AppendEntries, 'term' | 'leaderId'>): AppendEntries => ({
  type: 'AppendEntries', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0, ...o,
});
const rv = (o: Omit<RequestVote, 'type'>): RequestVote => ({ type: 'RequestVote', ...o });
const aeReply = (term: number, success: boolean): AppendEntriesReply => ({ type: 'AppendEntriesReply', term, success });
const rvReply = (term: number, voteGranted: boolean): RequestVoteReply => ({ type: 'RequestVoteReply', term, voteGranted });

describe('referee: a correct move', () => {
  it('gives no mistakes, whatever the order of the cards', () => {
    const c = new Cluster(N8);
    const before = c.s.i1;
    const input = { kind: 'timeout' } as const;
    const move = correct(before, input);
    expect(referee(before, input, move)).toEqual([]);
    expect(referee(before, input, { ...move, send: [...move.send].reverse() })).toEqual([]);
    expect(referee(before, input, { ...move, resetTimer: true })).toEqual([]);
  });
});

describe('referee: M1–M19', () => {
  it('M1: cutting after prevLogIndex on a repeated card (R18)', () => {
    const c = new Cluster(N3, { maxEntries: 2 });
    c.elect('i1', ['i2']);
    c.write('i1', 'Load');
    const first = c.replicate('i1', ['i2']); // entries 1–2
    c.replicate('i1', ['i2']); // entries 3–4
    expect(c.s.i2.log).toHaveLength(4);
    const input = recv('i1', message(first, 'i2', 'AppendEntries')); // the first card, delivered again
    const wrong = edit(c.s.i2, input, (m) => { m.state.log = log('t1:Lo'); });
    const m = only(referee(c.s.i2, input, wrong, { maxEntries: 2 }));
    expect(m).toMatchObject({ rule: 'R18', mistake: 'M1', field: 'log', expected: '1–4 t1 "Load"', given: '1–2 t1 "Lo"' });
    expect(m.explain.en).toContain('3–4 stay');
    expectBilingual(m);
  });

  it('M2: committing up to the own last index instead of what the card covers (R19)', () => {
    // Game 4: i1 still holds "HighLoad" of t1; leader i4 (t3) has committed ␣vol and sends a
    // heartbeat checking index 4 only.
    const before = sheet('i1', N8, { votes: 'i1', log: 't1:HighLoad' });
    const input = recv('i4', ae({ term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, leaderCommit: 8 }));
    const wrong = edit(before, input, (m) => { m.state.commitIndex = 8; m.state.lastApplied = 8; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R19', mistake: 'M2', field: 'commitIndex', expected: 4, given: 8 });
    expect(m.explain.en).toContain('you committed up to 8'.replace('you', 'You'));
    expect(m.explain.en).toContain('covers only up to 4');
    expect(m.explain.en).toContain('min(leaderCommit 8, prevLogIndex 4 + 0) = 4');
    expectBilingual(m);
  });

  it('M3: a leader commits an earlier-term entry because a majority stores it (R22, Figure 8)', () => {
    const before = sheet('i1', N5, {
      votes: '- i1 i1', role: 'leader', log: 't1:High t2:x', commitIndex: 4, lastApplied: 4,
      nextIndex: { i2: 6, i3: 5, i4: 5, i5: 5 }, matchIndex: { i2: 5, i3: 4, i4: 4, i5: 4 },
    });
    const request = ae({ term: 3, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: log('t2:x').slice(0, 1), leaderCommit: 4 });
    const input = reply('i3', aeReply(3, true), request);
    expect(correct(before, input).state.commitIndex).toBe(4);
    const wrong = edit(before, input, (m) => { m.state.commitIndex = 5; m.state.lastApplied = 5; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R22', mistake: 'M3', field: 'commitIndex', expected: 4, given: 5 });
    expect(m.explain.en).toContain('3 of 5');
    expectBilingual(m);
  });

  it('M3 in game 4: every server visibly holds "High" (t1), yet the leader of t3 may not commit it by counting (R22)', () => {
    const before = sheet('i4', N8, {
      votes: 'i1 - i4', role: 'leader', log: 't1:High t3:␣voltage',
      nextIndex: { i1: 13, i2: 13, i3: 13, i5: 13, i6: 13, i7: 13, i8: 13 }, matchIndex: { i1: 0, i2: 0, i3: 0, i5: 0, i6: 0, i7: 0, i8: 0 },
    });
    const request = ae({ term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, leaderCommit: 0 });
    const input = reply('i2', aeReply(3, true), request);
    expect(correct(before, input).state.commitIndex).toBe(0);
    const wrong = edit(before, input, (m) => { m.state.commitIndex = 4; m.state.lastApplied = 4; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R22', mistake: 'M3', field: 'commitIndex', expected: 0, given: 4 });
    expect(m.explain.en).toContain('Entry 4 is of term t1, not your current term t3. However many servers hold it');
    expect(m.explain.en).toContain('committed only through an entry of your own term: once entry 5 (t3) is stored on a majority (5)');
    expect(m.explain.en).not.toContain('stored on 2 of 8');
    expect(m.explain.ru).toContain('коммитятся только через запись твоего терма');
    expectBilingual(m);
  });

  it('M4: voting by log length — refusing a shorter log with a newer last term (R10)', () => {
    const before = sheet('i2', N8, { votes: 'i1 -', log: 't1:HighLoad' });
    const input = recv('i4', rv({ term: 3, candidateId: 'i4', lastLogIndex: 5, lastLogTerm: 3 }));
    const wrong = edit(before, input, (m) => {
      m.state.votes[2] = null;
      (m.send[0].message as RequestVoteReply).voteGranted = false;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R10', mistake: 'M4', field: 'send[i4].voteGranted', expected: true, given: false });
    expect(m.explain.en).toContain('5/t3');
    expect(m.explain.en).toContain('8/t1');
    expectBilingual(m);
  });

  it('M4: voting by log length — granting a longer log with an older last term (R10)', () => {
    // Game 3 variant: i2 holds 1–4 t1 and 5 t2; i8 asks with 8 entries of t1.
    const before = sheet('i2', N8, { votes: 'i1 i2', log: 't1:High t2:x' });
    const input = recv('i8', rv({ term: 3, candidateId: 'i8', lastLogIndex: 8, lastLogTerm: 1 }));
    const wrong = edit(before, input, (m) => {
      m.state.votes[2] = 'i8';
      (m.send[0].message as RequestVoteReply).voteGranted = true;
      m.resetTimer = true;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R10', mistake: 'M4', expected: false, given: true });
  });

  it('M5: keeping the old vote after adopting a higher term (R4)', () => {
    const before = sheet('i5', N8, { votes: '- i8', log: 't1:High' });
    const input = recv('i4', rv({ term: 3, candidateId: 'i4', lastLogIndex: 4, lastLogTerm: 1 }));
    const wrong = edit(before, input, (m) => {
      m.state.votes[2] = 'i8';
      (m.send[0].message as RequestVoteReply).voteGranted = false;
      m.resetTimer = false;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R4', mistake: 'M5', field: 'votedFor', expected: 'i4', given: 'i8' });
    expectBilingual(m);
  });

  it('M5: clearing the vote when the leader appears — a double vote becomes possible (R1, R9)', () => {
    const before = sheet('i5', N8, { votes: 'i3' });
    const input = recv('i3', ae({ term: 1, leaderId: 'i3' }));
    const wrong = edit(before, input, (m) => { m.state.votes[0] = null; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R1', mistake: 'M5', field: 'votedFor', expected: 'i3', given: null });
  });

  it('M5: voting a second time in the same term (R9)', () => {
    const before = sheet('i5', N8, { votes: '- i3' });
    const input = recv('i4', rv({ term: 2, candidateId: 'i4', lastLogIndex: 0, lastLogTerm: 0 }));
    const wrong = edit(before, input, (m) => {
      m.state.votes[1] = 'i4';
      (m.send[0].message as RequestVoteReply).voteGranted = true;
      m.resetTimer = true;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R9', mistake: 'M5', field: 'votedFor', expected: 'i3', given: 'i4' });
  });

  it('M6: a higher term in a reply not adopted, nextIndex decremented instead (R4)', () => {
    const before = sheet('i1', N3, {
      votes: 'i1 i1', role: 'leader', log: 't1:High t2:L', commitIndex: 4, lastApplied: 4,
      nextIndex: { i2: 6, i3: 6 }, matchIndex: { i2: 5, i3: 0 },
    });
    const request = ae({ term: 2, leaderId: 'i1', prevLogIndex: 5, prevLogTerm: 2, leaderCommit: 4 });
    const input = reply('i3', aeReply(3, false), request);
    const wrong = edit(before, input, (m) => { m.state = { ...before, nextIndex: { i2: 6, i3: 5 } }; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R4', mistake: 'M6', field: 'currentTerm', expected: 3, given: 2 });
    expectBilingual(m);
  });

  it('M6: term adopted from a ✗ but nextIndex still decremented (R4)', () => {
    const before = sheet('i1', N3, { votes: 'i1 i1', role: 'leader', log: 't1:High', nextIndex: { i2: 5, i3: 5 }, matchIndex: { i2: 0, i3: 0 } });
    const request = ae({ term: 2, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1 });
    const input = reply('i3', aeReply(3, false), request);
    const wrong = edit(before, input, (m) => { m.state.nextIndex = { i2: 5, i3: 4 }; m.state.matchIndex = { i2: 0, i3: 0 }; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R4', mistake: 'M6', field: 'nextIndex[i3]', given: 4 });
  });

  it('M6: counting a vote from an earlier election (R6)', () => {
    // i8 ran for t2 (game 3), timed out and now runs for t3; i5's ✔ for t2 arrives late.
    const before = sheet('i8', N8, { votes: '- i8 i8', role: 'candidate', log: 't1:High', votesGranted: ['i8', 'i6', 'i7', 'i3'] });
    const request = rv({ term: 2, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 });
    const input = reply('i5', rvReply(2, true), request);
    const wrong = edit(before, input, (m) => { m.state.votesGranted = ['i8', 'i6', 'i7', 'i3', 'i5']; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R6', mistake: 'M6', field: 'votesGranted' });
    expect(m.explain.en).toContain('term 2');
  });

  it('M7: a heartbeat accepted without the prevLog check (R17)', () => {
    // i4 lost the Load card: it holds only High, the heartbeat checks index 8.
    const before = sheet('i4', N8, { votes: 'i1', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 8, prevLogTerm: 1, leaderCommit: 4 }));
    const wrong = edit(before, input, (m) => {
      (m.send[0].message as AppendEntriesReply).success = true;
      m.state.commitIndex = 4;
      m.state.lastApplied = 4;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R17', mistake: 'M7', field: 'send[i1].success', expected: false, given: true });
    expect(m.explain.en).toContain('ends at index 4');
    expectBilingual(m);
  });

  it('M7: a heartbeat\'s leaderCommit ignored (R19)', () => {
    // Game 2 step 4 for i2, but with a heartbeat: i2 has High, the leader has committed 4.
    const before = sheet('i2', N8, { votes: 'i1', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, leaderCommit: 4 }));
    const wrong = edit(before, input, (m) => { m.state.commitIndex = 0; m.state.lastApplied = 0; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R19', mistake: 'M7', field: 'commitIndex', expected: 4, given: 0 });
  });

  it('M8: a candidate ignores an AppendEntries of its own term (R12)', () => {
    const before = sheet('i8', N8, { votes: '- i8', role: 'candidate', log: 't1:High', votesGranted: ['i8'] });
    const input = recv('i4', ae({ term: 2, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, entries: log('t2:x') }));
    const wrong = edit(before, input, (m) => {
      m.state = { ...before };
      (m.send[0].message as AppendEntriesReply).success = false;
      m.resetTimer = false;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R12', mistake: 'M8', field: 'role', expected: 'follower', given: 'candidate' });
    expectBilingual(m);
  });

  it('M8: a candidate yields to a deposed leader of a lower term (R12)', () => {
    const before = sheet('i4', N8, { votes: 'i1 - i4', role: 'candidate', log: 't1:High', votesGranted: ['i4'] });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: log('t1:Load'), leaderCommit: 4 }));
    const wrong = edit(before, input, (m) => {
      m.state = { ...before, role: 'follower', votesGranted: [], log: log('t1:HighLoad'), commitIndex: 4, lastApplied: 4 };
      (m.send[0].message as AppendEntriesReply).success = true;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R12', mistake: 'M8', field: 'role', expected: 'candidate', given: 'follower' });
  });

  it('M9: granting a vote to a lower-term candidate (R5)', () => {
    const before = sheet('i5', N8, { votes: 'i1 i8 i4', log: 't1:High' });
    const input = recv('i8', rv({ term: 2, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 }));
    const wrong = edit(before, input, (m) => { (m.send[0].message as RequestVoteReply).voteGranted = true; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R5', mistake: 'M9', field: 'send[i8].voteGranted', expected: false, given: true });
    expectBilingual(m);
  });

  it('M9: going back to a stale leader\'s term and appending its entries (R5)', () => {
    // Game 4: i2 is in t3 (voted ✗ for i4), old leader i1 comes back with its Load card of t1.
    const before = sheet('i2', N8, { votes: 'i1 - -', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: log('t1:Load'), leaderCommit: 4 }));
    const wrong = edit(before, input, (m) => {
      m.state = { ...before, votes: ['i1'], log: log('t1:HighLoad'), commitIndex: 4, lastApplied: 4 };
      m.send[0].message = aeReply(1, true);
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R5', mistake: 'M9', field: 'currentTerm', expected: 3, given: 1 });
  });

  it('M10: counting a majority of those who answered (R11)', () => {
    // Game 3: i8 has itself, i5, i6, i7 — 4 of 8; i2 answers ✗.
    const before = sheet('i8', N8, { votes: 'i1 i8', role: 'candidate', log: 't1:High', votesGranted: ['i8', 'i5', 'i6', 'i7'] });
    const request = rv({ term: 2, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 });
    const input = reply('i2', rvReply(2, false), request);
    const wrong = edit(before, input, (m) => {
      m.state = { ...before, role: 'leader', votesGranted: [], nextIndex: Object.fromEntries(N8.filter((x) => x !== 'i8').map((x) => [x, 5])), matchIndex: Object.fromEntries(N8.filter((x) => x !== 'i8').map((x) => [x, 0])) };
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R11', mistake: 'M10', field: 'role', expected: 'candidate', given: 'leader' });
    expect(m.explain.en).toContain('4 of 8');
    expect(m.explain.en).toContain('= 5');
    expectBilingual(m);
  });

  it('M10: counting the same voter twice (R11)', () => {
    const before = sheet('i4', N8, { votes: 'i1 - i4', role: 'candidate', log: 't1:High', votesGranted: ['i4', 'i5', 'i6', 'i7'] });
    const request = rv({ term: 3, candidateId: 'i4', lastLogIndex: 4, lastLogTerm: 1 });
    const input = reply('i7', rvReply(3, true), request);
    const wrong = edit(before, input, (m) => { m.state = { ...before, role: 'leader', votesGranted: [] }; });
    const ms = referee(before, input, wrong);
    const m = only(ms);
    expect(m).toMatchObject({ rule: 'R11', mistake: 'M10', field: 'role' });
    expect(m.explain.en).toContain('i7 had already voted');
  });

  it('M10: forgetting the self-vote when starting an election (R8)', () => {
    const before = sheet('i1', N8);
    const input = { kind: 'timeout' } as const;
    const wrong = edit(before, input, (m) => { m.state.votes = [null]; m.state.votesGranted = []; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R8', mistake: 'M10', field: 'votedFor', expected: 'i1', given: null });
  });

  it('M11: matchIndex from the leader\'s current log length (R20)', () => {
    const c = new Cluster(N3);
    c.elect('i1', ['i2']);
    c.write('i1', 'High');
    const cards = c.move('i1', { kind: 'send', to: ['i2'] });
    c.write('i1', 'Load'); // the leader writes on while the card travels
    const request = message(cards, 'i2', 'AppendEntries');
    const out = c.move('i2', recv('i1', request));
    const input = reply('i2', out[0].message as AppendEntriesReply, request);
    const before = c.s.i1;
    const wrong = edit(before, input, (m) => { m.state.matchIndex.i2 = 8; m.state.nextIndex.i2 = 9; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R20', mistake: 'M11', field: 'matchIndex[i2]', expected: 4, given: 8 });
    expect(m.explain.en).toContain('prevLogIndex 0 + 4');
    expectBilingual(m);
  });

  it('M11: matchIndex lowered by a late reply (R21)', () => {
    const before = sheet('i1', N3, { votes: 'i1', role: 'leader', log: 't1:HighLoad', commitIndex: 8, lastApplied: 8, nextIndex: { i2: 9, i3: 1 }, matchIndex: { i2: 8, i3: 0 } });
    const request = ae({ term: 1, leaderId: 'i1', prevLogIndex: 0, prevLogTerm: 0, entries: log('t1:High') });
    const input = reply('i2', aeReply(1, true), request);
    const wrong = edit(before, input, (m) => { m.state.matchIndex.i2 = 4; m.state.nextIndex.i2 = 5; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R21', mistake: 'M11', field: 'matchIndex[i2]', expected: 8, given: 4 });
  });

  it('M12: nextIndex not stepped back after a ✗ (R21)', () => {
    // Game 4: new leader i4 (t3) tries i1 at index 9; i1 has only 8 entries of t1 → ✗.
    const before = sheet('i4', N8, {
      votes: 'i1 - i4', role: 'leader', log: 't1:High t3:␣vol', nextIndex: { i1: 9, i2: 9, i3: 9, i5: 9, i6: 9, i7: 9, i8: 9 },
      matchIndex: { i1: 0, i2: 0, i3: 0, i5: 0, i6: 0, i7: 0, i8: 0 },
    });
    const request = ae({ term: 3, leaderId: 'i4', prevLogIndex: 8, prevLogTerm: 3 });
    const input = reply('i1', aeReply(3, false), request);
    const wrong = edit(before, input, (m) => { m.state.nextIndex.i1 = 9; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R21', mistake: 'M12', field: 'nextIndex[i1]', expected: 8, given: 9 });
    const below = edit(before, input, (m) => { m.state.nextIndex.i1 = 0; });
    expect(only(referee(before, input, below))).toMatchObject({ mistake: 'M12', given: 0 });
  });

  it('M13: refusing to overwrite an uncommitted entry of a higher term (R18)', () => {
    // i3 holds entry 5 of t3 from a leader that was deposed; leader i1 of t4 has entry 5 of t2.
    const before = sheet('i3', N5, { votes: '- - i2 i1', log: 't1:High t3:z' });
    const input = recv('i1', ae({ term: 4, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: log('t2:x t4:y'), leaderCommit: 4 }));
    expect(correct(before, input).state.log).toEqual(log('t1:High t2:x t4:y'));
    const wrong = edit(before, input, (m) => {
      m.state.log = before.log;
      m.state.commitIndex = 4;
      m.state.lastApplied = 4;
      (m.send[0].message as AppendEntriesReply).success = false;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R18', mistake: 'M13', field: 'log' });
    expect(m.explain.en).toContain('index 5');
    expectBilingual(m);
  });

  it('M14: a heartbeat removes a follower\'s extra entries (R18)', () => {
    // Game 4 step 4, heartbeat version: i1 holds HighLoad, i4's heartbeat checks index 4.
    const before = sheet('i1', N8, { votes: 'i1', log: 't1:HighLoad', commitIndex: 4, lastApplied: 4 });
    const input = recv('i4', ae({ term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1 }));
    const wrong = edit(before, input, (m) => { m.state.log = log('t1:High'); });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R18', mistake: 'M14', field: 'log', expected: '1–8 t1 "HighLoad"', given: '1–4 t1 "High"' });
  });

  it('M15: applying past commitIndex (R23)', () => {
    const before = sheet('i2', N8, { votes: 'i1', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: log('t1:Load'), leaderCommit: 4 }));
    const wrong = edit(before, input, (m) => { m.state.lastApplied = 8; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R23', mistake: 'M15', field: 'lastApplied', expected: 4, given: 8 });
    expectBilingual(m);
  });

  it('M16: refusing the leader because the vote went to someone else (R17)', () => {
    const before = sheet('i5', N8, { votes: '- i8', log: 't1:High' });
    const input = recv('i3', ae({ term: 2, leaderId: 'i3', prevLogIndex: 4, prevLogTerm: 1, entries: log('t2:ab') }));
    const wrong = edit(before, input, (m) => {
      m.state.log = before.log;
      (m.send[0].message as AppendEntriesReply).success = false;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R17', mistake: 'M16', field: 'send[i3].success', expected: true, given: false });
    expect(m.explain.en).toContain('You voted for i8');
  });

  it('M17: a leader cuts its own log to match a follower (P2)', () => {
    const before = sheet('i4', N8, {
      votes: 'i1 - i4', role: 'leader', log: 't1:High t3:␣vol', nextIndex: { i1: 9, i2: 9, i3: 9, i5: 9, i6: 9, i7: 9, i8: 9 },
      matchIndex: { i1: 0, i2: 0, i3: 0, i5: 0, i6: 0, i7: 0, i8: 0 },
    });
    const request = ae({ term: 3, leaderId: 'i4', prevLogIndex: 8, prevLogTerm: 3 });
    const input = reply('i1', aeReply(3, false), request);
    const wrong = edit(before, input, (m) => { m.state.log = log('t1:High'); });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'P2', mistake: 'M17', field: 'log' });
    expectBilingual(m);
  });

  it('M18: the election timer restarted by a stale card (R14)', () => {
    const before = sheet('i2', N8, { votes: 'i1 - -', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1 }));
    const wrong = edit(before, input, (m) => { m.resetTimer = true; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R14', mistake: 'M18', field: 'resetTimer', expected: false, given: true });
    expect(m.explain.en).toContain('older term');
  });

  it('M18: the election timer restarted by a refused vote request (R14)', () => {
    // Game 3: i2 refuses i8 (its log is more up-to-date) but must not restart its timer.
    const before = sheet('i2', N8, { votes: 'i1', log: 't1:HighLoad' });
    const input = recv('i8', rv({ term: 2, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 }));
    const wrong = edit(before, input, (m) => { m.resetTimer = true; });
    expect(only(referee(before, input, wrong))).toMatchObject({ rule: 'R14', mistake: 'M18' });
    // Without the flag the timer is not judged.
    expect(referee(before, input, correct(before, input))).toEqual([]);
  });

  it('M19: no reply to a stale request, as etcd does (R5)', () => {
    const before = sheet('i2', N8, { votes: 'i1 - -', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1 }));
    const wrong = edit(before, input, (m) => { m.send = []; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R5', mistake: 'M19', field: 'send[i1]', given: null });
    expect(m.explain.en).toContain('etcd');
  });

  it('M19: refusing a vote because a leader is known (R9)', () => {
    const before = sheet('i3', N8, { votes: 'i1', log: 't1:HighLoad', commitIndex: 4, lastApplied: 4 });
    const input = recv('i2', rv({ term: 2, candidateId: 'i2', lastLogIndex: 8, lastLogTerm: 1 }));
    const wrong = edit(before, input, (m) => {
      m.state = before;
      m.send[0].message = rvReply(1, false);
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R9', mistake: 'M19' });
    expect(m.explain.en).toContain('leader stickiness');
  });

  it('M19: appending a no-op entry on winning the election (R13)', () => {
    const before = sheet('i4', N8, { votes: 'i1 - i4', role: 'candidate', log: 't1:High', votesGranted: ['i4', 'i5', 'i6', 'i7'] });
    const request = rv({ term: 3, candidateId: 'i4', lastLogIndex: 4, lastLogTerm: 1 });
    const input = reply('i8', rvReply(3, true), request);
    const wrong = edit(before, input, (m) => { m.state.log = [...m.state.log, { term: 3, value: '' }]; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R13', mistake: 'M19', field: 'log' });
  });
});

describe('referee: one root cause, one mistake', () => {
  it('a higher term not adopted from a request is one R4 mistake, reply term included', () => {
    const before = sheet('i1', N8, { votes: 'i1', log: 't1:HighLoad' });
    const input = recv('i4', ae({ term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, entries: log('t3:␣vol') }));
    const wrong = edit(before, input, (m) => {
      m.state.votes = ['i1'];
      (m.send[0].message as AppendEntriesReply).term = 1;
    });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R4', field: 'currentTerm', expected: 3, given: 1 });
  });

  it('a new leader without bookkeeping gets one R13 mistake for all nextIndex cells', () => {
    const before = sheet('i4', N8, { votes: 'i1 - i4', role: 'candidate', log: 't1:High', votesGranted: ['i4', 'i5', 'i6', 'i7'] });
    const input = reply('i8', rvReply(3, true), rv({ term: 3, candidateId: 'i4', lastLogIndex: 4, lastLogTerm: 1 }));
    const wrong = edit(before, input, (m) => { m.state.nextIndex = {}; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R13', field: 'nextIndex' });
    expect(m.expected).toMatchObject({ i1: 5, i8: 5 });
  });

  it('a wrong field on every RequestVote card is one R8 mistake', () => {
    const before = sheet('i8', N8, { votes: 'i1', log: 't1:High' });
    const input = { kind: 'timeout' } as const;
    const wrong = edit(before, input, (m) => { for (const o of m.send) (o.message as RequestVote).lastLogTerm = 0; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R8', field: 'send[*].lastLogTerm' });
  });

  it('a missing reply is reported with the rule that decides it', () => {
    const before = sheet('i2', N8, { votes: 'i1', log: 't1:High' });
    const input = recv('i1', ae({ term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: log('t1:Load') }));
    const wrong = edit(before, input, (m) => { m.send = []; });
    expect(only(referee(before, input, wrong))).toMatchObject({ rule: 'R17', field: 'send[i1]', given: null });
  });
});

describe('referee: game 4, i1 comes back', () => {
  const before = sheet('i1', N8, { votes: 'i1', log: 't1:HighLoad' });
  const input = recv('i4', ae({ term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, entries: log('t3:␣vol') }));

  it('the correct move overwrites Load with ␣vol and records t2, t3 with —', () => {
    const right = correct(before, input);
    expect(right.state.votes).toEqual(['i1', null, null]);
    expect(right.state.log).toEqual(log('t1:High t3:␣vol'));
    expect(referee(before, input, right)).toEqual([]);
  });

  it('keeping Load is an R18 conflict, not M13 (the kept entries have the lower term)', () => {
    const wrong = edit(before, input, (m) => { m.state.log = before.log; });
    const m = only(referee(before, input, wrong));
    expect(m).toMatchObject({ rule: 'R18', field: 'log', expected: '1–4 t1 "High", 5–8 t3 "␣vol"', given: '1–8 t1 "HighLoad"' });
    expect(m.mistake).toBeUndefined();
    expect(m.explain.en).toContain('At index 5 you hold t1 "L" but the card brings t3 "␣"');
  });
});

describe('referee: game 2, the leader reads the Response row', () => {
  it('forgetting to commit once a majority holds entries of the current term is R22, with the count', () => {
    const c = new Cluster(N8);
    c.elect('i1', N8);
    c.write('i1', 'High');
    const cards = c.move('i1', { kind: 'send', to: N8.slice(1) });
    for (const card of cards.slice(0, 3)) c.roundTrip('i1', card); // i2, i3, i4 tick ✔
    const card = cards[3];
    const out = c.move(card.to, recv('i1', card.message as AppendEntries));
    const input = reply(card.to, out[0].message as AppendEntriesReply, card.message as AppendEntries);
    const before = c.s.i1;
    expect(correct(before, input).state.commitIndex).toBe(4);
    const wrong = edit(before, input, (m) => { m.state.commitIndex = 0; m.state.lastApplied = 0; });
    const ms = referee(before, input, wrong);
    expect(ms.map((m) => m.rule)).toEqual(['R22']);
    expect(ms[0].explain.en).toContain('Entry 4 (t1) is stored on 5 of 8');
  });
});

describe('referee: a refusal in the sheet’s words, one line per mistake', () => {
  it('an R10 vote wrongly granted is one mistake naming the vote cell and the tick, the reason once', () => {
    const before = sheet('i2', N8, { votes: 'i1', log: 't1:ab' });
    const input = recv('i3', rv({ term: 2, candidateId: 'i3', lastLogIndex: 0, lastLogTerm: 0 }));
    const right = correct(before, input);
    const wrong = { state: { ...right.state, votes: ['i1', 'i3'] }, send: [{ to: 'i3', message: rvReply(2, true) }] };
    const m = only(referee(before, input, wrong));
    expect(m.rule).toBe('R10');
    expect(m.explain.en).toMatch(/^Your vote cell for t2 \(votedFor\): expected —, you have i3; the tick on your answer to i3 \(voteGranted\): expected ✗, you have ✔\. /);
    expect(m.explain.en.match(/less up-to-date/g)).toHaveLength(1);
    expect(m.explain.ru).toMatch(/^Твоя ячейка голоса в t2 \(votedFor\): ожидалось —, у тебя i3; галочка в твоём ответе для i3/);
  });

  it('a wrong term on one AppendEntries card names the card: “the term on your card to i2”', () => {
    const before = sheet('i1', N3, { votes: 'i1', role: 'leader', log: 't1:H', nextIndex: { i2: 1, i3: 1 }, matchIndex: { i2: 0, i3: 0 } });
    const input = { kind: 'send' as const, to: ['i2', 'i3'] };
    const right = correct(before, input);
    const wrong = { ...right, send: right.send.map((o) => (o.to === 'i2' ? { ...o, message: { ...o.message, term: 2 } as AppendEntries } : o)) };
    const m = only(referee(before, input, wrong));
    expect(m.field).toBe('send[i2].term');
    expect(m.explain.en).toMatch(/^The term on your card to i2: expected t1, you have t2\./);
    expect(m.explain.ru).toMatch(/^Терм на твоей карточке для i2: ожидалось t1, у тебя t2\./);
  });
});
