/**
 * RAFT-RULES.md section D (log replication, R15–R18, R20, R21) on the reference step() and
 * mergeEntries(). Tables re-express etcd raft_paper_test.go TestLeaderStartReplication,
 * TestFollowerCheckMsgApp, TestFollowerAppendEntries, log_test.go TestFindConflict /
 * TestLogMaybeAppend and raft_test.go TestLeaderAppResp, with the paper's conventions.
 */
import { describe, expect, it } from 'vitest';
import { mergeEntries, step } from '../../src/raft/step.js';
import type { AppendEntries, AppendEntriesReply, Entry } from '../../src/raft/types.js';
import { ae, entries, leader, recv, sheet } from './rules-harness.js';

const C3 = ['i1', 'i2', 'i3'];
const C5 = ['i1', 'i2', 'i3', 'i4', 'i5'];
const ok = (term: number): AppendEntriesReply => ({ type: 'AppendEntriesReply', term, success: true });
const fail = (term: number): AppendEntriesReply => ({ type: 'AppendEntriesReply', term, success: false });

describe('R15 — only the leader accepts client letters', () => {
  it('R15: the leader appends (lastLogIndex + 1, currentTerm, letter)', () => {
    const s = leader('i1', C3, 3, entries([1, 1]));
    const r = step(s, { kind: 'client', value: 'H' });
    expect(r.state.log).toEqual([...entries([1, 1]), { term: 3, value: 'H' }]);
    expect(r.send).toEqual([]);
    expect(r.state.commitIndex).toBe(0);
  });

  it('R15: a follower and a candidate ignore a client letter', () => {
    for (const role of ['follower', 'candidate'] as const) {
      const s = sheet('i2', C3, { term: 3, role, log: entries([1]) });
      expect(step(s, { kind: 'client', value: 'x' }).state).toBe(s);
    }
  });

  it('R15 + R22: in a one-server cluster the leader commits and applies its letter at once', () => {
    let s = step(sheet('i1', ['i1']), { kind: 'timeout' }).state;
    expect(s.role).toBe('leader');
    s = step(s, { kind: 'client', value: 'H' }).state;
    expect(s.commitIndex).toBe(1);
    expect(s.lastApplied).toBe(1);
  });
});

describe('R16 — what an AppendEntries card carries', () => {
  it('R16 (etcd TestLeaderStartReplication): prev = nextIndex − 1, its term, the entries from nextIndex, leaderCommit', () => {
    const s = leader('i1', C3, 2, entries([1, 1, 2, 2]), { nextIndex: { i2: 3, i3: 5 }, matchIndex: { i2: 2, i3: 4 }, commitIndex: 2 });
    const r = step(s, { kind: 'send', to: ['i2', 'i3'] });
    expect(r.send).toEqual([
      { to: 'i2', message: ae(2, 'i1', 2, 1, entries([1, 1, 2, 2]).slice(2), 2) },
      { to: 'i3', message: ae(2, 'i1', 4, 2, [], 2) },
    ]);
  });

  it('R16: at most maxEntries entries per card (four cells on paper; configurable)', () => {
    const log = entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad');
    const s = leader('i1', C3, 1, log, { nextIndex: { i2: 1, i3: 1 } });
    const four = step(s, { kind: 'send', to: ['i2'] }).send[0].message as AppendEntries;
    expect(four.entries.map((e) => e.value).join('')).toBe('High');
    const two = step(s, { kind: 'send', to: ['i2'] }, { maxEntries: 2 }).send[0].message as AppendEntries;
    expect(two.entries.map((e) => e.value).join('')).toBe('Hi');
    expect(two.prevLogIndex).toBe(0);
    expect(two.prevLogTerm).toBe(0);
  });

  it('R16: no card to itself, to strangers, or from a non-leader', () => {
    const s = leader('i1', C3, 1, entries([1]));
    expect(step(s, { kind: 'send', to: ['i1', 'i9', 'i3'] }).send.map((o) => o.to)).toEqual(['i3']);
    expect(step(sheet('i2', C3, { term: 1 }), { kind: 'send', to: ['i1'] }).send).toEqual([]);
  });

  it('R16: the entries on the card are copies — changing them does not change the leader log', () => {
    const s = leader('i1', C3, 1, entries([1]), { nextIndex: { i2: 1, i3: 1 } });
    const m = step(s, { kind: 'send', to: ['i2'] }).send[0].message as AppendEntries;
    m.entries[0].value = 'X';
    expect(s.log[0].value).toBe('1@1');
  });
});

describe('R17 — the consistency check', () => {
  // etcd TestFollowerCheckMsgApp: follower log terms [1, 2]; (prevLogTerm, prevLogIndex) → success?
  const rows: { prevTerm: number; prevIndex: number; success: boolean }[] = [
    { prevTerm: 0, prevIndex: 0, success: true },
    { prevTerm: 1, prevIndex: 1, success: true },
    { prevTerm: 2, prevIndex: 2, success: true },
    { prevTerm: 1, prevIndex: 2, success: false }, // entry 2 exists with another term
    { prevTerm: 3, prevIndex: 3, success: false }, // no entry at 3 (past the end)
    { prevTerm: 2, prevIndex: 1, success: false },
  ];
  for (const { prevTerm, prevIndex, success } of rows) {
    it(`R17: follower [1, 2], prevLogIndex ${prevIndex} prevLogTerm ${prevTerm} → ${success}`, () => {
      const s = sheet('i2', C3, { term: 3, log: entries([1, 2]), commitIndex: 1 });
      const r = step(s, recv('i1', ae(3, 'i1', prevIndex, prevTerm, [{ term: 3, value: 'x' }], 1)));
      expect(r.send[0].message).toEqual(success ? ok(3) : fail(3));
      if (!success) expect(r.state.log).toEqual(entries([1, 2])); // rejection changes nothing in the log
      if (!success) expect(r.state.commitIndex).toBe(1);
    });
  }

  it('R17 (M7): a heartbeat is checked too — an empty card with a wrong prevLogTerm fails and commits nothing', () => {
    const s = sheet('i2', C3, { term: 3, log: entries([1, 1, 2]) });
    const r = step(s, recv('i1', ae(3, 'i1', 3, 3, [], 3)));
    expect(r.send[0].message).toEqual(fail(3));
    expect(r.state.commitIndex).toBe(0);
  });

  it('R17 (M16): votedFor plays no role — a follower that voted for i3 accepts AppendEntries from i1', () => {
    const s = sheet('i2', C3, { term: 2, votedFor: 'i3' });
    const r = step(s, recv('i1', ae(2, 'i1', 0, 0, entries([2]), 0)));
    expect(r.send[0].message).toEqual(ok(2));
    expect(r.state.votes).toEqual([null, 'i3']);
  });
});

describe('R18 — merging entries: truncate only on conflict', () => {
  // etcd TestFollowerAppendEntries: follower log terms [1, 2]; card (prev, entries) → resulting log.
  const rows: { prevIndex: number; prevTerm: number; sent: number[]; want: number[] }[] = [
    { prevIndex: 2, prevTerm: 2, sent: [3], want: [1, 2, 3] },
    { prevIndex: 1, prevTerm: 1, sent: [3, 4], want: [1, 3, 4] },
    { prevIndex: 0, prevTerm: 0, sent: [1], want: [1, 2] },
    { prevIndex: 0, prevTerm: 0, sent: [3], want: [3] },
  ];
  for (const { prevIndex, prevTerm, sent, want } of rows) {
    it(`R18: follower [1, 2] + (prev ${prevIndex}/${prevTerm}, entries [${sent}]) → [${want}]`, () => {
      const card = sent.map((term, k) => ({ term, value: `${prevIndex + k + 1}@${term}` }));
      const r = step(sheet('i2', C3, { term: 4, log: entries([1, 2]) }), recv('i1', ae(4, 'i1', prevIndex, prevTerm, card, 0)));
      expect(r.state.log.map((e) => e.term)).toEqual(want);
      expect(r.send[0].message).toEqual(ok(4));
    });
  }

  // etcd TestFindConflict / TestLogMaybeAppend on mergeEntries directly: log terms [1, 2, 3].
  const base = entries([1, 2, 3]);
  const mergeRows: { name: string; prev: number; sent: Entry[]; want: number[] }[] = [
    { name: 'no entries', prev: 0, sent: [], want: [1, 2, 3] },
    { name: 'all present from 1', prev: 0, sent: entries([1, 2, 3]), want: [1, 2, 3] },
    { name: 'present 2..3', prev: 1, sent: entries([1, 2, 3]).slice(1), want: [1, 2, 3] },
    { name: 'present 3', prev: 2, sent: entries([1, 2, 3]).slice(2), want: [1, 2, 3] },
    { name: 'present then new', prev: 1, sent: entries([1, 2, 3, 4, 4]).slice(1), want: [1, 2, 3, 4, 4] },
    { name: 'only new', prev: 3, sent: entries([1, 2, 3, 4, 4]).slice(3), want: [1, 2, 3, 4, 4] },
    { name: 'conflict at 1', prev: 0, sent: entries([4, 4]), want: [4, 4] },
    { name: 'conflict at 2', prev: 1, sent: [{ term: 4, value: 'x' }, { term: 4, value: 'y' }], want: [1, 4, 4] },
    { name: 'conflict at 3', prev: 1, sent: [{ term: 2, value: '2@2' }, { term: 4, value: 'z' }], want: [1, 2, 4] },
  ];
  for (const { name, prev, sent, want } of mergeRows) {
    it(`R18 mergeEntries([1, 2, 3], ${prev}, …): ${name} → [${want}]`, () => {
      const out = mergeEntries(base, prev, sent);
      expect(out.map((e) => e.term)).toEqual(want);
      expect(base.map((e) => e.term)).toEqual([1, 2, 3]); // input untouched
      if (want.length === 3 && want.every((t, k) => t === base[k].term)) expect(out).toBe(base);
    });
  }

  it('R18 (M1): a delayed duplicate AppendEntries (High, prev 0) does not cut Load off a follower holding HighLoad', () => {
    const s = sheet('i2', ['i1', 'i2', 'i3'], { term: 1, votes: ['i1'], log: entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad'), commitIndex: 4 });
    const r = step(s, recv('i1', ae(1, 'i1', 0, 0, entries([1, 1, 1, 1], 'High'), 0)));
    expect(r.state.log).toEqual(s.log);
    expect(r.send[0].message).toEqual(ok(1));
    expect(r.state.commitIndex).toBe(4);
  });

  it('R18: reordered cards — the second card arriving first fails, the first then the second both land once', () => {
    const log = entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad');
    const first = ae(1, 'i1', 0, 0, log.slice(0, 4), 0);
    const second = ae(1, 'i1', 4, 1, log.slice(4), 4);
    let s = sheet('i2', C3, { term: 1, votes: ['i1'] });
    const early = step(s, recv('i1', second));
    expect(early.send[0].message).toEqual(fail(1));
    s = step(early.state, recv('i1', first)).state;
    s = step(s, recv('i1', second)).state;
    s = step(s, recv('i1', first)).state; // duplicate again
    expect(s.log).toEqual(log);
    expect(s.commitIndex).toBe(4);
  });

  it('R18 (M14): a heartbeat does not remove a follower’s extra entries', () => {
    const s = sheet('i2', C3, { term: 3, log: entries([1, 1, 2, 2]) });
    const r = step(s, recv('i1', ae(3, 'i1', 2, 1, [], 0)));
    expect(r.state.log).toEqual(entries([1, 1, 2, 2]));
  });

  it('R18 (M13): an uncommitted entry of a higher term is replaced by the leader’s entry of a lower term', () => {
    // The follower holds index 2 of term 3 from a deposed leader; the leader of term 4 has index 2 of term 2.
    const s = sheet('i2', C3, { term: 4, log: entries([1, 3]) });
    const r = step(s, recv('i1', ae(4, 'i1', 1, 1, entries([1, 2]).slice(1), 0)));
    expect(r.state.log).toEqual(entries([1, 2]));
  });

  it('R18 (game 4): i1 overwrites its uncommitted Load (t1) at 5..8 with ␣vol (t3)', () => {
    const s = sheet('i1', ['i1', 'i4'], { votes: ['i1'], log: entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad'), commitIndex: 4 });
    const r = step(s, recv('i4', ae(3, 'i4', 4, 1, entries([3, 3, 3, 3], ' vol'), 0)));
    expect(r.state.log.map((e) => e.value).join('')).toBe('High vol');
    expect(r.state.log.map((e) => e.term)).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
  });
});

describe('R20 — a success reply acknowledges exactly what its request covered', () => {
  it('R20 (M11): the leader wrote more since sending; matchIndex = prevLogIndex + len(entries) of the answered card', () => {
    let s = leader('i1', C3, 2, entries([2, 2]), { nextIndex: { i2: 1, i3: 1 } });
    const card = step(s, { kind: 'send', to: ['i2'] }).send[0].message as AppendEntries;
    s = step(step(s, { kind: 'client', value: 'c' }).state, { kind: 'client', value: 'd' }).state;
    s = step(s, recv('i2', ok(2), card)).state;
    expect(s.log.length).toBe(4);
    expect(s.matchIndex.i2).toBe(2);
    expect(s.nextIndex.i2).toBe(3);
  });

  it('R20: a successful heartbeat acknowledges prevLogIndex', () => {
    const s = leader('i1', C3, 2, entries([2, 2, 2]), { nextIndex: { i2: 3, i3: 4 } });
    const after = step(s, recv('i2', ok(2), ae(2, 'i1', 2, 2, [], 0))).state;
    expect(after.matchIndex.i2).toBe(2);
    expect(after.nextIndex.i2).toBe(3);
  });
});

describe('R21 — the leader handles replies of its own term', () => {
  // etcd TestLeaderAppResp re-expressed: leader log [1..3] of term 2, nextIndex 4, matchIndex 0.
  const rows: { name: string; request: AppendEntries; success: boolean; match: number; next: number; start?: { next: number; match: number } }[] = [
    { name: 'failure steps back by one', request: ae(2, 'i1', 3, 2), success: false, match: 0, next: 3 },
    { name: 'success of 1..3 sets match 3, next 4', request: ae(2, 'i1', 0, 0, entries([2, 2, 2])), success: true, match: 3, next: 4 },
    { name: 'success of a heartbeat at 2', request: ae(2, 'i1', 2, 2), success: true, match: 2, next: 3 },
    { name: 'a late success of 1 does not lower match 3 (M11)', request: ae(2, 'i1', 0, 0, entries([2])), success: true, match: 3, next: 4, start: { next: 4, match: 3 } },
    { name: 'a delayed failure never pushes next below match + 1', request: ae(2, 'i1', 1, 2), success: false, match: 2, next: 3, start: { next: 3, match: 2 } },
    { name: 'floor 1 (M12)', request: ae(2, 'i1', 0, 0), success: false, match: 0, next: 1, start: { next: 1, match: 0 } },
  ];
  for (const { name, request, success, match, next, start } of rows) {
    it(`R21: ${name}`, () => {
      const s = leader('i1', C3, 2, entries([2, 2, 2]), start ? { nextIndex: { i2: start.next, i3: 4 }, matchIndex: { i2: start.match, i3: 0 } } : {});
      const after = step(s, recv('i2', success ? ok(2) : fail(2), request)).state;
      expect(after.matchIndex.i2).toBe(match);
      expect(after.nextIndex.i2).toBe(next);
      expect(after.role).toBe('leader');
    });
  }

  it('R21: after a failure the next card is the retry one index further back', () => {
    let s = leader('i1', C5, 3, entries([1, 1, 3]));
    const first = step(s, { kind: 'send', to: ['i2'] }).send[0].message as AppendEntries;
    expect([first.prevLogIndex, first.prevLogTerm]).toEqual([3, 3]);
    s = step(s, recv('i2', fail(3), first)).state;
    const retry = step(s, { kind: 'send', to: ['i2'] }).send[0].message as AppendEntries;
    expect([retry.prevLogIndex, retry.prevLogTerm, retry.entries.map((e) => e.term)]).toEqual([2, 1, [3]]);
  });

  it('R21: a non-leader ignores AppendEntries replies of its term', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate' });
    expect(step(s, recv('i2', ok(2), ae(2, 'i1', 0, 0))).state).toEqual(s);
  });
});
