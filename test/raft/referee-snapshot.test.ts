/** The referee on log-compaction moves (docs/rules-extended.md R29–R32): M24–M27, named and explained. */
import { describe, expect, it } from 'vitest';
import { referee } from '../../src/raft/referee.js';
import { step } from '../../src/raft/step.js';
import type { AppendEntries, Input, InstallSnapshot, ServerState, StepOptions } from '../../src/raft/types.js';
import { edit, ids, log, sheet } from './referee-helpers.js';

const C = ids(8);
const ON: StepOptions = { maxEntries: 4, snapshotEvery: 8 };
const BOX = { lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' };
const peers = C.filter((x) => x !== 'i4');
const leader = (next8 = 13): ServerState => sheet('i4', C, {
  votes: 'i1 - i4 - - - - i4', role: 'leader', log: 't8:␣zap', snapshot: { ...BOX }, commitIndex: 12, lastApplied: 12,
  nextIndex: { ...Object.fromEntries(peers.map((x) => [x, 13])), i8: next8 },
  matchIndex: { ...Object.fromEntries(peers.map((x) => [x, 12])), i8: 0 },
});
const snap: InstallSnapshot = { type: 'InstallSnapshot', term: 8, leaderId: 'i4', ...BOX };

describe('referee with snapshots on', () => {
  it('correct snapshot moves are accepted: compaction, InstallSnapshot both sides', () => {
    const f = sheet('i2', C, { votes: 'i1', log: 't1:HighLoad', commitIndex: 4, lastApplied: 4 });
    const ae: Input = { kind: 'receive', from: 'i1', message: { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 8, prevLogTerm: 1, entries: [], leaderCommit: 8 } };
    expect(referee(f, ae, step(f, ae, ON), ON)).toEqual([]);
    const i8 = sheet('i8', C, { votes: 'i1 i8 i4 i8 i8 i8 i8 i4', log: 't1:High t3:␣vol' });
    const inst: Input = { kind: 'receive', from: 'i4', message: snap };
    expect(referee(i8, inst, step(i8, inst, ON), ON)).toEqual([]);
  });

  it('M24: a snapshot past lastApplied (entries committed but not applied in the box)', () => {
    const f = sheet('i2', C, { votes: 'i1', log: 't1:HighLoad t1:Word', commitIndex: 8, lastApplied: 8 });
    const input: Input = { kind: 'send', to: [] };
    const wrong = edit(f, input, (x) => {
      x.state.snapshot = { lastIncludedIndex: 12, lastIncludedTerm: 1, data: 'HighLoadWord' };
      x.state.log = [];
    }, ON);
    const m = referee(f, input, wrong, ON);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ rule: 'R30', mistake: 'M24', field: 'snapshot' });
    expect(m[0].explain.en).toContain('lastApplied');
    expect(m[0].explain.ru).toContain('применённые');
  });

  it('R30: not snapshotting when the threshold is reached; M24 keeping the compacted entries in the log', () => {
    const f = sheet('i2', C, { votes: 'i1', log: 't1:HighLoad', commitIndex: 4, lastApplied: 4 });
    const ae: Input = { kind: 'receive', from: 'i1', message: { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 8, prevLogTerm: 1, entries: [], leaderCommit: 8 } };
    const none = edit(f, ae, (x) => {
      delete x.state.snapshot;
      x.state.log = log('t1:HighLoad');
    }, ON);
    const m = referee(f, ae, none, ON);
    expect(m).toHaveLength(1); // one root cause: the log's uncut entries are not a second mistake
    expect(m[0]).toMatchObject({ rule: 'R30', field: 'snapshot', expected: '8/t1 "HighLoad"', given: '∅' });
    const kept = edit(f, ae, (x) => {
      x.state.log = log('t1:HighLoad');
    }, ON);
    expect(referee(f, ae, kept, ON)[0]).toMatchObject({ rule: 'R29', mistake: 'M24', field: 'log' });
  });

  it('M25: AppendEntries to a follower whose nextIndex is inside the snapshot', () => {
    const l = leader(12);
    const input: Input = { kind: 'send', to: ['i8'] };
    const ae: AppendEntries = { type: 'AppendEntries', term: 8, leaderId: 'i4', prevLogIndex: 11, prevLogTerm: 3, entries: log('t3:e t8:␣za'), leaderCommit: 12 };
    const m = referee(l, input, { state: l, send: [{ to: 'i8', message: ae }] }, ON);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ rule: 'R32', mistake: 'M25' });
    expect(m[0].explain.en).toContain('InstallSnapshot');
    // And the reverse: a snapshot to a follower that only needs entries 13 on.
    const m2 = referee(leader(), { kind: 'send', to: ['i2'] }, { state: leader(), send: [{ to: 'i2', message: snap }] }, ON);
    expect(m2[0]).toMatchObject({ rule: 'R32', mistake: 'M25' });
  });

  it('M26: installing a snapshot but keeping the old log beside it, commit left behind', () => {
    const i8 = sheet('i8', C, { votes: 'i1 i8 i4 i8 i8 i8 i8 i4', log: 't1:High t3:␣vol' });
    const input: Input = { kind: 'receive', from: 'i4', message: snap };
    const wrong = edit(i8, input, (x) => {
      x.state.log = log('t1:High t3:␣vol');
      x.state.commitIndex = 0;
      x.state.lastApplied = 0;
    }, ON);
    const m = referee(i8, input, wrong, ON);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ rule: 'R31', mistake: 'M26' });
    expect(m[0].explain.en).toContain('whole log goes');
    expect(m[0].explain.ru).toContain('ты');
  });

  it('M27: reading the InstallSnapshotReply without moving nextIndex and matchIndex', () => {
    const l = leader(12);
    const input: Input = { kind: 'receive', from: 'i8', message: { type: 'InstallSnapshotReply', term: 8 }, request: snap };
    const m = referee(l, input, { state: l, send: [] }, ON);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ rule: 'R32', mistake: 'M27' });
    expect(m[0].explain.en).toContain('matchIndex[i8] becomes 12');
  });

  it('R31: a stale InstallSnapshot that is installed anyway is R5', () => {
    const i8 = sheet('i8', C, { votes: 'i1 i8 i4 i8 i8 i8 i8 i4 i8', log: 't1:High' });
    const input: Input = { kind: 'receive', from: 'i4', message: snap };
    const wrong = edit(i8, input, (x) => {
      x.state.snapshot = { ...BOX };
      x.state.log = [];
    }, ON);
    expect(referee(i8, input, wrong, ON)[0]).toMatchObject({ rule: 'R5' });
  });
});
