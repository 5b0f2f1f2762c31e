/**
 * docs/rules-extended.md R24–R27 (pre-vote, Ongaro's dissertation §9.6, §4.2.3) on the reference
 * step(), and that without the option nothing of it happens (games 1–4 stay Figure 2).
 */
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../src/raft/log.js';
import { step } from '../../src/raft/step.js';
import type { PreVote, PreVoteReply, ServerState, StepOptions } from '../../src/raft/types.js';
import { ids, log, sheet } from './referee-helpers.js';

const C = ids(8);
const ON: StepOptions = { maxEntries: 4, preVote: true };
const OFF: StepOptions = { maxEntries: 4 };
const pv = (term: number, from = 'i8', last = 8, lastTerm = 3): PreVote => ({ type: 'PreVote', term, candidateId: from, lastLogIndex: last, lastLogTerm: lastTerm });
const reply = (term: number, voteGranted: boolean): PreVoteReply => ({ type: 'PreVoteReply', term, voteGranted });

describe('R24: a fired timer asks for pre-votes first', () => {
  const i8 = sheet('i8', C, { votes: 'i1 - -', log: 't1:High t3:␣vol' });

  it('keeps the term and the vote cells, counts its own pre-vote and sends PreVote for term + 1 to everyone', () => {
    const r = step(i8, { kind: 'timeout' }, ON);
    expect(currentTerm(r.state)).toBe(3);
    expect(r.state.votes).toEqual(['i1', null, null]);
    expect(r.state.role).toBe('follower');
    expect(r.state.preVotes).toEqual(['i8']);
    expect(r.send.map((o) => o.to)).toEqual(C.filter((x) => x !== 'i8'));
    for (const o of r.send) expect(o.message).toEqual(pv(4));
    expect(r.resetTimer).toBe(true);
  });

  it('fired again and again (cut off), the term never climbs', () => {
    let s: ServerState = i8;
    for (let k = 0; k < 5; k++) s = step(s, { kind: 'timeout' }, ON).state;
    expect(currentTerm(s)).toBe(3);
    expect(s.preVotes).toEqual(['i8']);
  });

  it('a candidate whose election times out also goes back to asking, without a new term', () => {
    const cand = sheet('i8', C, { votes: '- - i8', role: 'candidate', votesGranted: ['i8', 'i5'] });
    const r = step(cand, { kind: 'timeout' }, ON);
    expect(r.state).toMatchObject({ role: 'follower', votesGranted: [], preVotes: ['i8'], votes: [null, null, 'i8'] });
    expect((r.send[0].message as PreVote).term).toBe(4);
  });

  it('forgets the leader it heard from (R27); a leader never asks for pre-votes (its timer is R28\'s check)', () => {
    expect(step(sheet('i2', C, { votes: '- - i4', leader: 'i4' }), { kind: 'timeout' }, ON).state.leader).toBeUndefined();
    const leader = sheet('i4', C, { votes: '- - i4', role: 'leader' });
    expect(step(leader, { kind: 'timeout' }, ON).send).toEqual([]);
  });

  it('without pre-vote the timer starts term + 1 as in Figure 2 (R8), with no pre-vote cells', () => {
    const r = step(i8, { kind: 'timeout' }, OFF);
    expect(currentTerm(r.state)).toBe(4);
    expect(r.state.preVotes).toBeUndefined();
    expect(r.send[0].message.type).toBe('RequestVote');
  });
});

describe('R25: answering a PreVote changes nothing', () => {
  it('grants when the term asked for is higher, the log up-to-date and no leader is heard; term, vote, timer untouched', () => {
    const i5 = sheet('i5', C, { votes: '- - -', log: 't1:High t3:␣vol' });
    const r = step(i5, { kind: 'receive', from: 'i8', message: pv(4) }, ON);
    expect(r.state).toBe(i5);
    expect(r.send).toEqual([{ to: 'i8', message: reply(3, true) }]);
    expect(r.resetTimer).toBe(false);
  });

  it('does not adopt the term asked for, even far above its own (R4 does not apply to a PreVote)', () => {
    const i5 = sheet('i5', C, { votes: '- - i4', role: 'leader' });
    const r = step(i5, { kind: 'receive', from: 'i8', message: pv(9, 'i8', 0, 0) }, ON);
    expect(currentTerm(r.state)).toBe(3);
    expect(r.state.role).toBe('leader');
  });

  it('refuses while hearing from a leader, even an up-to-date candidate (leader stickiness)', () => {
    const follower = sheet('i5', C, { votes: '- - i4', log: 't1:High t3:␣vol', leader: 'i4' });
    expect(step(follower, { kind: 'receive', from: 'i8', message: pv(4) }, ON).send[0].message).toEqual(reply(3, false));
    const leader = sheet('i4', C, { votes: '- - i4', log: 't1:High t3:␣vol', role: 'leader' });
    expect(step(leader, { kind: 'receive', from: 'i8', message: pv(4) }, ON).send[0].message).toEqual(reply(3, false));
  });

  it('refuses a less up-to-date log (R10) and a term not above its own', () => {
    const i2 = sheet('i2', C, { votes: '- - -', log: 't1:HighLoad' });
    expect(step(i2, { kind: 'receive', from: 'i8', message: pv(4, 'i8', 4, 1) }, ON).send[0].message).toEqual(reply(3, false));
    expect(step(i2, { kind: 'receive', from: 'i8', message: pv(3, 'i8', 8, 1) }, ON).send[0].message).toEqual(reply(3, false));
  });
});

describe('R26: counting pre-votes', () => {
  const asking = step(sheet('i8', C, { votes: '- - -', log: 't1:High' }), { kind: 'timeout' }, ON).state;
  const req = pv(4, 'i8', 4, 1);
  const take = (s: ServerState, from: string, m: PreVoteReply) => step(s, { kind: 'receive', from, message: m, request: req }, ON);

  it('counts distinct ✔ and at a majority of the cluster starts the real election in the same move (R8)', () => {
    let s = asking;
    for (const from of ['i5', 'i6', 'i6', 'i7']) s = take(s, from, reply(3, true)).state;
    expect(s.preVotes).toEqual(['i8', 'i5', 'i6', 'i7']);
    expect(currentTerm(s)).toBe(3);
    const won = take(s, 'i1', reply(3, true));
    expect(currentTerm(won.state)).toBe(4);
    expect(won.state).toMatchObject({ role: 'candidate', votesGranted: ['i8'], votes: [null, null, null, 'i8'] });
    expect(won.state.preVotes).toBeUndefined();
    expect(won.send).toHaveLength(7);
    expect(won.send[0].message).toEqual({ type: 'RequestVote', term: 4, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 });
  });

  it('a ✗ changes nothing; a higher term is adopted and ends the pre-vote (R4)', () => {
    expect(take(asking, 'i2', reply(3, false)).state).toBe(asking);
    const later = take(asking, 'i2', reply(5, false)).state;
    expect(currentTerm(later)).toBe(5);
    expect(later.preVotes).toBeUndefined();
  });

  it('a reply to another round or after the pre-vote ended is dropped (R6)', () => {
    expect(step(asking, { kind: 'receive', from: 'i5', message: reply(2, true), request: pv(3) }, ON).state).toBe(asking);
    const over = { ...asking };
    delete over.preVotes;
    expect(take(over, 'i5', reply(3, true)).state).toBe(over);
  });
});

describe('R27: hearing a leader', () => {
  const ae = { type: 'AppendEntries' as const, term: 3, leaderId: 'i4', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 };

  it('an AppendEntries of the current term writes the leader and ends a pre-vote', () => {
    const asking = { ...sheet('i8', C, { votes: '- - -' }), preVotes: ['i8', 'i5'] };
    const r = step(asking, { kind: 'receive', from: 'i4', message: ae }, ON);
    expect(r.state.leader).toBe('i4');
    expect(r.state.preVotes).toBeUndefined();
  });

  it('a stale AppendEntries writes nothing; a higher term clears the cell', () => {
    const s = sheet('i2', C, { votes: '- - - -', leader: 'i5' });
    expect(step(s, { kind: 'receive', from: 'i4', message: ae }, ON).state.leader).toBe('i5');
    const rv = { type: 'RequestVote' as const, term: 5, candidateId: 'i3', lastLogIndex: 0, lastLogTerm: 0 };
    expect(step(s, { kind: 'receive', from: 'i3', message: rv }, ON).state.leader).toBeUndefined();
  });

  it('without pre-vote no leader cell is written (games 1–4 keep their sheets)', () => {
    const r = step(sheet('i2', C, { votes: '- - -' }), { kind: 'receive', from: 'i4', message: ae }, OFF);
    expect('leader' in r.state).toBe(false);
  });
});

describe('R28: CheckQuorum — a leader checks it is heard', () => {
  const ae = { type: 'AppendEntries' as const, term: 3, leaderId: 'i4', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 };
  const ok = { type: 'AppendEntriesReply' as const, term: 3, success: true };
  const no = { type: 'AppendEntriesReply' as const, term: 3, success: false };
  const leader = sheet('i4', C, { votes: '- - i4', role: 'leader', nextIndex: Object.fromEntries(C.filter((x) => x !== 'i4').map((p) => [p, 1])), matchIndex: Object.fromEntries(C.filter((x) => x !== 'i4').map((p) => [p, 0])) });
  const read = (s: ServerState, from: string, m = ok) => step(s, { kind: 'receive', from, message: m, request: ae }, ON).state;

  it('notes each follower whose reply of its term it reads, ✔ or ✗, once', () => {
    const s = read(read(read(leader, 'i1'), 'i2', no), 'i1');
    expect(s.heard).toEqual(['i1', 'i2']);
  });

  it('heard from a majority (itself included): stays leader and counts again', () => {
    let s = leader;
    for (const p of ['i1', 'i2', 'i3', 'i5']) s = read(s, p);
    const r = step(s, { kind: 'timeout' }, ON);
    expect(r.state.role).toBe('leader');
    expect(r.state.heard).toEqual([]);
    expect(r.send).toEqual([]);
  });

  it('heard from a minority: steps down in the same term, vote cell unchanged', () => {
    const s = read(read(leader, 'i1'), 'i2');
    const r = step(s, { kind: 'timeout' }, ON);
    expect(r.state).toMatchObject({ role: 'follower', votes: [null, null, 'i4'], nextIndex: {}, matchIndex: {} });
    expect(r.state.heard).toBeUndefined();
    expect(r.send).toEqual([]);
  });

  it('a stale reply is not counted (R6); without pre-vote a leader ignores its timer (R8) and notes nothing', () => {
    const stale = step(leader, { kind: 'receive', from: 'i1', message: { ...ok, term: 2 }, request: { ...ae, term: 2 } }, ON).state;
    expect(stale.heard).toBeUndefined();
    expect(step(leader, { kind: 'timeout' }, OFF).state).toBe(leader);
    expect('heard' in step(leader, { kind: 'receive', from: 'i1', message: ok, request: ae }, OFF).state).toBe(false);
  });
});
