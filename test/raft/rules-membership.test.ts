/**
 * docs/rules-extended.md R33–R38 (membership changes, Ongaro's dissertation §4.1–§4.2 and the
 * raft-dev correction of 2015) on the reference step(), and that without the option nothing of it
 * happens (games 1–5 stay as they were).
 */
import { describe, expect, it } from 'vitest';
import { currentTerm } from '../../src/raft/log.js';
import { configAt, configChange, standing, votersOf } from '../../src/raft/membership.js';
import { step } from '../../src/raft/step.js';
import type { AppendEntries, Entry, ServerState, StepOptions } from '../../src/raft/types.js';
import { Cluster, ids, log, recv, reply, sheet } from './referee-helpers.js';

const C9 = ids(9);
const EIGHT = ids(8);
const ON: StepOptions = { maxEntries: 4, initialConfig: EIGHT };
const OFF: StepOptions = { maxEntries: 4 };
const cfg = (term: number, value: string): Entry => ({ term, value });
const leaderOf = (extra: Partial<ServerState> = {}): ServerState => {
  const base = sheet('i1', C9, { votes: 'i1', role: 'leader', log: 't1:Raft', commitIndex: 4, lastApplied: 4 });
  const peers = C9.filter((p) => p !== 'i1');
  return {
    ...base,
    nextIndex: Object.fromEntries(peers.map((p) => [p, 5])),
    matchIndex: Object.fromEntries(peers.map((p) => [p, 4])),
    ...extra,
  };
};

describe('R34/R35: where a server stands in a log\'s configuration (the sheet\'s header says it)', () => {
  const on = { maxEntries: 4, initialConfig: EIGHT };
  it('a member; i9 a learner until +i9; i1 removed after -i1; i9 removed after +i9 then -i9', () => {
    const s = sheet('i2', C9, { log: 't1:Raft' });
    expect(standing(s, 'i2', on)).toBe('member');
    expect(standing(s, 'i9', on)).toBe('learner');
    const changed = { ...s, log: [...s.log, cfg(1, '+i9'), cfg(1, '-i1')] };
    expect(standing(changed, 'i9', on)).toBe('member');
    expect(standing(changed, 'i1', on)).toBe('removed');
    expect(standing({ ...changed, log: [...changed.log, cfg(2, '-i9')] }, 'i9', on)).toBe('removed');
  });
});

describe('R33: a configuration entry is one log cell', () => {
  it('a leader given +i9 appends one entry +i9 of its term (not three letters)', () => {
    const r = step(leaderOf(), { kind: 'client', value: '+i9' }, ON);
    expect(r.state.log.at(-1)).toEqual(cfg(1, '+i9'));
    expect(r.state.log).toHaveLength(5);
  });

  it('without membership changes +i9 is three letters, as any client message (Figure 2)', () => {
    const r = step(leaderOf(), { kind: 'client', value: '+i9' }, OFF);
    expect(r.state.log.slice(4).map((e) => e.value)).toEqual(['+', 'i', '9']);
  });

  it('reads +iN and -iN only', () => {
    expect(configChange('+i9')).toEqual({ op: '+', server: 'i9' });
    expect(configChange('-i4')).toEqual({ op: '-', server: 'i4' });
    expect(configChange('i')).toBeNull();
    expect(configChange('+')).toBeNull();
  });
});

describe('R34: the latest configuration in the log counts, committed or not', () => {
  it('the configuration follows the log entries in order', () => {
    const l = [...log('t1:ab'), cfg(1, '+i9'), cfg(2, '-i4')];
    expect(configAt(l, 2, EIGHT)).toEqual(EIGHT);
    expect(configAt(l, 3, EIGHT)).toEqual(C9);
    expect(configAt(l, 4, EIGHT)).toEqual(C9.filter((x) => x !== 'i4'));
  });

  it('a follower uses +i9 as soon as it appends it, before it is committed', () => {
    const f = sheet('i2', C9, { votes: 'i1', log: 't1:Raft', commitIndex: 4 });
    const card: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: [cfg(1, '+i9')], leaderCommit: 4 };
    const after = step(f, recv('i1', card), ON).state;
    expect(after.commitIndex).toBe(4);
    expect(votersOf(after, ON)).toEqual(C9);
  });

  it('after +i9 the leader needs 5 of 9: 4 of 8 acknowledgements plus its own do not commit without i9 counted', () => {
    let s = step(leaderOf(), { kind: 'client', value: '+i9' }, ON).state;
    const card = (to: string): AppendEntries => ({ type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: [cfg(1, '+i9')], leaderCommit: 4 });
    for (const p of ['i2', 'i3', 'i4']) s = step(s, reply(p, { type: 'AppendEntriesReply', term: 1, success: true }, card(p)), ON).state;
    expect(s.commitIndex).toBe(4); // 4 of 9
    s = step(s, reply('i9', { type: 'AppendEntriesReply', term: 1, success: true }, card('i9')), ON).state;
    expect(s.commitIndex).toBe(5); // 5 of 9, i9 counted
  });

  it('a candidate with +i9 in its log asks i9 too and needs 5 of 9 votes', () => {
    const f = sheet('i2', C9, { votes: 'i1', log: 't1:Raft', commitIndex: 4 });
    f.log = [...f.log, cfg(1, '+i9')];
    const r = step(f, { kind: 'timeout' }, ON);
    expect(r.send.map((o) => o.to)).toEqual(C9.filter((x) => x !== 'i2'));
    let s = r.state;
    const rvCard = r.send[0].message;
    for (const p of ['i3', 'i4', 'i5']) s = step(s, reply(p, { type: 'RequestVoteReply', term: 2, voteGranted: true }, rvCard as never), ON).state;
    expect(s.role).toBe('candidate'); // 4 of 9
    s = step(s, reply('i9', { type: 'RequestVoteReply', term: 2, voteGranted: true }, rvCard as never), ON).state;
    expect(s.role).toBe('leader');
  });

  it('a truncated configuration entry stops counting (R18): the server is back to the configuration before it', () => {
    const f = sheet('i2', C9, { votes: '- i3', log: 't1:Raft' });
    f.log = [...f.log, cfg(1, '+i9')];
    const card: AppendEntries = { type: 'AppendEntries', term: 2, leaderId: 'i3', prevLogIndex: 4, prevLogTerm: 1, entries: [cfg(2, 'x')], leaderCommit: 0 };
    expect(votersOf(step(f, recv('i3', card), ON).state, ON)).toEqual(EIGHT);
  });
});

describe('R35: a learner catches up and does not vote or count', () => {
  it('the leader sends AppendEntries to the learner i9 and the learner appends like any follower', () => {
    const r = step(leaderOf(), { kind: 'send', to: ['i9'] }, ON);
    expect(r.send.map((o) => o.to)).toEqual(['i9']);
    const i9 = sheet('i9', C9);
    const card = { ...(r.send[0].message as AppendEntries), prevLogIndex: 0, prevLogTerm: 0, entries: log('t1:Raft') };
    const after = step(i9, recv('i1', card), ON);
    expect(after.state.log).toHaveLength(4);
    expect(after.send[0].message).toMatchObject({ success: true });
  });

  it('a learner whose timer fires starts no election', () => {
    const i9 = sheet('i9', C9, { votes: 'i1', log: 't1:Raft' });
    const r = step(i9, { kind: 'timeout' }, ON);
    expect(r.state).toEqual(i9);
    expect(r.send).toEqual([]);
  });

  it('a candidate of the 8 does not ask the learner and wins with 5 of 8', () => {
    const c = new Cluster(C9, ON);
    const cards = c.move('i1', { kind: 'timeout' });
    expect(cards.map((o) => o.to)).toEqual(EIGHT.filter((x) => x !== 'i1'));
    c.elect('i2', ['i3', 'i4', 'i5', 'i6']);
    expect(c.s.i2.role).toBe('leader');
  });

  it('an acknowledgement from the learner does not count before +i9', () => {
    let s = leaderOf({ matchIndex: { ...leaderOf().matchIndex, i2: 0, i3: 0, i4: 0, i5: 0, i6: 0, i7: 0, i8: 4, i9: 4 }, commitIndex: 0, lastApplied: 0 });
    s = step(s, { kind: 'client', value: 'x' }, ON).state;
    const card: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 0, prevLogTerm: 0, entries: s.log.slice(0, 4), leaderCommit: 0 };
    for (const p of ['i2', 'i3', 'i9']) s = step(s, reply(p, { type: 'AppendEntriesReply', term: 1, success: true }, card), ON).state;
    expect(s.commitIndex).toBe(0); // i1, i2, i3, i8 of 8 (i9 not counted): 4 < 5
  });

  it('+i9 is refused (nothing written) until i9 holds every committed entry', () => {
    const behind = leaderOf({ matchIndex: { ...leaderOf().matchIndex, i9: 2 } });
    expect(step(behind, { kind: 'client', value: '+i9' }, ON).state).toEqual(behind);
  });
});

describe('R36: one change at a time', () => {
  it('a second change is refused while the first is not committed', () => {
    const s = step(leaderOf(), { kind: 'client', value: '+i9' }, ON).state;
    expect(s.commitIndex).toBe(4);
    expect(step(s, { kind: 'client', value: '-i4' }, ON).state).toEqual(s);
  });

  it('once the first is committed, the next change is appended', () => {
    const s = leaderOf({ log: [...log('t1:Raft'), cfg(1, '+i9')], commitIndex: 5, lastApplied: 5 });
    expect(step(s, { kind: 'client', value: '-i4' }, ON).state.log.at(-1)).toEqual(cfg(1, '-i4'));
  });

  it('adding a member or removing a non-member changes nothing', () => {
    const s = leaderOf();
    expect(step(s, { kind: 'client', value: '+i4' }, ON).state).toEqual(s);
    expect(step(s, { kind: 'client', value: '-i9' }, ON).state).toEqual(s);
  });
});

describe('R37: a new leader commits an entry of its term before a change (raft-dev 2015)', () => {
  it('a leader of t2 whose commitIndex is on a t1 entry refuses +i9; after a t2 letter commits it appends it', () => {
    const s = leaderOf({ votes: [null, 'i1'], commitIndex: 4, lastApplied: 4 });
    expect(currentTerm(s)).toBe(2);
    expect(step(s, { kind: 'client', value: '+i9' }, ON).state).toEqual(s);
    const withLetter = { ...s, log: [...s.log, { term: 2, value: 'x' }], commitIndex: 5, lastApplied: 5, matchIndex: Object.fromEntries(Object.keys(s.matchIndex).map((p) => [p, 5])) };
    expect(step(withLetter, { kind: 'client', value: '+i9' }, ON).state.log.at(-1)).toEqual(cfg(2, '+i9'));
  });
});

describe('R38: a removed leader steps down once its removal is committed', () => {
  it('after -i1 the leader keeps leading, counts itself no more, and steps down at the commit', () => {
    let s = step(leaderOf(), { kind: 'client', value: '-i1' }, ON).state;
    expect(s.role).toBe('leader');
    const card: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: [cfg(1, '-i1')], leaderCommit: 4 };
    for (const p of ['i2', 'i3', 'i4']) s = step(s, reply(p, { type: 'AppendEntriesReply', term: 1, success: true }, card), ON).state;
    expect(s.role).toBe('leader'); // 3 of the 7 remaining; it does not count itself
    s = step(s, reply('i5', { type: 'AppendEntriesReply', term: 1, success: true }, card), ON).state;
    expect(s).toMatchObject({ role: 'follower', commitIndex: 5, votes: ['i1'], nextIndex: {}, matchIndex: {} });
  });

  it('the removed server, told of the commit, is a non-member and starts no election', () => {
    const i1 = sheet('i1', C9, { votes: 'i1', log: 't1:Raft', commitIndex: 5 });
    i1.log = [...i1.log, cfg(1, '-i1')];
    expect(step(i1, { kind: 'timeout' }, ON).send).toEqual([]);
  });
});
