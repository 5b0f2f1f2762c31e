/** The referee on pre-vote moves (docs/rules-extended.md): M20–M23 and R27, named and explained. */
import { describe, expect, it } from 'vitest';
import { referee } from '../../src/raft/referee.js';
import { step } from '../../src/raft/step.js';
import type { Input, PreVote, StepOptions } from '../../src/raft/types.js';
import { edit, ids, sheet } from './referee-helpers.js';

const C = ids(8);
const ON: StepOptions = { maxEntries: 4, preVote: true };
const pv = (term: number, last = 8, lastTerm = 3): PreVote => ({ type: 'PreVote', term, candidateId: 'i8', lastLogIndex: last, lastLogTerm: lastTerm });

describe('referee with pre-vote on', () => {
  it('a correct pre-vote move is accepted, cards in any order', () => {
    const i8 = sheet('i8', C, { votes: '- - i4', log: 't1:High t3:␣vol' });
    const right = step(i8, { kind: 'timeout' }, ON);
    expect(referee(i8, { kind: 'timeout' }, { state: right.state, send: [...right.send].reverse() }, ON)).toEqual([]);
  });

  it('M20: starting term 4 with RequestVote when the timer fires', () => {
    const i8 = sheet('i8', C, { votes: '- - i4', log: 't1:High t3:␣vol' });
    const figure2 = step(i8, { kind: 'timeout' }); // what a game 1–4 player would write
    const m = referee(i8, { kind: 'timeout' }, figure2, ON);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ rule: 'R24', mistake: 'M20', field: 'currentTerm', expected: 3, given: 4 });
    expect(m[0].explain.en).toContain('PreVote');
    expect(m[0].explain.ru).toContain('ты');
  });

  it('M21: a follower adopts the PreVote term and a leader steps down for it', () => {
    const leader = sheet('i4', C, { votes: '- - i4', role: 'leader', log: 't1:High t3:␣vol' });
    const input: Input = { kind: 'receive', from: 'i8', message: pv(7) };
    const wrong = edit(leader, input, (x) => {
      x.state.votes = ['-', '-', 'i4', null, null, null, null].map((v) => (v === '-' ? null : v));
      x.state.role = 'follower';
      x.send = [{ to: 'i8', message: { type: 'PreVoteReply', term: 7, voteGranted: false } }];
    }, ON);
    const m = referee(leader, input, wrong, ON);
    expect(m[0]).toMatchObject({ rule: 'R25', mistake: 'M21', field: 'currentTerm', expected: 3, given: 7 });
    expect(m.filter((x) => x.mistake === 'M21')).toHaveLength(1);
  });

  it('M22: granting an up-to-date server a pre-vote while hearing from the leader', () => {
    const i5 = sheet('i5', C, { votes: '- - i4', log: 't1:High t3:␣vol', leader: 'i4' });
    const input: Input = { kind: 'receive', from: 'i8', message: pv(4) };
    const wrong = edit(i5, input, (x) => void (x.send = [{ to: 'i8', message: { type: 'PreVoteReply', term: 3, voteGranted: true } }]), ON);
    const m = referee(i5, input, wrong, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R25', mistake: 'M22', expected: false, given: true })]);
    expect(m[0].explain.en).toContain('leader i4');
  });

  it('R25: refusing a pre-vote it should grant is explained by the three conditions', () => {
    const i5 = sheet('i5', C, { votes: '- - -', log: 't1:High' });
    const input: Input = { kind: 'receive', from: 'i8', message: pv(4) };
    const wrong = edit(i5, input, (x) => void (x.send = [{ to: 'i8', message: { type: 'PreVoteReply', term: 3, voteGranted: false } }]), ON);
    const m = referee(i5, input, wrong, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R25' })]);
    expect(m[0].mistake).toBeUndefined();
  });

  it('M23: becoming a candidate on 4 of 8 pre-votes, and not starting at 5', () => {
    const asking = { ...sheet('i8', C, { votes: '- - -', log: 't1:High' }), preVotes: ['i8', 'i5', 'i6'] };
    const request = pv(4, 4, 1);
    const input: Input = { kind: 'receive', from: 'i7', message: { type: 'PreVoteReply', term: 3, voteGranted: true }, request };
    const early = step(asking, { kind: 'timeout' }); // term 4, candidate, RequestVote: too early
    expect(referee(asking, input, early, ON)[0]).toMatchObject({ rule: 'R26', mistake: 'M23' });
    const four = step(asking, input, ON).state;
    const fifth: Input = { kind: 'receive', from: 'i1', message: { type: 'PreVoteReply', term: 3, voteGranted: true }, request };
    const stayed = { state: { ...four, preVotes: [...four.preVotes!, 'i1'] }, send: [] };
    const m = referee(four, fifth, stayed, ON);
    expect(m[0]).toMatchObject({ rule: 'R26', mistake: 'M23', field: 'role', expected: 'candidate', given: 'follower' });
  });

  it('R27: forgetting to write the leader heard from', () => {
    const i2 = sheet('i2', C, { votes: '- - -' });
    const input: Input = { kind: 'receive', from: 'i4', message: { type: 'AppendEntries', term: 3, leaderId: 'i4', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 } };
    const wrong = edit(i2, input, (x) => void delete x.state.leader, ON);
    expect(referee(i2, input, wrong, ON)).toEqual([expect.objectContaining({ rule: 'R27', field: 'leader', expected: 'i4', given: null })]);
  });
});

describe('referee: CheckQuorum (R28)', () => {
  it('a leader that stays leader when it heard only from a minority is told why it must step down', () => {
    const leader = { ...sheet('i4', C, { votes: '- - i4', role: 'leader' }), heard: ['i1'] };
    const stays = { state: { ...leader, heard: [] }, send: [] };
    const m = referee(leader, { kind: 'timeout' }, stays, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R28', field: 'role', expected: 'follower', given: 'leader' })]);
    expect(m[0].explain.en).toContain('2 of 8');
  });
});
