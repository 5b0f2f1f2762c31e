/**
 * docs/rules-extended.md R29–R32 (log compaction and InstallSnapshot, Ongaro's dissertation §5,
 * Figure 5.3) on the reference step(), and that without the option nothing of it happens (games
 * 1–5 never see a snapshot box).
 */
import { describe, expect, it } from 'vitest';
import { lastIndex, lastTerm, fullText } from '../../src/raft/snapshot.js';
import { restart, step } from '../../src/raft/step.js';
import type { AppendEntries, InstallSnapshot, ServerState, StepOptions } from '../../src/raft/types.js';
import { Cluster, ids, log, message, recv, reply, sheet } from './referee-helpers.js';

const C = ids(8);
const ON: StepOptions = { maxEntries: 4, snapshotEvery: 8 };
const OFF: StepOptions = { maxEntries: 4 };
const BOX = { lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' };
/** i4 after game 5 with snapshots on: entries 1–12 in the box, " zap" at 13–16 of term 8. */
const leader = (): ServerState => sheet('i4', C, {
  votes: 'i1 - i4 - - - - i4', role: 'leader', log: 't8:␣zap', snapshot: { ...BOX }, commitIndex: 12, lastApplied: 12,
  nextIndex: Object.fromEntries(C.filter((x) => x !== 'i4').map((x) => [x, 13])),
  matchIndex: Object.fromEntries(C.filter((x) => x !== 'i4').map((x) => [x, 12])),
});
const snap = (term = 8): InstallSnapshot => ({ type: 'InstallSnapshot', term, leaderId: 'i4', ...BOX });

describe('R29: the log starts after the snapshot box', () => {
  const f = sheet('i2', C, { votes: 'i1 - i4 - - - - i4', log: 't8:␣z', snapshot: { ...BOX }, commitIndex: 12, lastApplied: 12 });

  it('lastLogIndex and lastLogTerm count the box: 14/t8 with entries, 12/t3 without (R3, R10)', () => {
    expect([lastIndex(f), lastTerm(f)]).toEqual([14, 8]);
    const empty = { ...f, log: [] };
    expect([lastIndex(empty), lastTerm(empty)]).toEqual([12, 3]);
    expect(fullText(f)).toBe('High voltage z');
  });

  it('a RequestVote is judged against the last entry after the box (R10)', () => {
    const cand = (last: number, lastT: number) => recv('i5', { type: 'RequestVote', term: 9, candidateId: 'i5', lastLogIndex: last, lastLogTerm: lastT });
    expect((step(f, cand(13, 8), ON).send[0].message as { voteGranted: boolean }).voteGranted).toBe(false);
    expect((step(f, cand(14, 8), ON).send[0].message as { voteGranted: boolean }).voteGranted).toBe(true);
  });

  it('the check at lastIncludedIndex uses lastIncludedTerm; below it the card\'s compacted entries are skipped (R17, R18)', () => {
    const at12: AppendEntries = { type: 'AppendEntries', term: 8, leaderId: 'i4', prevLogIndex: 12, prevLogTerm: 3, entries: log('t8:␣zap'), leaderCommit: 12 };
    const r = step(f, recv('i4', at12), ON);
    expect(r.state.log).toEqual(log('t8:␣zap'));
    expect((r.send[0].message as { success: boolean }).success).toBe(true);
    const wrongTerm = step(f, recv('i4', { ...at12, prevLogTerm: 2 }), ON);
    expect((wrongTerm.send[0].message as { success: boolean }).success).toBe(false);
    const at10: AppendEntries = { ...at12, prevLogIndex: 10, prevLogTerm: 3, entries: log('t3:ge t8:␣z') };
    const below = step(f, recv('i4', at10), ON);
    expect(below.state.log).toEqual(log('t8:␣z'));
    expect(below.state.snapshot).toEqual(BOX);
  });

  it('a restart keeps the box: commitIndex and lastApplied start at lastIncludedIndex (R1)', () => {
    const r = restart({ ...f, commitIndex: 14, lastApplied: 14 });
    expect(r.snapshot).toEqual(BOX);
    expect([r.commitIndex, r.lastApplied, r.log.length]).toEqual([12, 12, 2]);
  });
});

describe('R30: each server snapshots its applied prefix at the threshold', () => {
  it('a follower that applies the 8th entry above its box compacts in the same move', () => {
    const f = sheet('i2', C, { votes: 'i1', log: 't1:HighLoad', commitIndex: 4, lastApplied: 4 });
    const ae: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 8, prevLogTerm: 1, entries: [], leaderCommit: 8 };
    const r = step(f, recv('i1', ae), ON);
    expect(r.state.snapshot).toEqual({ lastIncludedIndex: 8, lastIncludedTerm: 1, data: 'HighLoad' });
    expect(r.state.log).toEqual([]);
    expect([r.state.commitIndex, r.state.lastApplied]).toEqual([8, 8]);
  });

  it('never an unapplied entry: committed 7 of 12, nothing below the threshold stays in the log', () => {
    const f = sheet('i2', C, { votes: 'i1', log: 't1:HighLoad t1:Word', commitIndex: 0, lastApplied: 0 });
    const ae: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 12, prevLogTerm: 1, entries: [], leaderCommit: 7 };
    const r = step(f, recv('i1', ae), ON);
    expect(r.state.snapshot).toBeUndefined();
    expect(r.state.log).toHaveLength(12);
  });

  it('the leader compacts too, and the box grows from the old one (text appended)', () => {
    const l = { ...leader(), matchIndex: { ...leader().matchIndex, i1: 16, i2: 16, i3: 16, i5: 16 }, log: log('t8:␣zap t8:Snap') };
    const l2 = { ...l, matchIndex: { ...l.matchIndex, i1: 20, i2: 20, i3: 20, i5: 20 } };
    const r = step(l2, reply('i5', { type: 'AppendEntriesReply', term: 8, success: true }, { type: 'AppendEntries', term: 8, leaderId: 'i4', prevLogIndex: 12, prevLogTerm: 3, entries: log('t8:␣zap'), leaderCommit: 12 }), ON);
    expect(r.state.commitIndex).toBe(20);
    expect(r.state.snapshot).toEqual({ lastIncludedIndex: 20, lastIncludedTerm: 8, data: 'High voltage zapSnap' });
    expect(r.state.log).toEqual([]);
  });

  it('without the option no sheet ever gets a box (games 1–5)', () => {
    const f = sheet('i2', C, { votes: 'i1', log: 't1:HighLoad' });
    const ae: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 8, prevLogTerm: 1, entries: [], leaderCommit: 8 };
    expect(step(f, recv('i1', ae), OFF).state.snapshot).toBeUndefined();
  });
});

describe('R32: the leader sends a snapshot where the entries are gone', () => {
  it('nextIndex at or below lastIncludedIndex gets InstallSnapshot, above it AppendEntries with prev = 12/t3', () => {
    const l = { ...leader(), nextIndex: { ...leader().nextIndex, i8: 12 } };
    const cards = step(l, { kind: 'send', to: ['i8', 'i2'] }, ON).send;
    expect(message(cards, 'i8', 'InstallSnapshot')).toEqual(snap());
    expect(message(cards, 'i2', 'AppendEntries')).toMatchObject({ prevLogIndex: 12, prevLogTerm: 3, entries: log('t8:␣zap') });
  });

  it('reading the reply: matchIndex = lastIncludedIndex, nextIndex one more, then R22', () => {
    const l = { ...leader(), nextIndex: { ...leader().nextIndex, i8: 12 }, matchIndex: { ...leader().matchIndex, i8: 0 } };
    const r = step(l, reply('i8', { type: 'InstallSnapshotReply', term: 8 }, snap()), ON);
    expect([r.state.matchIndex.i8, r.state.nextIndex.i8]).toEqual([12, 13]);
    const again = step(r.state, { kind: 'send', to: ['i8'] }, ON).send;
    expect(message(again, 'i8', 'AppendEntries')).toMatchObject({ prevLogIndex: 12, prevLogTerm: 3 });
  });

  it('a reply with a higher term deposes the leader (R4); a reply to an older term is dropped (R6)', () => {
    const l = leader();
    expect(step(l, reply('i8', { type: 'InstallSnapshotReply', term: 9 }, snap()), ON).state.role).toBe('follower');
    const stale = step(l, reply('i8', { type: 'InstallSnapshotReply', term: 8 }, snap(7)), ON);
    expect(stale.state).toEqual(l);
  });
});

describe('R31: a follower installs InstallSnapshot', () => {
  const i8 = sheet('i8', C, { votes: 'i1 i8 i4 i8 i8 i8 i8 i4', log: 't1:High t3:␣vol' });

  it('a log without entry 12/t3 is discarded; box, commit and applied from the card; reply with its term', () => {
    const r = step(i8, recv('i4', snap()), ON);
    expect(r.state.snapshot).toEqual(BOX);
    expect(r.state.log).toEqual([]);
    expect([r.state.commitIndex, r.state.lastApplied]).toEqual([12, 12]);
    expect(r.send).toEqual([{ to: 'i4', message: { type: 'InstallSnapshotReply', term: 8 } }]);
    expect(r.resetTimer).toBe(true);
  });

  it('a log holding entry 12 of term t3 keeps what follows it (Figure 5.3 step 6)', () => {
    const f = sheet('i2', C, { votes: 'i1 - i4 - - - - i4', log: 't1:High t3:␣voltage t8:␣z' });
    const r = step(f, recv('i4', snap()), ON);
    expect(r.state.log).toEqual(log('t8:␣z'));
    expect(lastIndex(r.state)).toBe(14);
  });

  it('a snapshot covering nothing beyond commitIndex changes nothing; a stale one is answered with the own term (R5)', () => {
    const f = sheet('i2', C, { votes: 'i1 - i4 - - - - i4', log: 't1:High t3:␣voltage', commitIndex: 12, lastApplied: 12 });
    expect(step(f, recv('i4', snap()), OFF).state).toEqual(f);
    const r = step(i8, recv('i4', snap(7)), ON);
    expect(r.state).toEqual(i8);
    expect(r.send[0].message).toEqual({ type: 'InstallSnapshotReply', term: 8 });
  });

  it('a candidate of the same term steps down to follower (R12)', () => {
    const cand = sheet('i8', C, { votes: 'i1 i8 i4 i8 i8 i8 i8 i8', role: 'candidate', votesGranted: ['i8'] });
    expect(step(cand, recv('i4', snap()), ON).state.role).toBe('follower');
  });
});

describe('a cluster playing with snapshots', () => {
  it('a follower that was away catches up by snapshot then AppendEntries, and all hold the same text', () => {
    const k = new Cluster(ids(3), { maxEntries: 4, snapshotEvery: 4 });
    k.elect('i1', ['i2', 'i3']);
    for (const word of ['High', 'Load']) {
      k.write('i1', word);
      for (const c of k.move('i1', { kind: 'send', to: ['i2'] })) k.roundTrip('i1', c);
    }
    k.replicate('i1', ['i2']); // leaderCommit 8 to i2: it applies and compacts too
    expect(k.s.i1.snapshot?.lastIncludedIndex).toBe(8);
    const first = k.move('i1', { kind: 'send', to: ['i3'] });
    expect(first[0].message.type).toBe('InstallSnapshot');
    k.roundTrip('i1', first[0]);
    k.replicate('i1', ['i3']);
    for (const id of ids(3)) expect(fullText(k.s[id])).toBe('HighLoad');
    expect(k.s.i3.snapshot).toEqual({ lastIncludedIndex: 8, lastIncludedTerm: 1, data: 'HighLoad' });
  });
});
