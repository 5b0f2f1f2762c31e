/** The referee on membership moves (docs/rules-extended.md R33–R38): M28–M32 named and explained. */
import { describe, expect, it } from 'vitest';
import { referee } from '../../src/raft/referee.js';
import { step } from '../../src/raft/step.js';
import type { AppendEntries, Entry, Input, RequestVote, ServerState, StepOptions } from '../../src/raft/types.js';
import { edit, ids, sheet } from './referee-helpers.js';

const C9 = ids(9);
const ON: StepOptions = { maxEntries: 4, initialConfig: ids(8) };
const cfg = (term: number, value: string): Entry => ({ term, value });

/** i1 leads t1 with "Raft" committed on everyone, i9 caught up (R35). */
function leader(extra: Partial<ServerState> = {}): ServerState {
  const peers = C9.filter((p) => p !== 'i1');
  return {
    ...sheet('i1', C9, { votes: 'i1', role: 'leader', log: 't1:Raft', commitIndex: 4, lastApplied: 4 }),
    nextIndex: Object.fromEntries(peers.map((p) => [p, 5])),
    matchIndex: Object.fromEntries(peers.map((p) => [p, 4])),
    ...extra,
  };
}
const appendCard = (prev: number, entries: Entry[]): AppendEntries => ({ type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: prev, prevLogTerm: 1, entries, leaderCommit: 4 });
const ack = (from: string, request: AppendEntries): Input => ({ kind: 'receive', from, message: { type: 'AppendEntriesReply', term: 1, success: true }, request });

/** i2, i3 and i4 acknowledge `card`, then the leader reads i9's ✔ and writes commitIndex 4: what the referee says of that. */
function commitFourOnI9sAck(before: ServerState, card: AppendEntries) {
  let s = before;
  for (const p of ['i2', 'i3', 'i4']) s = step(s, ack(p, card), ON).state;
  const input = ack('i9', card);
  const wrong = edit(s, input, (x) => {
    x.state.commitIndex = 4;
    x.state.lastApplied = 4;
  }, ON);
  return referee(s, input, wrong, ON);
}

describe('referee with membership changes on', () => {
  it('a correct change, a learner\'s correct move and a correct count are accepted', () => {
    const add: Input = { kind: 'client', value: '+i9' };
    expect(referee(leader(), add, step(leader(), add, ON), ON)).toEqual([]);
    const i9 = sheet('i9', C9, { votes: 'i1', log: 't1:Raft' });
    expect(referee(i9, { kind: 'timeout' }, step(i9, { kind: 'timeout' }, ON), ON)).toEqual([]);
  });

  it('R33: +i9 written as three letters is named, with the one-entry rule', () => {
    const add: Input = { kind: 'client', value: '+i9' };
    const letters = step(leader(), add); // what Figure 2 would write
    const m = referee(leader(), add, letters, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R33', field: 'log' })]);
    expect(m[0].explain.en).toContain('one configuration entry');
  });

  it('M30: a second change while +i9 is not committed', () => {
    const s = step(leader(), { kind: 'client', value: '+i9' }, ON).state;
    const input: Input = { kind: 'client', value: '-i4' };
    const wrong = edit(s, input, (x) => void x.state.log.push(cfg(1, '-i4')), ON);
    const m = referee(s, input, wrong, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R36', mistake: 'M30', field: 'log' })]);
    expect(m[0].explain.en).toContain('+i9 at index 5');
    expect(m[0].explain.ru).toContain('твоём журнале');
  });

  it('M31: a new leader changes the configuration before committing an entry of its term', () => {
    const s = leader({ votes: [null, 'i1'] });
    const input: Input = { kind: 'client', value: '+i9' };
    const wrong = edit(s, input, (x) => void x.state.log.push(cfg(2, '+i9')), ON);
    const m = referee(s, input, wrong, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R37', mistake: 'M31' })]);
    expect(m[0].explain.en).toContain('raft-dev');
  });

  it('R35: adding i9 before it has caught up is named', () => {
    const s = leader({ matchIndex: { ...leader().matchIndex, i9: 1 } });
    const input: Input = { kind: 'client', value: '+i9' };
    const wrong = edit(s, input, (x) => void x.state.log.push(cfg(1, '+i9')), ON);
    expect(referee(s, input, wrong, ON)).toEqual([expect.objectContaining({ rule: 'R35', field: 'log' })]);
  });

  it('M29: a learner whose timer fires starts an election', () => {
    const i9 = sheet('i9', C9, { votes: 'i1', log: 't1:Raft' });
    const figure2 = step(i9, { kind: 'timeout' });
    const m = referee(i9, { kind: 'timeout' }, figure2, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R35', mistake: 'M29', field: 'currentTerm' })]);
  });

  it('M29: counting the learner i9\'s ✔ before +i9 commits an entry', () => {
    const s = step(leader({ commitIndex: 0, lastApplied: 0, matchIndex: Object.fromEntries(C9.slice(1).map((p) => [p, 0])) }), { kind: 'client', value: 'x' }, ON).state;
    const m = commitFourOnI9sAck(s, appendCard(0, s.log.slice(0, 4)));
    expect(m).toEqual([expect.objectContaining({ rule: 'R34', mistake: 'M29', field: 'commitIndex' })]);
    expect(m[0].explain.en).toContain('i9 is not one');
  });

  it('M28: after +i9 is in the log, leaving i9\'s ✔ out of the count', () => {
    const s = step(leader(), { kind: 'client', value: '+i9' }, ON).state;
    const m = commitFourOnI9sAck(s, appendCard(4, [cfg(1, '+i9')]));
    expect(m).toEqual([expect.objectContaining({ rule: 'R34', mistake: 'M28', field: 'commitIndex', expected: 5, given: 4 })]);
    expect(m[0].explain.en).toContain('5 of 9');
  });

  it('M28: a candidate with +i9 in its log that does not count i9\'s vote', () => {
    const i2 = sheet('i2', C9, { votes: '- i2', role: 'candidate', votesGranted: ['i2', 'i3', 'i4', 'i5'], log: 't1:Raft' });
    i2.log = [...i2.log, cfg(1, '+i9')];
    const rv: RequestVote = { type: 'RequestVote', term: 2, candidateId: 'i2', lastLogIndex: 5, lastLogTerm: 1 };
    const input: Input = { kind: 'receive', from: 'i9', message: { type: 'RequestVoteReply', term: 2, voteGranted: true }, request: rv };
    const wrong = edit(i2, input, (x) => {
      x.state.role = 'candidate';
      x.state.votesGranted = ['i2', 'i3', 'i4', 'i5', 'i9'];
      x.state.nextIndex = {};
      x.state.matchIndex = {};
    }, ON);
    const m = referee(i2, input, wrong, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R34', mistake: 'M28', field: 'role' })]);
  });

  it('M32: a removed leader stays leader once its removal is committed, or steps down before', () => {
    let s = step(leader(), { kind: 'client', value: '-i1' }, ON).state;
    const card = appendCard(4, [cfg(1, '-i1')]);
    for (const p of ['i2', 'i3', 'i4']) s = step(s, ack(p, card), ON).state;
    const input = ack('i5', card);
    const stays = edit(s, input, (x) => {
      x.state.role = 'leader';
      x.state.nextIndex = s.nextIndex;
      x.state.matchIndex = { ...s.matchIndex, i5: 5 };
    }, ON);
    const m = referee(s, input, stays, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R38', mistake: 'M32', field: 'role', expected: 'follower', given: 'leader' })]);
    const early = step(leader(), { kind: 'client', value: '-i1' }, ON).state;
    const send: Input = { kind: 'send', to: ['i2'] };
    const quits = edit(early, send, (x) => {
      x.state.role = 'follower';
      x.state.nextIndex = {};
      x.state.matchIndex = {};
    }, ON);
    const m2 = referee(early, send, quits, ON);
    expect(m2[0]).toMatchObject({ rule: 'R38', mistake: 'M32', expected: 'leader', given: 'follower' });
    expect(m2[0].explain.en).toContain('not committed yet');
  });
});

describe('referee with membership changes on: counts and commits of the configuration, not the sheet', () => {
  it('a candidate of i1…i8 (i9 a learner) that takes 4 votes for a majority hears of R34 with 8 members, not R11 of 9', () => {
    const c = sheet('i1', C9, { votes: 'i1', role: 'candidate', votesGranted: ['i1', 'i2', 'i3'] });
    const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };
    const input: Input = { kind: 'receive', from: 'i4', message: { type: 'RequestVoteReply', term: 1, voteGranted: true }, request: rv };
    const wrong = edit(c, input, (x) => {
      x.state.role = 'leader';
      x.state.votesGranted = [];
    }, ON);
    const m = referee(c, input, wrong, ON);
    expect(m).toEqual([expect.objectContaining({ rule: 'R34', field: 'role', expected: 'candidate', given: 'leader' })]);
    expect(m[0].explain.en).toContain('4 of 8');
  });

  it("a follower's commitIndex mistake stays R19's, membership on or off", () => {
    const f = sheet('i2', C9, { votes: 'i1', log: 't1:Raft' });
    const card = appendCard(4, [cfg(1, '+i9')]);
    const input: Input = { kind: 'receive', from: 'i1', message: card };
    const wrong = edit(f, input, (x) => {
      x.state.commitIndex = 5;
      x.state.lastApplied = 5;
    }, ON);
    const m = referee(f, input, wrong, ON);
    expect(m.length).toBeGreaterThan(0);
    expect(m.map((x) => x.rule)).not.toContain('R34');
    expect(m.map((x) => x.rule)).toEqual(referee(f, input, wrong).map((x) => x.rule)); // as in Figure 2
  });
});
