/**
 * RAFT-RULES.md R19 (follower commit), R22 (leader commit) and R23 (applying) on the reference
 * step() and advanceLeaderCommit(). Tables re-express etcd raft_test.go TestHandleMsgApp
 * ("Ensure" rows), TestCommit, raft_paper_test.go TestLeaderOnlyCommitsLogFromCurrentTerm,
 * TestLeaderCommitPrecedingEntries and TestFollowerCommitEntry.
 */
import { describe, expect, it } from 'vitest';
import { advanceLeaderCommit, applyCommitted, restart, step } from '../../src/raft/step.js';
import type { AppendEntries, Entry, ServerState } from '../../src/raft/types.js';
import { ae, elect, entries, fresh, ids, leader, recv, replicate, sheet, write } from './rules-harness.js';

const C3 = ['i1', 'i2', 'i3'];

describe('R19 — follower commit: min(leaderCommit, prevLogIndex + len(entries))', () => {
  // etcd TestHandleMsgApp: follower log terms [1, 2], commit 0, term 2.
  // (prevIndex, prevTerm, leaderCommit, entries) → (last index, commitIndex, success)
  const rows: { prev: number; prevTerm: number; commit: number; sent: Entry[]; last: number; want: number; success: boolean }[] = [
    // Ensure 1: the check fails, nothing commits
    { prev: 2, prevTerm: 3, commit: 3, sent: [], last: 2, want: 0, success: false },
    { prev: 3, prevTerm: 3, commit: 3, sent: [], last: 2, want: 0, success: false },
    // Ensure 2
    { prev: 1, prevTerm: 1, commit: 1, sent: [], last: 2, want: 1, success: true },
    { prev: 0, prevTerm: 0, commit: 1, sent: [{ term: 2, value: 'a' }], last: 1, want: 1, success: true },
    { prev: 2, prevTerm: 2, commit: 3, sent: [{ term: 2, value: 'c' }, { term: 2, value: 'd' }], last: 4, want: 3, success: true },
    { prev: 2, prevTerm: 2, commit: 4, sent: [{ term: 2, value: 'c' }], last: 3, want: 3, success: true },
    { prev: 1, prevTerm: 1, commit: 4, sent: [{ term: 2, value: '2@2' }], last: 2, want: 2, success: true },
    // Ensure 3: commit up to the last entry covered by the card, not the follower's own last entry
    { prev: 1, prevTerm: 1, commit: 3, sent: [], last: 2, want: 1, success: true },
    { prev: 1, prevTerm: 1, commit: 3, sent: [{ term: 2, value: '2@2' }], last: 2, want: 2, success: true },
    { prev: 2, prevTerm: 2, commit: 3, sent: [], last: 2, want: 2, success: true },
    { prev: 2, prevTerm: 2, commit: 4, sent: [], last: 2, want: 2, success: true },
  ];
  for (const r of rows) {
    it(`R19: prev ${r.prev}/${r.prevTerm}, ${r.sent.length} entries, leaderCommit ${r.commit} → last ${r.last}, commit ${r.want}`, () => {
      const s = sheet('i2', C3, { term: 2, log: entries([1, 2]) });
      const out = step(s, recv('i1', ae(2, 'i1', r.prev, r.prevTerm, r.sent, r.commit)));
      expect(out.state.log.length).toBe(r.last);
      expect(out.state.commitIndex).toBe(r.want);
      expect(out.state.lastApplied).toBe(r.want);
      expect(out.send[0].message).toEqual({ type: 'AppendEntriesReply', term: 2, success: r.success });
    });
  }

  it('R19 (M2, game 4): a heartbeat at prev 4 with leaderCommit 8 commits only 1..4, not the stale Load tail', () => {
    // i4 leads term 3 with "High vol" committed on a majority; i1 still holds HighLoad (Load of t1).
    const c = ['i1', 'i4', 'i5', 'i6'];
    const i4 = leader('i4', c, 3, [...entries([1, 1, 1, 1], 'High'), ...entries([3, 3, 3, 3], ' vol').map((e) => e)], {
      votes: [null, null, 'i4'], commitIndex: 8, nextIndex: { i1: 5, i5: 9, i6: 9 }, matchIndex: { i1: 0, i5: 8, i6: 8 },
    });
    // A real heartbeat: the leader's `send` with no room for entries (maxEntries 0).
    const card = step(i4, { kind: 'send', to: ['i1'] }, { maxEntries: 0 }).send[0].message as AppendEntries;
    expect(card).toEqual(ae(3, 'i4', 4, 1, [], 8));
    const i1 = sheet('i1', c, { votes: ['i1'], log: entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad') });
    const after = step(i1, recv('i4', card)).state;
    expect(after.commitIndex).toBe(4);
    expect(after.lastApplied).toBe(4);
    expect(after.log.map((e) => e.value).join('')).toBe('HighLoad'); // tail kept (R18), but not committed
  });

  it('R19: commitIndex never decreases, even if the card would allow less', () => {
    const s = sheet('i2', C3, { term: 2, log: entries([1, 2, 2]), commitIndex: 3 });
    const out = step(s, recv('i1', ae(2, 'i1', 1, 1, [], 5)));
    expect(out.state.commitIndex).toBe(3);
  });
});

describe('R22 — leader commit: majority and current term', () => {
  // etcd TestCommit: match indexes (leader first = its own last index), log terms, leader term → commitIndex.
  // etcd's rows with a leader of term 1 holding a term-2 entry (impossible in Raft) are re-expressed
  // with the log [1, 1]: entry 1 is on every server and of the current term, so it commits.
  const rows: { match: number[]; log: number[]; term: number; want: number }[] = [
    { match: [1], log: [1], term: 1, want: 1 },
    { match: [1], log: [1], term: 2, want: 0 },
    { match: [2], log: [1, 2], term: 2, want: 2 },
    { match: [1], log: [2], term: 2, want: 1 },
    { match: [2, 1, 1], log: [1, 1], term: 1, want: 1 },
    { match: [2, 1, 1], log: [1, 1], term: 2, want: 0 },
    { match: [2, 1, 2], log: [1, 2], term: 2, want: 2 },
    { match: [2, 1, 2], log: [1, 1], term: 2, want: 0 },
    { match: [2, 1, 1, 1], log: [1, 1], term: 1, want: 1 },
    { match: [2, 1, 1, 1], log: [1, 1], term: 2, want: 0 },
    { match: [2, 1, 1, 2], log: [1, 1], term: 1, want: 1 },
    { match: [2, 1, 1, 2], log: [1, 1], term: 2, want: 0 },
    { match: [2, 1, 2, 2], log: [1, 2], term: 2, want: 2 },
    { match: [2, 1, 2, 2], log: [1, 1], term: 2, want: 0 },
  ];
  for (const { match, log, term, want } of rows) {
    it(`R22: match [${match}], log terms [${log}], leader of term ${term} → commitIndex ${want}`, () => {
      const cluster = ids(match.length);
      const matchIndex = Object.fromEntries(cluster.slice(1).map((id, k) => [id, match[k + 1]]));
      const s = leader('i1', cluster, term, entries(log), { matchIndex });
      const after = advanceLeaderCommit(s);
      expect(after.commitIndex).toBe(want);
      expect(after.lastApplied).toBe(want);
    });
  }
  // etcd TestLeaderOnlyCommitsLogFromCurrentTerm: log [1, 2], leader elected in term 3.
  for (const [acked, want] of [[1, 0], [2, 0], [3, 3]] as const) {
    it(`R22 (M3): leader of term 3 with log [1, 2, 3]; followers acknowledge ${acked} → commitIndex ${want}`, () => {
      const s = leader('i1', C3, 3, entries([1, 2, 3]), { matchIndex: { i2: acked, i3: acked } });
      expect(advanceLeaderCommit(s).commitIndex).toBe(want);
    });
  }

  it('R22 (etcd TestLeaderCommitPrecedingEntries): committing the first current-term entry commits all before it', () => {
    for (const older of [[], [2], [1, 1], [1, 2]]) {
      const log = entries([...older, 3]);
      const s = leader('i1', C3, 3, log, { matchIndex: { i2: log.length, i3: 0 } });
      const after = advanceLeaderCommit(s);
      expect(after.commitIndex).toBe(log.length);
      expect(after.lastApplied).toBe(log.length);
    }
  });

  it('R22 (etcd TestLeaderAcknowledgeCommit): commit needs the leader plus enough followers for a majority of 5', () => {
    const cases: [Record<string, number>, number][] = [
      [{ i2: 0, i3: 0, i4: 0, i5: 0 }, 0],
      [{ i2: 1, i3: 0, i4: 0, i5: 0 }, 0],
      [{ i2: 1, i3: 1, i4: 0, i5: 0 }, 1],
      [{ i2: 1, i3: 0, i4: 1, i5: 1 }, 1],
    ];
    for (const [matchIndex, want] of cases) {
      const s = leader('i1', ids(5), 1, entries([1]), { matchIndex });
      expect(advanceLeaderCommit(s).commitIndex).toBe(want);
    }
  });

  it('R22: the largest N qualifies; commitIndex never goes down; only a leader commits', () => {
    const s = leader('i1', ids(5), 2, entries([2, 2, 2, 2]), { matchIndex: { i2: 4, i3: 3, i4: 1, i5: 0 } });
    expect(advanceLeaderCommit(s).commitIndex).toBe(3);
    const ahead = leader('i1', ids(5), 2, entries([2, 2, 2, 2]), { commitIndex: 4, matchIndex: { i2: 1, i3: 0, i4: 0, i5: 0 } });
    expect(advanceLeaderCommit(ahead).commitIndex).toBe(4);
    const follower = sheet('i1', C3, { term: 2, log: entries([2]) });
    expect(advanceLeaderCommit(follower)).toBe(follower);
  });

  it('R22: commit happens when the acknowledging reply arrives (step() calls the rule)', () => {
    const s = fresh(C3);
    elect(s, 'i1');
    write(s, 'i1', 'Hi');
    expect(s.i1.commitIndex).toBe(0);
    replicate(s, 'i1', ['i2']);
    expect(s.i1.commitIndex).toBe(2);
    expect(s.i2.commitIndex).toBe(0); // the follower learns it from the next card (R19)
    replicate(s, 'i1', ['i2']);
    expect(s.i2.commitIndex).toBe(2);
  });
});

describe('R23 — applying in index order, never past commitIndex', () => {
  it('R23: applyCommitted raises lastApplied to commitIndex and no further', () => {
    const s = sheet('i2', C3, { term: 1, log: entries([1, 1, 1]), commitIndex: 2, lastApplied: 0 });
    expect(applyCommitted(s).lastApplied).toBe(2);
    const done = sheet('i2', C3, { term: 1, log: entries([1, 1, 1]), commitIndex: 2, lastApplied: 2 });
    expect(applyCommitted(done)).toBe(done);
  });

  it('R23 (etcd TestFollowerCommitEntry): a follower applies exactly the entries the card commits', () => {
    const rows: { sent: number; commit: number }[] = [{ sent: 1, commit: 1 }, { sent: 2, commit: 2 }, { sent: 2, commit: 1 }];
    for (const { sent, commit } of rows) {
      const out = step(sheet('i2', C3, { term: 1 }), recv('i1', ae(1, 'i1', 0, 0, entries([1, 1]).slice(0, sent), commit))).state;
      expect(out.lastApplied).toBe(commit);
      expect(out.log.length).toBe(sent);
    }
  });

  it('R23 + R1: after a restart the server applies 1.. again only once it learns the commit index', () => {
    const s = fresh(C3);
    elect(s, 'i1');
    write(s, 'i1', 'abc');
    replicate(s, 'i1', ['i2', 'i3']);
    replicate(s, 'i1', ['i2', 'i3']);
    expect(s.i2.lastApplied).toBe(3);
    s.i2 = restart(s.i2);
    expect([s.i2.commitIndex, s.i2.lastApplied]).toEqual([0, 0]);
    replicate(s, 'i1', ['i2']);
    expect([s.i2.commitIndex, s.i2.lastApplied]).toEqual([3, 3]);
  });

  it('R23: through a whole run lastApplied ≤ commitIndex ≤ lastLogIndex on every server after every move', () => {
    const s = fresh(ids(5));
    const check = (all: Record<string, ServerState>) => {
      for (const x of Object.values(all)) {
        expect(x.lastApplied).toBeLessThanOrEqual(x.commitIndex);
        expect(x.commitIndex).toBeLessThanOrEqual(x.log.length);
      }
    };
    elect(s, 'i1');
    for (const letter of 'HighLoad') {
      write(s, 'i1', letter);
      replicate(s, 'i1', ['i2', 'i3']);
      check(s);
    }
    replicate(s, 'i1', ids(5).slice(1));
    check(s);
    expect(s.i1.commitIndex).toBe(8);
    expect(s.i4.log.length).toBe(4); // one card of four cells (R16)
    expect(s.i4.lastApplied).toBe(4);
  });
});
