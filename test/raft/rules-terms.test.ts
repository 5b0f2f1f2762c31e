/**
 * RAFT-RULES.md section A (state, R1–R3) and B (terms, R4–R7), checked on the reference step().
 * Tables re-express etcd raft_paper_test.go testUpdateTermFromMessage, TestRejectStaleTermMessage
 * (with the paper's reply instead of etcd's silence) and the TLA DropStaleResponse action.
 */
import { describe, expect, it } from 'vitest';
import { currentTerm, lastLogIndex, lastLogTerm, termAt, votedFor } from '../../src/raft/log.js';
import { adoptTerm, newServer, restart, step } from '../../src/raft/step.js';
import type { AppendEntriesReply, Message, Request, RequestVoteReply, Role } from '../../src/raft/types.js';
import { ae, entries, fresh, leader, recv, replicate, rv, sheet, write, elect } from './rules-harness.js';

const C3 = ['i1', 'i2', 'i3'];

describe('R1 — persistent state survives a restart, volatile state does not', () => {
  it('R1: restart keeps the Terms row (votes) and the log, comes back as a follower with commitIndex = lastApplied = 0', () => {
    const before = leader('i1', C3, 3, entries([1, 1, 3]), { commitIndex: 3, nextIndex: { i2: 4, i3: 2 }, matchIndex: { i2: 3, i3: 1 } });
    const after = restart(before);
    expect(after.votes).toEqual([null, null, 'i1']);
    expect(after.log).toEqual(entries([1, 1, 3]));
    expect(after.role).toBe('follower');
    expect(after.commitIndex).toBe(0);
    expect(after.lastApplied).toBe(0);
    expect(after.votesGranted).toEqual([]);
    expect(after.nextIndex).toEqual({});
    expect(after.matchIndex).toEqual({});
    expect(after.id).toBe('i1');
    expect(after.cluster).toEqual(C3);
  });

  it('R1: a candidate restarting keeps its self-vote and forgets the votes it collected', () => {
    const before = sheet('i2', C3, { term: 2, votedFor: 'i2', role: 'candidate', votesGranted: ['i2', 'i3'] });
    const after = restart(before);
    expect(votedFor(after)).toBe('i2');
    expect(currentTerm(after)).toBe(2);
    expect(after.votesGranted).toEqual([]);
    expect(after.role).toBe('follower');
  });

  it('R1 (M5): a vote survives a restart, so a second candidate of the same term is refused', () => {
    let s = sheet('i3', C3, { term: 1 });
    s = step(s, recv('i1', rv(1, 'i1'))).state;
    expect(votedFor(s)).toBe('i1');
    const again = step(restart(s), recv('i2', rv(1, 'i2')));
    expect(again.send[0].message).toEqual({ type: 'RequestVoteReply', term: 1, voteGranted: false });
    expect(again.state.votes).toEqual(['i1']);
  });

  it('R1: restart does not alias the log of the sheet it copies', () => {
    const before = sheet('i1', C3, { term: 1, log: entries([1]) });
    const after = restart(before);
    after.log[0].value = 'changed';
    expect(before.log[0].value).toBe('1@1');
  });

  it('R1: currentTerm only increases — a lower-term card never lowers it', () => {
    const s = sheet('i2', C3, { term: 5 });
    for (const m of [rv(3, 'i1'), ae(4, 'i1', 0, 0)] as Request[]) {
      expect(currentTerm(step(s, recv('i1', m)).state)).toBe(5);
    }
  });
});

describe('R2 — volatile state starts at zero and only grows', () => {
  it('R2: a new server is a follower of term 0 with an empty log and commitIndex = lastApplied = 0', () => {
    const s = newServer('i1', C3);
    expect(s).toEqual({
      id: 'i1', cluster: C3, votes: [], log: [], role: 'follower', commitIndex: 0, lastApplied: 0,
      votesGranted: [], nextIndex: {}, matchIndex: {},
    });
  });

  it('R2: a follower commitIndex does not go down when a later card carries a smaller leaderCommit', () => {
    const s = sheet('i2', C3, { term: 2, log: entries([1, 2, 2]), commitIndex: 3 });
    const r = step(s, recv('i1', ae(2, 'i1', 3, 2, [], 1)));
    expect(r.state.commitIndex).toBe(3);
    expect(r.state.lastApplied).toBe(3);
  });

  it('R2: every election re-initialises nextIndex/matchIndex (nothing left over from an older term)', () => {
    const s = fresh(C3);
    elect(s, 'i1');
    write(s, 'i1', 'ab');
    replicate(s, 'i1', ['i2', 'i3']);
    expect(s.i1.matchIndex).toEqual({ i2: 2, i3: 2 });
    // i2 takes over in term 2, then i1 wins term 3 again.
    elect(s, 'i2');
    expect(s.i1.role).toBe('follower');
    expect(s.i1.nextIndex).toEqual({});
    s.i1 = step(s.i1, { kind: 'timeout' }).state;
    const won = step(s.i1, recv('i2', { type: 'RequestVoteReply', term: 3, voteGranted: true }, rv(3, 'i1', 2, 1))).state;
    expect(won.role).toBe('leader');
    expect(won.nextIndex).toEqual({ i2: 3, i3: 3 });
    expect(won.matchIndex).toEqual({ i2: 0, i3: 0 });
  });
});

describe('R3 — index 0 is the sentinel of an empty log', () => {
  it('R3: an empty log has lastLogIndex 0, lastLogTerm 0 and termAt(0) = 0', () => {
    expect(lastLogIndex([])).toBe(0);
    expect(lastLogTerm([])).toBe(0);
    expect(termAt([], 0)).toBe(0);
    expect(termAt([], 1)).toBeUndefined();
    expect(lastLogIndex(entries([1, 1, 2]))).toBe(3);
    expect(lastLogTerm(entries([1, 1, 2]))).toBe(2);
  });

  it('R3: prevLogIndex 0 / prevLogTerm 0 always passes the consistency check (etcd TestFollowerCheckMsgApp row 0,0)', () => {
    for (const log of [[], entries([1, 2])]) {
      const r = step(sheet('i2', C3, { term: 2, log }), recv('i1', ae(2, 'i1', 0, 0)));
      expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 2, success: true });
      expect(r.state.log).toEqual(log);
    }
  });

  it('R3: a candidate with an empty log asks with lastLogIndex 0, lastLogTerm 0', () => {
    const r = step(newServer('i1', C3), { kind: 'timeout' });
    expect(r.send.map((o) => o.message)).toEqual([rv(1, 'i1', 0, 0), rv(1, 'i1', 0, 0)]);
  });
});

describe('R4 — a higher term in any request or reply is adopted first', () => {
  const roles: Role[] = ['follower', 'candidate', 'leader'];
  const higher: { name: string; message: Message; request?: Request }[] = [
    { name: 'RequestVote', message: rv(5, 'i3', 0, 0) },
    { name: 'AppendEntries', message: ae(5, 'i3', 0, 0) },
    { name: 'RequestVoteReply', message: { type: 'RequestVoteReply', term: 5, voteGranted: false }, request: rv(2, 'i1') },
    { name: 'AppendEntriesReply', message: { type: 'AppendEntriesReply', term: 5, success: false }, request: ae(2, 'i1', 0, 0) },
  ];
  // etcd testUpdateTermFromMessage: every role, every message type.
  for (const role of roles) {
    for (const h of higher) {
      it(`R4: a ${role} of term 2 receiving a ${h.name} of term 5 becomes a follower of term 5`, () => {
        const s = sheet('i1', C3, { term: 2, votedFor: role === 'follower' ? 'i2' : 'i1', role });
        const input = h.request ? recv('i3', h.message as never, h.request) : recv('i3', h.message as Request);
        const after = step(s, input).state;
        expect(after.role).toBe('follower');
        expect(currentTerm(after)).toBe(5);
        // The RequestVote is then processed under term 5 and granted (R9); otherwise the vote is `—`.
        expect(votedFor(after)).toBe(h.name === 'RequestVote' ? 'i3' : null);
        expect(after.votesGranted).toEqual([]);
      });
    }
  }

  it('R4 (Terms row): adopting term 5 from term 2 writes terms 3, 4, 5 with vote `—` and keeps the old cells', () => {
    const s = sheet('i1', C3, { votes: [null, 'i2'] });
    const after = step(s, recv('i3', ae(5, 'i3', 0, 0))).state;
    expect(after.votes).toEqual([null, 'i2', null, null, null]);
  });

  it('R4 (Terms row, game 4): i1 back online (voted i1 in t1) records t2 and t3 with `—` when i4 sends term 3', () => {
    const s = sheet('i1', ['i1', 'i4'], { votes: ['i1'], log: entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad') });
    const after = step(s, recv('i4', ae(3, 'i4', 4, 1, entries([3, 3, 3, 3], ' vol'), 0))).state;
    expect(after.votes).toEqual(['i1', null, null]);
  });

  it('R4: the message is processed further under the new term (an AppendEntries of term 5 is appended)', () => {
    const s = sheet('i2', C3, { term: 2, votedFor: 'i2', role: 'candidate' });
    const r = step(s, recv('i3', ae(5, 'i3', 0, 0, entries([5]), 0)));
    expect(r.state.log).toEqual(entries([5]));
    expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 5, success: true });
  });

  it('R4: adoptTerm leaves an equal or lower term untouched (same object)', () => {
    const s = sheet('i1', C3, { term: 3, votedFor: 'i1', role: 'candidate' });
    expect(adoptTerm(s, 3)).toBe(s);
    expect(adoptTerm(s, 1)).toBe(s);
  });

  it('R4 (etcd TestAllServerStepdown): a leader of term 3 sees RequestVote of term 4 with a shorter log — steps down, refuses the vote', () => {
    const s = leader('i1', C3, 3, entries([1, 3]));
    const r = step(s, recv('i2', rv(4, 'i2', 1, 1)));
    expect(r.state.role).toBe('follower');
    expect(r.state.votes).toEqual([null, null, 'i1', null]);
    expect(r.send[0].message).toEqual({ type: 'RequestVoteReply', term: 4, voteGranted: false });
  });
});

describe('R5 — a stale request is answered false with the own term, nothing else changes', () => {
  // etcd TestRejectStaleTermMessage drops the card; the paper answers it (RAFT-RULES R5).
  const stale: Request[] = [rv(2, 'i3', 9, 2), ae(2, 'i3', 0, 0, entries([2]), 1)];
  for (const role of ['follower', 'candidate', 'leader'] as Role[]) {
    for (const m of stale) {
      it(`R5: a ${role} of term 3 answers a ${m.type} of term 2 with false and term 3, sheet unchanged`, () => {
        const s = sheet('i1', C3, { term: 3, votedFor: role === 'follower' ? null : 'i1', role, log: entries([1]) });
        const r = step(s, recv('i3', m));
        expect(r.state).toEqual(s);
        expect(r.resetTimer).toBe(false);
        const answer = m.type === 'RequestVote'
          ? { type: 'RequestVoteReply', term: 3, voteGranted: false }
          : { type: 'AppendEntriesReply', term: 3, success: false };
        expect(r.send).toEqual([{ to: 'i3', message: answer }]);
      });
    }
  }
});

describe('R6 — a stale reply is dropped', () => {
  it('R6: a candidate of term 3 does not count a granted vote of term 2', () => {
    const s = sheet('i1', ids5(), { term: 3, votedFor: 'i1', role: 'candidate', votesGranted: ['i1', 'i2'] });
    const reply: RequestVoteReply = { type: 'RequestVoteReply', term: 2, voteGranted: true };
    const after = step(s, recv('i3', reply, rv(2, 'i1'))).state;
    expect(after).toEqual(s);
  });

  it('R6: a vote granted in the current term but for a request of an older term is not counted', () => {
    const s = sheet('i1', ids5(), { term: 3, votedFor: 'i1', role: 'candidate', votesGranted: ['i1', 'i2'] });
    const after = step(s, recv('i3', { type: 'RequestVoteReply', term: 3, voteGranted: true }, rv(2, 'i1'))).state;
    expect(after.role).toBe('candidate');
    expect(after.votesGranted).toEqual(['i1', 'i2']);
  });

  it('R6: a leader ignores a failure reply of an older term (nextIndex stays 4)', () => {
    const s = leader('i1', C3, 3, entries([1, 1, 3]));
    const reply: AppendEntriesReply = { type: 'AppendEntriesReply', term: 2, success: false };
    const after = step(s, recv('i2', reply, ae(2, 'i1', 3, 1))).state;
    expect(after).toEqual(s);
    expect(after.nextIndex.i2).toBe(4);
  });

  it('R6: a leader ignores a success reply to a request it sent in an older term (matchIndex stays 0)', () => {
    const s = leader('i1', C3, 3, entries([1, 1, 3]));
    const after = step(s, recv('i2', { type: 'AppendEntriesReply', term: 3, success: true }, ae(1, 'i1', 0, 0, entries([1, 1])))).state;
    expect(after.matchIndex).toEqual({ i2: 0, i3: 0 });
    expect(after.nextIndex).toEqual({ i2: 4, i3: 4 });
  });

  it('R6: a follower ignores replies of its own term (it sent no requests)', () => {
    const s = sheet('i1', C3, { term: 3 });
    const after = step(s, recv('i2', { type: 'RequestVoteReply', term: 3, voteGranted: true }, rv(3, 'i1'))).state;
    expect(after).toEqual(s);
  });
});

describe('R4 + R21 — a higher-term reply deposes a leader without touching nextIndex', () => {
  it('R4: leader of term 2 gets a failure of term 4: follower of term 4, no nextIndex step-back is made', () => {
    const s = leader('i1', C3, 2, entries([1, 2, 2]), { nextIndex: { i2: 4, i3: 4 } });
    const r = step(s, recv('i2', { type: 'AppendEntriesReply', term: 4, success: false }, ae(2, 'i1', 3, 2)));
    expect(r.state.role).toBe('follower');
    expect(r.state.votes).toEqual([null, 'i1', null, null]);
    expect(r.state.log).toEqual(s.log);
    // The leader-only bookkeeping is gone with the leadership (R2); in particular i2 was not moved to 3.
    expect(r.state.nextIndex.i2).not.toBe(3);
    expect(r.state.nextIndex).toEqual({});
    expect(r.send).toEqual([]);
  });
});

describe('R7 — replies carry the current term, after any R4 update', () => {
  it('R7: a follower of term 1 answering a RequestVote of term 4 replies with term 4', () => {
    const r = step(sheet('i2', C3, { term: 1, votedFor: 'i3' }), recv('i1', rv(4, 'i1')));
    expect((r.send[0].message as RequestVoteReply).term).toBe(4);
  });

  it('R7: a follower of term 6 answering an AppendEntries of term 4 replies with term 6 so the leader can update', () => {
    const r = step(sheet('i2', C3, { term: 6 }), recv('i1', ae(4, 'i1', 0, 0)));
    expect(r.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 6, success: false });
    const oldLeader = leader('i1', C3, 4, []);
    const back = step(oldLeader, recv('i2', r.send[0].message as AppendEntriesReply, ae(4, 'i1', 0, 0))).state;
    expect(back.role).toBe('follower');
    expect(currentTerm(back)).toBe(6);
  });
});

function ids5(): string[] {
  return ['i1', 'i2', 'i3', 'i4', 'i5'];
}
