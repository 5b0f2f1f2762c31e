/**
 * The Raft paper's Figures 7 and 8 and the four workshop games (EXERCISE.md), driven card by card
 * through the reference step(): real AppendEntries, real replies, real nextIndex step-backs.
 */
import { describe, expect, it } from 'vitest';
import { currentTerm, logText, sameLog } from '../../src/raft/log.js';
import { restart, step } from '../../src/raft/step.js';
import type { AppendEntriesReply, ServerId } from '../../src/raft/types.js';
import { elect, entries, ids, leader, replicate, roundTrip, sheet, terms, write, type Sheets } from './rules-harness.js';

describe('Figure 7 — a new leader of term 8 brings six different follower logs in line (R16–R18, R21)', () => {
  const cluster = ['L', 'a', 'b', 'c', 'd', 'e', 'f'];
  const followers = cluster.slice(1);
  const leaderTerms = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
  const followerTerms: Record<ServerId, number[]> = {
    a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
    b: [1, 1, 1, 4],
    c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
    d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
    e: [1, 1, 1, 4, 4, 4, 4],
    f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
  };

  function figure7(): Sheets {
    const s: Sheets = { L: leader('L', cluster, 8, entries(leaderTerms)) };
    for (const id of followers) {
      const log = entries(followerTerms[id]);
      s[id] = sheet(id, cluster, { term: log[log.length - 1].term, log });
    }
    return s;
  }

  it('R13: the leader starts with nextIndex 11 for every follower', () => {
    expect(figure7().L.nextIndex).toEqual({ a: 11, b: 11, c: 11, d: 11, e: 11, f: 11 });
  });

  it('R18 (M14): heartbeats alone leave the extra entries of (c) and (d) in place', () => {
    const s = figure7();
    for (let round = 0; round < 12; round++) replicate(s, 'L', followers);
    for (const id of ['a', 'b', 'e', 'f']) expect(terms(s[id].log)).toEqual(leaderTerms);
    expect(terms(s.c.log)).toEqual([...leaderTerms, 6]);
    expect(terms(s.d.log)).toEqual([...leaderTerms, 7, 7]);
    // Nothing of term 8 exists yet, so nothing commits (R22).
    expect(s.L.commitIndex).toBe(0);
  });

  it('R17/R18/R21/R22: with one entry of term 8, every log ends equal to the leader’s, after the expected number of refusals', () => {
    const s = figure7();
    write(s, 'L', 'x'); // index 11, term 8
    const refusals: Record<ServerId, number> = Object.fromEntries(followers.map((id) => [id, 0]));
    for (let round = 0; round < 20 && !followers.every((id) => sameLog(s[id].log, s.L.log)); round++) {
      const out = step(s.L, { kind: 'send', to: followers });
      for (const card of out.send) {
        const reply = roundTrip(s, 'L', card) as AppendEntriesReply;
        if (!reply.success) refusals[card.to]++;
        // nextIndex convention: on failure max(nextIndex − 1, matchIndex + 1), never below 1.
        expect(s.L.nextIndex[card.to]).toBeGreaterThanOrEqual(Math.max(1, s.L.matchIndex[card.to] + 1));
      }
    }
    for (const id of followers) expect(s[id].log).toEqual(s.L.log);
    // (a) misses one entry; (b) needs six step-backs to reach index 4; (c), (d) match at 10 and are
    // truncated by the conflicting entry 11; (e) diverges after 5; (f) after 3.
    expect(refusals).toEqual({ a: 1, b: 6, c: 0, d: 0, e: 5, f: 7 });
    expect(s.L.matchIndex).toEqual({ a: 11, b: 11, c: 11, d: 11, e: 11, f: 11 });
    expect(s.L.nextIndex).toEqual({ a: 12, b: 12, c: 12, d: 12, e: 12, f: 12 });
    expect(s.L.commitIndex).toBe(11);
    for (const id of followers) expect(currentTerm(s[id])).toBe(8);
  });
});

describe('Figure 8 — a leader must not commit an entry of an earlier term by counting replicas (R22)', () => {
  const S = ['S1', 'S2', 'S3', 'S4', 'S5'];

  /** Figure 8 (c): S1 leads term 4 and has spread index 2 (term 2) to S2 and S3; index 3 (term 4) only on S1. */
  function figure8c(): Sheets {
    const s: Sheets = {
      S1: sheet('S1', S, { votes: [null, 'S1', null], log: entries([1, 2]) }),
      S2: sheet('S2', S, { votes: [null, 'S1', null], log: entries([1, 2]) }),
      S3: sheet('S3', S, { votes: [null, null, 'S5'], log: entries([1]) }),
      S4: sheet('S4', S, { votes: [null, null, 'S5'], log: entries([1]) }),
      S5: sheet('S5', S, { votes: [null, null, 'S5'], log: entries([1, 3]) }),
    };
    elect(s, 'S1', ['S2', 'S3']); // S5 is down; term 4, votes S1, S2, S3
    expect(s.S1.role).toBe('leader');
    expect(currentTerm(s.S1)).toBe(4);
    // Replicate index 2 (term 2) to S3: one refusal at prev 2, then success at prev 1.
    replicate(s, 'S1', ['S2', 'S3']);
    replicate(s, 'S1', ['S3']);
    expect(terms(s.S3.log)).toEqual([1, 2]);
    expect(s.S1.matchIndex).toMatchObject({ S2: 2, S3: 2 });
    write(s, 'S1', 'c'); // index 3, term 4, only in S1's log
    return s;
  }

  it('R22: in (c) index 2 of term 2 is stored on a majority (S1, S2, S3) but S1 does not commit it', () => {
    const s = figure8c();
    expect(terms(s.S1.log)).toEqual([1, 2, 4]);
    expect(s.S1.commitIndex).toBe(0);
    expect(s.S1.lastApplied).toBe(0);
  });

  it('R10/R18: in (d) S1 crashes, S5 wins term 5 with S2, S3, S4 and overwrites index 2 on all of them', () => {
    const s = figure8c();
    s.S1 = restart(s.S1); // down
    elect(s, 'S5', ['S2', 'S3', 'S4']); // term 4: S2 and S3 already voted for S1 in term 4
    expect(s.S5.role).toBe('candidate');
    elect(s, 'S5', ['S2', 'S3', 'S4']); // term 5: lastLogTerm 3 beats their 2 (R10)
    expect(s.S5.role).toBe('leader');
    expect(currentTerm(s.S5)).toBe(5);
    for (let round = 0; round < 3; round++) replicate(s, 'S5', ['S2', 'S3', 'S4']);
    for (const id of ['S2', 'S3', 'S4']) expect(terms(s[id].log)).toEqual([1, 3]);
    // The term-2 entry that sat on a majority is gone: committing it in (c) would have lost a commit.
    write(s, 'S5', 'y');
    replicate(s, 'S5', ['S2', 'S3', 'S4']);
    expect(s.S5.commitIndex).toBe(3);
    expect(s.S5.log[1]).toEqual({ term: 3, value: '2@3' });
  });

  it('R22 (M3): had S1 committed index 2 by counting (wrong), S5 later commits a different entry at index 2', () => {
    const s = figure8c();
    const wrong = { ...s.S1, commitIndex: 2, lastApplied: 2 }; // the M3 mistake, not step()
    const appliedByS1 = wrong.log[1];
    s.S1 = restart(wrong);
    elect(s, 'S5', ['S2', 'S3', 'S4']);
    elect(s, 'S5', ['S2', 'S3', 'S4']);
    expect(s.S5.role).toBe('leader');
    write(s, 'S5', 'y');
    for (let round = 0; round < 3; round++) replicate(s, 'S5', ['S2', 'S3', 'S4']);
    expect(s.S5.lastApplied).toBe(3);
    expect(s.S5.log[1]).not.toEqual(appliedByS1); // two state machines would disagree at index 2
    expect(appliedByS1).toEqual({ term: 2, value: '2@2' });
  });

  it('R22: in (e) S1 replicates its term-4 entry to a majority first: 1..3 commit together, and S5 can no longer win', () => {
    const s = figure8c();
    replicate(s, 'S1', ['S2', 'S3']);
    expect(s.S1.commitIndex).toBe(3);
    expect(s.S1.lastApplied).toBe(3);
    s.S1 = restart(s.S1);
    elect(s, 'S5', ['S2', 'S3', 'S4']);
    elect(s, 'S5', ['S2', 'S3', 'S4']); // term 5: S2 and S3 (last term 4) refuse, only S4 grants
    expect(currentTerm(s.S5)).toBe(5);
    expect(s.S5.role).toBe('candidate');
    expect(s.S5.votesGranted).toEqual(['S5', 'S4']);
    expect(s.S2.votes).toEqual([null, 'S1', null, 'S1', null]);
  });
});

describe('The workshop games (EXERCISE.md) on 8 servers', () => {
  const C8 = ids(8);

  it('Game 1 (the worked example of docs/core-api.md): i1 times out, i2…i8 vote, i5 makes it leader of t1', () => {
    const s: Sheets = Object.fromEntries(C8.map((id) => [id, sheet(id, C8)]));
    const t = step(s.i1, { kind: 'timeout' });
    s.i1 = t.state;
    expect(t.state).toMatchObject({ votes: ['i1'], role: 'candidate', votesGranted: ['i1'] });
    expect(t.send[0]).toEqual({ to: 'i2', message: { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 } });
    const roles: string[] = [];
    for (const card of t.send) {
      roundTrip(s, 'i1', card);
      roles.push(`${card.to}:${s.i1.role}`);
    }
    expect(roles).toEqual(['i2:candidate', 'i3:candidate', 'i4:candidate', 'i5:leader', 'i6:leader', 'i7:leader', 'i8:leader']);
    expect(s.i1).toMatchObject({
      votes: ['i1'], log: [], role: 'leader', commitIndex: 0, lastApplied: 0, votesGranted: [],
      nextIndex: { i2: 1, i3: 1, i4: 1, i5: 1, i6: 1, i7: 1, i8: 1 },
      matchIndex: { i2: 0, i3: 0, i4: 0, i5: 0, i6: 0, i7: 0, i8: 0 },
    });
    for (const id of C8.slice(1)) expect(s[id]).toMatchObject({ votes: ['i1'], log: [], role: 'follower', commitIndex: 0 });
    const hb = step(s.i1, { kind: 'send', to: C8 });
    expect(hb.state).toBe(s.i1);
    expect(hb.send).toHaveLength(7);
    expect(hb.send[0].message).toEqual({ type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
  });

  it('Games 2–4: HighLoad, a lost card, a term without leader, and the overwrite to "High vol"', () => {
    const s: Sheets = Object.fromEntries(C8.map((id) => [id, sheet(id, C8)]));
    elect(s, 'i1');
    // Game 2
    write(s, 'i1', 'HighLoad');
    replicate(s, 'i1', C8.slice(1));
    expect(s.i1.commitIndex).toBe(4);
    replicate(s, 'i1', ['i2', 'i3']); // the card to i4… is lost
    expect(logText(s.i2.log)).toBe('HighLoad');
    expect(s.i2.lastApplied).toBe(4);
    expect(logText(s.i4.log)).toBe('High');
    // Game 3: i1 and i4 offline; i8 asks for t2 and gets 4 of 8.
    s.i1 = restart(s.i1);
    s.i4 = restart(s.i4);
    elect(s, 'i8', ['i2', 'i3', 'i5', 'i6', 'i7']);
    expect(s.i8.role).toBe('candidate');
    expect(s.i2.votes).toEqual(['i1', null]);
    // Game 4: i4 back. On paper the instructor sends it straight to t3; through step() a timeout
    // moves one term at a time, so its t2 candidacy fails first (everyone already answered i8).
    elect(s, 'i4', ['i2', 'i3', 'i5', 'i6', 'i7', 'i8']);
    expect(s.i4.role).toBe('candidate');
    elect(s, 'i4', ['i2', 'i3', 'i5', 'i6', 'i7', 'i8']);
    expect(s.i4.role).toBe('leader');
    expect(s.i4.votes).toEqual(['i1', 'i4', 'i4']);
    expect(s.i4.votesGranted).toEqual([]);
    expect(s.i2.votes).toEqual(['i1', null, null]);
    expect(s.i5.votes).toEqual(['i1', 'i8', 'i4']);
    write(s, 'i4', ' voltage');
    for (let round = 0; round < 4; round++) replicate(s, 'i4', C8.filter((id) => id !== 'i4'));
    for (const id of C8) expect(logText(s[id].log)).toBe('High voltage');
    expect(s.i1.votes).toEqual(['i1', null, null]); // offline in t2, adopts t3 from i4's card
    expect(s.i4.commitIndex).toBe(12);
  });
});
