/**
 * RAFT-RULES.md section C (leader election, R8–R14) on the reference step(). Tables re-express
 * etcd raft_paper_test.go TestVoteRequest, TestFollowerVote, TestVoter, TestCandidateFallback,
 * TestLeaderElectionInOneRoundRPC and log_test.go TestIsUpToDate, in the paper's terms.
 */
import { describe, expect, it } from 'vitest';
import { currentTerm, isUpToDate, majority, votedFor } from '../../src/raft/log.js';
import { step } from '../../src/raft/step.js';
import type { Entry, RequestVoteReply, ServerId, ServerState } from '../../src/raft/types.js';
import { ae, elect, entries, fresh, ids, leader, recv, rv, sheet } from './rules-harness.js';

const C3 = ['i1', 'i2', 'i3'];
const granted = (term: number): RequestVoteReply => ({ type: 'RequestVoteReply', term, voteGranted: true });
const refused = (term: number): RequestVoteReply => ({ type: 'RequestVoteReply', term, voteGranted: false });

describe('R8 — starting an election', () => {
  // etcd TestVoteRequest: the RequestVote carries the candidate's last index and last term.
  const rows: { log: Entry[]; term: number }[] = [
    { log: entries([1]), term: 1 },
    { log: entries([1, 2]), term: 2 },
    { log: [], term: 0 },
  ];
  for (const { log, term } of rows) {
    it(`R8: a follower of term ${term} with log terms [${log.map((e) => e.term)}] starts term ${term + 1} and asks everyone`, () => {
      const s = sheet('i1', C3, { term, log });
      const r = step(s, { kind: 'timeout' });
      expect(r.state.role).toBe('candidate');
      expect(currentTerm(r.state)).toBe(term + 1);
      expect(votedFor(r.state)).toBe('i1');
      expect(r.state.votesGranted).toEqual(['i1']);
      expect(r.resetTimer).toBe(true);
      const last = log.length === 0 ? 0 : log[log.length - 1].term;
      expect(r.send).toEqual([
        { to: 'i2', message: rv(term + 1, 'i1', log.length, last) },
        { to: 'i3', message: rv(term + 1, 'i1', log.length, last) },
      ]);
    });
  }

  it('R8: a candidate whose election times out starts the next term, forgetting the votes of the old one', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate', votesGranted: ['i1'] });
    const r = step(s, { kind: 'timeout' });
    expect(r.state.votes).toEqual([null, 'i1', 'i1']);
    expect(r.state.role).toBe('candidate');
    expect(r.state.votesGranted).toEqual(['i1']);
    expect(r.send.map((o) => o.message)).toEqual([rv(3, 'i1'), rv(3, 'i1')]);
  });

  it('R8: a leader never starts an election', () => {
    const s = leader('i1', C3, 2, entries([2]));
    const r = step(s, { kind: 'timeout' });
    expect(r.state).toBe(s);
    expect(r.send).toEqual([]);
  });

  it('R8 (Terms row): a follower that voted `—` in term 2 writes its own id in term 3', () => {
    const r = step(sheet('i8', C3, { votes: ['i1', null] }), { kind: 'timeout' });
    expect(r.state.votes).toEqual(['i1', null, 'i8']);
  });
});

describe('R9 — granting a vote', () => {
  // etcd TestFollowerVote: (vote already cast, candidate asking) → granted?
  const rows: { voted: ServerId | null; candidate: ServerId; grant: boolean }[] = [
    { voted: null, candidate: 'i2', grant: true },
    { voted: null, candidate: 'i3', grant: true },
    { voted: 'i2', candidate: 'i2', grant: true },
    { voted: 'i3', candidate: 'i3', grant: true },
    { voted: 'i2', candidate: 'i3', grant: false },
    { voted: 'i3', candidate: 'i2', grant: false },
  ];
  for (const { voted, candidate, grant } of rows) {
    it(`R9: voted ${voted ?? '—'} in term 1, asked by ${candidate} in term 1 → ${grant ? 'granted' : 'refused'}`, () => {
      const s = sheet('i1', C3, { term: 1, votedFor: voted });
      const r = step(s, recv(candidate, rv(1, candidate)));
      expect(r.send).toEqual([{ to: candidate, message: grant ? granted(1) : refused(1) }]);
      expect(votedFor(r.state)).toBe(grant ? candidate : voted);
      expect(r.resetTimer).toBe(grant);
    });
  }

  it('R9: a repeated request from the same candidate in the same term is granted again, sheet unchanged', () => {
    const first = step(sheet('i2', C3, { term: 0 }), recv('i1', rv(1, 'i1'))).state;
    expect(first.votes).toEqual(['i1']);
    const second = step(first, recv('i1', rv(1, 'i1')));
    expect(second.send[0].message).toEqual(granted(1));
    expect(second.state.votes).toEqual(['i1']);
  });

  it('R9: one vote per term — the first candidate that asks gets it, the second is refused', () => {
    let s = sheet('i3', ids(5), { term: 1 });
    s = step(s, recv('i1', rv(2, 'i1'))).state;
    const r = step(s, recv('i2', rv(2, 'i2')));
    expect(r.send[0].message).toEqual(refused(2));
    expect(s.votes).toEqual([null, 'i1']);
    expect(r.state.votes).toEqual([null, 'i1']);
  });

  it('R9: a vote in a new term is free again even after voting in the previous term', () => {
    const s = sheet('i3', C3, { term: 1, votedFor: 'i1' });
    const r = step(s, recv('i2', rv(2, 'i2')));
    expect(r.send[0].message).toEqual(granted(2));
    expect(r.state.votes).toEqual(['i1', 'i2']);
  });

  it('R9: a candidate (voted for itself) refuses another candidate of the same term', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate' });
    const r = step(s, recv('i2', rv(2, 'i2')));
    expect(r.send[0].message).toEqual(refused(2));
    expect(r.state).toEqual(s);
  });

  it('R9 (game 3): i2 with HighLoad refuses i8 (High only) in t2 and records t2 with `—`', () => {
    const s = sheet('i2', ids(8), { votes: ['i1'], log: entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad'), commitIndex: 4 });
    const r = step(s, recv('i8', rv(2, 'i8', 4, 1)));
    expect(r.send[0].message).toEqual(refused(2));
    expect(r.state.votes).toEqual(['i1', null]);
    expect(r.resetTimer).toBe(false);
  });
});

describe('R10 — at least as up-to-date: last term first, length only breaks ties', () => {
  // etcd log_test.go TestIsUpToDate: voter log terms [1, 2, 3].
  const voter = entries([1, 2, 3]);
  const rows: [number, number, boolean][] = [
    [4, 2, true], [4, 3, true], [4, 4, true],
    [2, 2, false], [2, 3, false], [2, 4, false],
    [3, 2, false], [3, 3, true], [3, 4, true],
  ];
  for (const [cT, cI, want] of rows) {
    it(`R10: candidate (lastLogTerm ${cT}, lastLogIndex ${cI}) vs voter (3, 3) → ${want}`, () => {
      expect(isUpToDate(cT, cI, voter)).toBe(want);
    });
  }

  // etcd TestVoter: voter log, candidate's (lastLogTerm, lastLogIndex), granted?
  const voterRows: { log: number[]; cT: number; cI: number; grant: boolean }[] = [
    { log: [1], cT: 1, cI: 1, grant: true },
    { log: [1], cT: 1, cI: 2, grant: true },
    { log: [1, 1], cT: 1, cI: 1, grant: false },
    { log: [1], cT: 2, cI: 1, grant: true },
    { log: [1], cT: 2, cI: 2, grant: true },
    { log: [1, 1], cT: 2, cI: 1, grant: true },
    { log: [2], cT: 1, cI: 1, grant: false },
    { log: [2], cT: 1, cI: 2, grant: false },
    { log: [2, 1], cT: 1, cI: 1, grant: false },
  ];
  for (const { log, cT, cI, grant } of voterRows) {
    it(`R10 via step: voter log terms [${log}] asked by (${cT}, ${cI}) in term 3 → ${grant ? 'granted' : 'refused'}`, () => {
      const r = step(sheet('i2', C3, { term: 2, log: entries(log) }), recv('i1', rv(3, 'i1', cI, cT)));
      expect(r.send[0].message).toEqual(grant ? granted(3) : refused(3));
    });
  }

  it('R10 (M4): a shorter log with a newer last term beats a longer log with an older one', () => {
    const voterState = sheet('i2', C3, { term: 3, log: entries([1, 1, 1, 1, 1, 1, 1]) });
    expect(step(voterState, recv('i1', rv(4, 'i1', 2, 3))).send[0].message).toEqual(granted(4));
    const other = sheet('i2', C3, { term: 3, log: entries([1, 3]) });
    expect(step(other, recv('i1', rv(4, 'i1', 7, 1))).send[0].message).toEqual(refused(4));
  });
});

describe('R11 — winning needs distinct votes of a majority of the full cluster, self included', () => {
  it('R11: majority(N) = floor(N/2) + 1', () => {
    expect([1, 2, 3, 4, 5, 7, 8].map(majority)).toEqual([1, 2, 2, 3, 3, 4, 5]);
  });

  // etcd TestLeaderElectionInOneRoundRPC: cluster size, which peers grant, leader afterwards?
  const rows: { size: number; yes: number; no: number; leader: boolean }[] = [
    { size: 1, yes: 0, no: 0, leader: true },
    { size: 3, yes: 2, no: 0, leader: true },
    { size: 3, yes: 1, no: 0, leader: true },
    { size: 5, yes: 4, no: 0, leader: true },
    { size: 5, yes: 3, no: 0, leader: true },
    { size: 5, yes: 2, no: 0, leader: true },
    { size: 5, yes: 1, no: 3, leader: false },
    { size: 5, yes: 1, no: 0, leader: false },
    { size: 3, yes: 0, no: 2, leader: false },
    { size: 8, yes: 3, no: 2, leader: false },
    { size: 8, yes: 4, no: 2, leader: true },
  ];
  for (const { size, yes, no, leader: wins } of rows) {
    it(`R11: ${size} servers, ${yes} granted + self, ${no} refused → ${wins ? 'leader' : 'still candidate'}`, () => {
      const cluster = ids(size);
      let s = step(sheet('i1', cluster, { term: 0 }), { kind: 'timeout' }).state;
      cluster.slice(1, 1 + yes).forEach((p) => (s = step(s, recv(p, granted(1), rv(1, 'i1'))).state));
      cluster.slice(1 + yes, 1 + yes + no).forEach((p) => (s = step(s, recv(p, refused(1), rv(1, 'i1'))).state));
      expect(s.role).toBe(wins ? 'leader' : 'candidate');
      expect(currentTerm(s)).toBe(1);
    });
  }

  it('R11 (M10): a duplicate grant from the same server counts once', () => {
    let s = step(sheet('i1', ids(5), { term: 0 }), { kind: 'timeout' }).state;
    s = step(s, recv('i2', granted(1), rv(1, 'i1'))).state;
    s = step(s, recv('i2', granted(1), rv(1, 'i1'))).state;
    expect(s.votesGranted).toEqual(['i1', 'i2']);
    expect(s.role).toBe('candidate');
    s = step(s, recv('i3', granted(1), rv(1, 'i1'))).state;
    expect(s.role).toBe('leader');
  });

  it('R11 (game 3): i8 collects itself, i5, i6, i7 — 4 of 8 is not a majority, even though every responder but 2 said yes', () => {
    const s: Record<ServerId, ServerState> = fresh(ids(8));
    for (const id of ids(8)) s[id] = sheet(id, ids(8), { votes: ['i1'], log: entries(id <= 'i3' ? [1, 1, 1, 1, 1, 1, 1, 1] : [1, 1, 1, 1]) });
    elect(s, 'i8', ['i2', 'i3', 'i5', 'i6', 'i7']);
    expect(s.i8.role).toBe('candidate');
    expect(s.i8.votesGranted).toEqual(['i8', 'i5', 'i6', 'i7']);
    expect(s.i2.votes).toEqual(['i1', null]);
    expect(s.i5.votes).toEqual(['i1', 'i8']);
  });

  it('R11: a refusal is not counted and a leader ignores late grants', () => {
    let s = step(sheet('i1', C3, { term: 0 }), { kind: 'timeout' }).state;
    s = step(s, recv('i2', refused(1), rv(1, 'i1'))).state;
    expect(s.votesGranted).toEqual(['i1']);
    s = step(s, recv('i3', granted(1), rv(1, 'i1'))).state;
    expect(s.role).toBe('leader');
    const late = step(s, recv('i2', granted(1), rv(1, 'i1'))).state;
    expect(late).toEqual(s);
  });
});

describe('R12 — a candidate meets a leader', () => {
  it('R12 (etcd TestCandidateFallback): AppendEntries of the same term makes the candidate a follower, vote kept, card processed', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate', votesGranted: ['i1'], log: entries([1]) });
    const r = step(s, recv('i2', ae(2, 'i2', 1, 1, entries([1, 2]).slice(1), 0)));
    expect(r.state.role).toBe('follower');
    expect(r.state.votes).toEqual([null, 'i1']);
    expect(r.state.votesGranted).toEqual([]);
    expect(r.state.log).toEqual(entries([1, 2]));
    expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 2, success: true });
    expect(r.resetTimer).toBe(true);
  });

  it('R12: AppendEntries of a higher term makes the candidate a follower of that term with vote `—` (R4)', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate' });
    const r = step(s, recv('i2', ae(3, 'i2', 0, 0)));
    expect(r.state.role).toBe('follower');
    expect(r.state.votes).toEqual([null, 'i1', null]);
    expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 3, success: true });
  });

  it('R12 (M8): AppendEntries of a lower term is refused and the candidate keeps campaigning', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate', votesGranted: ['i1'] });
    const r = step(s, recv('i2', ae(1, 'i2', 0, 0)));
    expect(r.state).toEqual(s);
    expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 2, success: false });
  });

  it('R12: even when the consistency check fails the candidate has recognised the leader', () => {
    const s = sheet('i1', C3, { term: 2, votedFor: 'i1', role: 'candidate' });
    const r = step(s, recv('i2', ae(2, 'i2', 3, 1)));
    expect(r.state.role).toBe('follower');
    expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 2, success: false });
  });
});

describe('R13 — new leader initialisation', () => {
  it('R13: on winning, nextIndex = lastLogIndex + 1 and matchIndex = 0 for every other server', () => {
    let s = step(sheet('i1', ids(5), { term: 3, log: entries([1, 1, 3]) }), { kind: 'timeout' }).state;
    s = step(s, recv('i2', granted(4), rv(4, 'i1', 3, 3))).state;
    const won = step(s, recv('i4', granted(4), rv(4, 'i1', 3, 3)));
    expect(won.state.role).toBe('leader');
    expect(won.state.nextIndex).toEqual({ i2: 4, i3: 4, i4: 4, i5: 4 });
    expect(won.state.matchIndex).toEqual({ i2: 0, i3: 0, i4: 0, i5: 0 });
    expect(won.state.votesGranted).toEqual([]);
    // Convention (docs/core-api.md): winning sends nothing; the heartbeat is the leader's `send` move.
    expect(won.send).toEqual([]);
    expect(won.state.commitIndex).toBe(0);
    expect(won.state.log).toEqual(entries([1, 1, 3])); // no no-op entry (RAFT-RULES F)
  });

  it('R13: the first `send` is an empty AppendEntries (heartbeat) at prevLogIndex = lastLogIndex to everyone', () => {
    const s = leader('i1', C3, 4, entries([1, 1, 3]), { commitIndex: 0 });
    const r = step(s, { kind: 'send', to: ['i2', 'i3'] });
    expect(r.send).toEqual([
      { to: 'i2', message: ae(4, 'i1', 3, 3, [], 0) },
      { to: 'i3', message: ae(4, 'i1', 3, 3, [], 0) },
    ]);
    expect(r.state).toBe(s);
  });
});

describe('R14 — the election timer resets only on the current leader, an own election, a granted vote', () => {
  const follower = sheet('i2', C3, { term: 2, votedFor: 'i3' });
  const rows: { what: string; reset: boolean; run: () => boolean }[] = [
    { what: 'AppendEntries from the current leader', reset: true, run: () => step(follower, recv('i3', ae(2, 'i3', 0, 0))).resetTimer },
    { what: 'AppendEntries from the leader failing the check', reset: true, run: () => step(follower, recv('i3', ae(2, 'i3', 5, 2))).resetTimer },
    { what: 'a stale AppendEntries', reset: false, run: () => step(follower, recv('i1', ae(1, 'i1', 0, 0))).resetTimer },
    { what: 'starting an election', reset: true, run: () => step(follower, { kind: 'timeout' }).resetTimer },
    { what: 'granting a vote', reset: true, run: () => step(follower, recv('i1', rv(3, 'i1'))).resetTimer },
    { what: 'a refused vote', reset: false, run: () => step(follower, recv('i1', rv(2, 'i1'))).resetTimer },
    { what: 'a stale RequestVote', reset: false, run: () => step(follower, recv('i1', rv(1, 'i1'))).resetTimer },
  ];
  for (const { what, reset, run } of rows) {
    it(`R14: ${what} → resetTimer ${reset}`, () => expect(run()).toBe(reset));
  }
});
