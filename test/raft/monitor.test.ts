/**
 * The monitor (P1–P5) on scripted clusters: correct play through step() reports nothing; each
 * deliberately wrong move breaks one property, reported once, with the servers, term and index.
 */
import { describe, expect, it } from 'vitest';
import { createMonitor, monitorStep, type MonitorState, type Violation } from '../../src/raft/monitor.js';
import { logText } from '../../src/raft/log.js';
import { step } from '../../src/raft/step.js';
import type { Input, Outgoing, Reply, Request, ServerId, ServerState } from '../../src/raft/types.js';
import { entries, ids, leader, recv, sheet } from './rules-harness.js';
import { MonitoredCluster } from './monitored-cluster.js';

const fresh = (cluster: ServerId[]) => new MonitoredCluster(cluster.map((id) => sheet(id, cluster)));

/** Three servers; i1 leads term 1 and `text` is written on i1 and i2, so committed (R18). */
function committedOnTwo(text: string): MonitoredCluster {
  const w = fresh(ids(3));
  w.elect('i1');
  w.write('i1', text);
  w.replicate('i1', ['i2']);
  expect(w.s.i1.commitIndex).toBe(text.length);
  return w;
}

/**
 * Figure 8 (a)/(b) of the Raft paper as sheets: S1 led term 2 and wrote index 2 on S1 and S2;
 * S5 won term 3 with S3 and S4 and wrote index 2 of term 3 on its own log only.
 */
function figure8(): MonitoredCluster {
  const S = ['S1', 'S2', 'S3', 'S4', 'S5'];
  return new MonitoredCluster([
    sheet('S1', S, { votes: [null, 'S1', null], log: entries([1, 2]) }),
    sheet('S2', S, { votes: [null, 'S1', null], log: entries([1, 2]) }),
    sheet('S3', S, { votes: [null, null, 'S5'], log: entries([1]) }),
    sheet('S4', S, { votes: [null, null, 'S5'], log: entries([1]) }),
    sheet('S5', S, { votes: [null, null, 'S5'], log: entries([1, 3]) }),
  ]);
}

describe('monitor — correct play reports nothing', () => {
  it('games 1–4 of the workshop (elections, HighLoad, a lost card, a leaderless term, the overwrite)', () => {
    const C8 = ids(8);
    const w = fresh(C8);
    w.elect('i1');
    w.write('i1', 'HighLoad');
    w.replicate('i1', C8.slice(1));
    w.replicate('i1', ['i2', 'i3']);
    w.restart('i1');
    w.restart('i4');
    w.elect('i8', ['i2', 'i3', 'i5', 'i6', 'i7']);
    w.elect('i4', ['i2', 'i3', 'i5', 'i6', 'i7', 'i8']);
    w.elect('i4', ['i2', 'i3', 'i5', 'i6', 'i7', 'i8']);
    w.write('i4', ' voltage');
    for (let round = 0; round < 4; round++) w.replicate('i4', C8.filter((id) => id !== 'i4'));
    expect(logText(w.s.i1.log)).toBe('High voltage');
    expect(w.s.i1.lastApplied).toBe(12);
    expect(w.violations).toEqual([]);
    expect(w.m.leaders).toEqual({ '1': ['i1'], '3': ['i4'] });
    expect(Object.keys(w.m.committed)).toHaveLength(12);
  });

  it('Figure 8 (c)–(e) played correctly: nothing is committed early, nothing breaks', () => {
    const w = figure8();
    w.elect('S1', ['S2', 'S3']);
    w.replicate('S1', ['S2', 'S3']);
    w.replicate('S1', ['S3']);
    w.restart('S1');
    w.elect('S5', ['S2', 'S3', 'S4']);
    w.elect('S5', ['S2', 'S3', 'S4']);
    w.write('S5', 'y');
    for (let round = 0; round < 3; round++) w.replicate('S5', ['S2', 'S3', 'S4']);
    expect(w.s.S5.commitIndex).toBe(3);
    expect(w.violations).toEqual([]);
  });

  it('seeded random runs of bots (losses, duplicates, reordering, restarts) report nothing', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { violations, maxCommit, leaders } = randomRun(seed, ids(5), 2000);
      expect(violations).toEqual([]);
      expect(maxCommit).toBeGreaterThan(3); // the run did make progress
      expect(leaders).toBeGreaterThan(1); // and went through several leaders
    }
  });

  it('the same random runs with one rule bent are caught (M4: votes granted whatever the logs → P4)', () => {
    const m4: Bend = (before, input, correct) => {
      if (input.kind !== 'receive' || input.message.type !== 'RequestVote') return correct;
      const t = input.message.term;
      const s = correct.state;
      if (s.votes.length !== t || (s.votes[t - 1] !== null && s.votes[t - 1] !== input.message.candidateId)) return correct;
      return {
        state: { ...s, votes: [...s.votes.slice(0, -1), input.message.candidateId] },
        send: [{ to: input.from, message: { type: 'RequestVoteReply', term: t, voteGranted: true } }],
      };
    };
    const caught = [1, 2, 3, 4, 5, 6].flatMap((seed) => randomRun(seed, ids(5), 2000, m4).violations.map((v) => v.property));
    expect(caught).toContain('P4');
  });

  it('a restarted server re-applying the same entries is fine (P5 is about different entries)', () => {
    const w = fresh(ids(3));
    w.elect('i1');
    w.write('i1', 'ab');
    w.replicate('i1', ['i2', 'i3']);
    w.replicate('i1', ['i2', 'i3']);
    expect(w.s.i2.lastApplied).toBe(2);
    w.restart('i2');
    w.restart('i1');
    w.elect('i2');
    w.write('i2', 'c');
    w.replicate('i2', ['i1', 'i3']);
    w.replicate('i2', ['i1', 'i3']);
    expect(w.s.i1.lastApplied).toBe(3);
    expect(w.violations).toEqual([]);
  });
});

describe('monitor — P1 Election Safety', () => {
  it('P1: i3 votes twice in term 1 → i1 and i2 both lead term 1', () => {
    const w = fresh(ids(3));
    const [toI2FromI1, toI3FromI1] = w.step('i1', { kind: 'timeout' });
    const [, toI3FromI2] = w.step('i2', { kind: 'timeout' });
    expect(toI2FromI1.to).toBe('i2');
    w.roundTrip('i1', toI3FromI1); // i3 grants i1 (correct)
    expect(w.s.i1.role).toBe('leader');
    // Wrong move: i3 changes its vote of term 1 to i2 and grants it too.
    w.set('i3', { ...w.s.i3, votes: ['i2'] });
    const found = w.step('i2', recv('i3', { type: 'RequestVoteReply', term: 1, voteGranted: true }, toI3FromI2.message as Request));
    expect(found).toEqual([]);
    expect(w.s.i2.role).toBe('leader');
    expect(w.violations).toHaveLength(1);
    expect(w.violations[0]).toMatchObject({ property: 'P1', servers: ['i1', 'i2'], term: 1 });
    expect(w.violations[0].explain.en).toContain('Two leaders in term 1: i1 and i2');
    expect(w.violations[0].explain.ru).toContain('Два лидера в терме 1: i1 и i2');
    // Reported once: more moves of both leaders add nothing.
    w.write('i2', 'x');
    w.replicate('i1', ['i3']);
    expect(w.violations.filter((v) => v.property === 'P1')).toHaveLength(1);
  });

  it('P1 over history: the first leader of term 1 has already restarted when the second appears', () => {
    const w = fresh(ids(3));
    const cards1 = w.step('i1', { kind: 'timeout' });
    const cards2 = w.step('i2', { kind: 'timeout' });
    w.roundTrip('i1', cards1[1]);
    w.restart('i1'); // i1 is no longer leader
    w.set('i3', { ...w.s.i3, votes: ['i2'] }); // wrong: second vote in term 1
    w.step('i2', recv('i3', { type: 'RequestVoteReply', term: 1, voteGranted: true }, cards2[1].message as Request));
    expect(w.violations.map((v) => [v.property, v.servers, v.term])).toEqual([['P1', ['i1', 'i2'], 1]]);
  });
});

describe('monitor — P2 Leader Append-Only', () => {
  it('P2: the leader overwrites its own entry at index 2', () => {
    const C = ids(3);
    const w = new MonitoredCluster([leader('i1', C, 2, entries([1, 2], 'ab')), sheet('i2', C, { term: 2 }), sheet('i3', C, { term: 2 })]);
    const found = w.set('i1', { ...w.s.i1, log: entries([1, 2], 'ax') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ property: 'P2', servers: ['i1'], term: 2, index: 2 });
    expect(found[0].explain.en).toContain('overwrote its own entry «b» (term 2) at index 2 with «x» (term 2)');
    expect(found[0].explain.ru).toContain('перезаписал свою запись «b» (терм 2) с индексом 2 на «x» (терм 2)');
  });

  it('P2: the leader deletes its own tail to match a follower (M17)', () => {
    const C = ids(3);
    const w = new MonitoredCluster([leader('i1', C, 2, entries([1, 2, 2])), sheet('i2', C, { term: 2, log: entries([1]) }), sheet('i3', C, { term: 2 })]);
    const found = w.set('i1', { ...w.s.i1, log: entries([1]) });
    expect(found.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([['P2', ['i1'], 2, 2]]);
  });

  it('P2 does not apply across terms: a follower overwritten by a new leader, then leading, is fine', () => {
    const C = ids(3);
    const w = new MonitoredCluster([sheet('i1', C, { term: 1, log: entries([1, 1]) }), leader('i2', C, 2, entries([1, 2])), sheet('i3', C, { term: 2 })]);
    w.replicate('i2', ['i1', 'i3']);
    w.replicate('i2', ['i1', 'i3']);
    expect(logText(w.s.i1.log)).toBe('1@12@2');
    expect(w.violations).toEqual([]);
  });
});

describe('monitor — P3 Log Matching', () => {
  it('P3: a follower appends without the prevLogTerm check and ends with a matching (3, 3) but a different index 2', () => {
    const C = ids(3);
    const w = new MonitoredCluster([
      leader('i1', C, 3, [{ term: 1, value: 'H' }, { term: 1, value: 'i' }, { term: 3, value: 'g' }]),
      sheet('i2', C, { term: 3, log: [{ term: 1, value: 'H' }, { term: 2, value: 'o' }] }),
      sheet('i3', C, { term: 3, log: [{ term: 1, value: 'H' }, { term: 1, value: 'i' }] }),
    ]);
    const [card] = w.step('i1', { kind: 'send', to: ['i2'] }, { maxEntries: 4 });
    expect(card.message).toMatchObject({ prevLogIndex: 3, prevLogTerm: 3 });
    // The correct move refuses prev (2, 1); the wrong one appends entry 3 regardless.
    const wrong = { ...w.s.i2, log: [...w.s.i2.log, { term: 3, value: 'g' }] };
    const found = w.set('i2', wrong);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ property: 'P3', servers: ['i2', 'i1'], term: 3, index: 3 });
    expect(found[0].explain.en).toContain('differ at index 2 (i2: «o» (term 2), i1: «i» (term 1))');
    expect(found[0].explain.ru).toContain('на индексе 2 они различаются');
  });

  it('P3 compares values too: same index and term but a different letter', () => {
    const C = ids(3);
    const w = new MonitoredCluster([leader('i1', C, 1, entries([1], 'a')), sheet('i2', C, { term: 1 }), sheet('i3', C, { term: 1 })]);
    const found = w.set('i3', { ...w.s.i3, log: entries([1], 'z') });
    expect(found.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([['P3', ['i3', 'i1'], 1, 1]]);
  });

  it('P3 is silent for logs that simply diverge in term (the usual uncommitted conflict)', () => {
    const C = ids(3);
    const w = new MonitoredCluster([sheet('i1', C, { term: 3, log: entries([1, 2]) }), sheet('i2', C, { term: 3, log: entries([1, 3, 3]) }), sheet('i3', C, { term: 3 })]);
    expect(w.set('i3', { ...w.s.i3, log: entries([1, 2, 2]) })).toEqual([]);
  });
});

describe('monitor — P4 Leader Completeness', () => {
  it('P4: i2 votes for i3 (empty log) after entry 1 was committed; i3 leads term 2 without it', () => {
    const w = committedOnTwo('a');
    expect(w.m.committed).toEqual({ '1': { term: 1, value: 'a', committedIn: 1, by: 'i1' } });
    const [rvToI1, rvToI2] = w.step('i3', { kind: 'timeout' });
    expect(rvToI1.to).toBe('i1');
    // Wrong move: i2 adopts term 2 and grants although its log (1, 1) is more up-to-date than (0, 0).
    w.set('i2', { ...w.s.i2, votes: ['i1', 'i3'], role: 'follower' });
    w.step('i3', recv('i2', { type: 'RequestVoteReply', term: 2, voteGranted: true }, rvToI2.message as Request));
    expect(w.s.i3.role).toBe('leader');
    expect(w.violations).toHaveLength(1);
    expect(w.violations[0]).toMatchObject({ property: 'P4', servers: ['i3', 'i1'], term: 2, index: 1 });
    expect(w.violations[0].explain.en).toContain('i3 is leader of term 2, but its log does not hold the entry «a» (term 1) at index 1');
    expect(w.violations[0].explain.ru).toContain('закоммитил i1 в терме 1');
  });

  it('P4 (Figure 8, M3): S1 commits index 2 of term 2 by counting; S5 later leads term 5 without it, then P5', () => {
    const w = figure8();
    w.elect('S1', ['S2', 'S3']);
    w.replicate('S1', ['S2', 'S3']);
    w.replicate('S1', ['S3']);
    expect(w.s.S1.commitIndex).toBe(0);
    w.set('S1', { ...w.s.S1, commitIndex: 2, lastApplied: 2 }); // the M3 mistake
    expect(w.m.committed['2']).toEqual({ term: 2, value: '2@2', committedIn: 4, by: 'S1' });
    w.restart('S1');
    w.elect('S5', ['S2', 'S3', 'S4']);
    w.elect('S5', ['S2', 'S3', 'S4']);
    expect(w.violations.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([['P4', ['S5', 'S1'], 5, 2]]);
    w.write('S5', 'y');
    for (let round = 0; round < 3; round++) w.replicate('S5', ['S2', 'S3', 'S4']);
    expect(w.violations.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([
      ['P4', ['S5', 'S1'], 5, 2],
      // every server that applies «2@3» at index 2 where S1 applied «2@2» breaks P5 once
      ['P5', ['S5', 'S1'], 3, 2],
      ['P5', ['S2', 'S1'], 3, 2],
      ['P5', ['S3', 'S1'], 3, 2],
      ['P5', ['S4', 'S1'], 3, 2],
    ]);
  });

  it('P4: a leader removing a committed entry from its log is reported (and P2 with it)', () => {
    const w = committedOnTwo('ab');
    const found = w.set('i1', { ...w.s.i1, log: w.s.i1.log.slice(0, 1) });
    expect(found.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([
      ['P2', ['i1'], 1, 2],
      ['P4', ['i1', 'i1'], 1, 2],
    ]);
  });
});

describe('monitor — P5 State Machine Safety', () => {
  it('P5 (M2, game 4): i1 commits by its own last index after a heartbeat and applies Load where i4 applied ␣vol', () => {
    const c = ['i1', 'i4', 'i5', 'i6'];
    const w = new MonitoredCluster([
      sheet('i1', c, { votes: ['i1', null, null], log: entries([1, 1, 1, 1, 1, 1, 1, 1], 'HighLoad'), commitIndex: 4 }),
      leader('i4', c, 3, [...entries([1, 1, 1, 1], 'High'), ...entries([3, 3, 3, 3], ' vol')], { votes: ['i1', null, 'i4'] }),
      sheet('i5', c, { votes: ['i1', null, 'i4'], log: entries([1, 1, 1, 1], 'High'), commitIndex: 4 }),
      sheet('i6', c, { votes: ['i1', null, 'i4'], log: entries([1, 1, 1, 1], 'High'), commitIndex: 4 }),
    ]);
    for (let k = 0; k < 6; k++) w.replicate('i4', ['i5', 'i6']);
    expect(w.s.i4.lastApplied).toBe(8);
    // Heartbeats (no entries) step nextIndex back from 9 to 5, where the check passes.
    for (let k = 0; k < 4; k++) w.replicate('i4', ['i1'], { maxEntries: 0 });
    const [card] = w.step('i4', { kind: 'send', to: ['i1'] }, { maxEntries: 0 });
    expect(card.message).toMatchObject({ prevLogIndex: 4, prevLogTerm: 1, entries: [], leaderCommit: 8 });
    expect(step(w.s.i1, recv('i4', card.message as Request)).state.commitIndex).toBe(4); // the correct move (R19)
    const wrong = { ...w.s.i1, votes: ['i1', null, null], commitIndex: 8, lastApplied: 8 }; // min(8, own last 8)
    const found = w.set('i1', wrong);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ property: 'P5', servers: ['i1', 'i4'], term: 1, index: 5 });
    expect(found[0].explain.en).toContain('i1 applied «L» (term 1) at index 5, but i4 had applied « » (term 3) there');
    expect(found[0].explain.ru).toContain('i1 применил запись «L» (терм 1) с индексом 5');
    expect(w.violations).toEqual(found);
  });
});

describe('monitor — applied and committed entries never change in place (P5)', () => {
  const c = ['i1', 'i2', 'i3'];
  const applied = () => sheet('i2', c, { votes: ['i1'], log: entries([1, 1, 1, 1], 'High'), commitIndex: 4, lastApplied: 4 });

  it("a later leader's card overwrites a follower's applied entries: P5 at once, no restart needed", () => {
    const w = new MonitoredCluster([
      leader('i1', c, 1, entries([1, 1, 1, 1], 'High'), { votes: ['i1'] }),
      applied(),
      // A broken election made i3 leader of t2 with only "Hi" of t1 (M4: voted by length).
      leader('i3', c, 2, [...entries([1, 1], 'Hi'), ...entries([2], 'X')], { votes: ['i1', 'i3'], nextIndex: { i1: 3, i2: 3 } }),
    ]);
    const [card] = w.step('i3', { kind: 'send', to: ['i2'] });
    expect(card.message).toMatchObject({ prevLogIndex: 2, prevLogTerm: 1, entries: [{ term: 2, value: 'X' }] });
    w.step('i2', recv('i3', card.message as Request));
    expect(logText(w.s.i2.log)).toBe('HiX'); // step() itself merges by R18: the card is what is wrong
    expect(w.violations.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([['P5', ['i2'], 1, 3]]);
    expect(w.violations[0].explain.en).toContain('i2 had applied «g» (term 1) at index 3 (lastApplied 4) and replaced it with «X» (term 2)');
    expect(w.violations[0].explain.ru).toContain('i2 уже применил запись «g» (терм 1) с индексом 3');
  });

  it('a follower deleting entries at or below its commitIndex is reported (observe mode lets the move through)', () => {
    const w = new MonitoredCluster([sheet('i1', c, { votes: ['i1'] }), sheet('i2', c, { votes: ['i1'], log: entries([1, 1, 1, 1], 'High'), commitIndex: 4, lastApplied: 2 })]);
    const found = w.set('i2', { ...w.s.i2, log: w.s.i2.log.slice(0, 2) }); // M1 on a late card: cut after prevLogIndex 2
    expect(found.map((v) => [v.property, v.servers, v.term, v.index])).toEqual([['P5', ['i2'], 1, 3]]);
    expect(found[0].explain.en).toContain('i2 deleted its entry «g» (term 1) at index 3, at or below its commitIndex 4');
    expect(found[0].explain.ru).toContain('не выше своего commitIndex 4');
  });

  it('cutting above the commitIndex, and a restart that keeps the log, report nothing', () => {
    const w = new MonitoredCluster([sheet('i1', c, { votes: ['i1'] }), applied()]);
    w.set('i2', { ...w.s.i2, log: [...w.s.i2.log, ...entries([1, 1], 'Lo')] });
    expect(w.set('i2', { ...w.s.i2, log: w.s.i2.log.slice(0, 5) })).toEqual([]);
    w.restart('i2');
    expect(w.violations).toEqual([]);
  });
});

describe('monitor — state', () => {
  it('is plain JSON: a journaled and restored monitor continues exactly', () => {
    const w = fresh(ids(3));
    w.elect('i1');
    w.write('i1', 'ab');
    w.replicate('i1', ['i2', 'i3']);
    const restored = JSON.parse(JSON.stringify(w.m)) as MonitorState;
    expect(restored).toEqual(w.m);
    const before = w.s.i1;
    const bad = { ...before, log: entries([1], 'z') };
    const a = monitorStep(w.m, before, bad, { ...w.s, i1: bad });
    const b = monitorStep(restored, before, bad, { ...w.s, i1: bad });
    expect(b).toEqual(a);
    expect(a.violations.map((v) => [v.property, v.servers, v.index])).toEqual([
      ['P2', ['i1'], 1],
      ['P3', ['i1', 'i2'], 1],
      ['P3', ['i1', 'i3'], 1],
      ['P4', ['i1', 'i1'], 1],
    ]);
  });

  it('monitorStep does not modify the monitor it is given', () => {
    const m = createMonitor();
    const copy = JSON.parse(JSON.stringify(m));
    const s = leader('i1', ['i1'], 1, entries([1]), { commitIndex: 1 });
    const r = monitorStep(m, sheet('i1', ['i1']), s, { i1: s });
    expect(m).toEqual(copy);
    expect(r.monitor.leaders).toEqual({ '1': ['i1'] });
  });
});

// ---- a seeded random cluster of bots: only step(), with an unreliable network ----

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

interface Flight { from: ServerId; to: ServerId; message: Request | Reply; request?: Request }

/** A bent rule: rewrites the correct result of one move (to see that the monitor notices). */
type Bend = (before: ServerState, input: Input, correct: { state: ServerState; send: Outgoing[] }) => { state: ServerState; send: Outgoing[] };

function randomRun(seed: number, cluster: ServerId[], moves: number, bend?: Bend): { violations: Violation[]; maxCommit: number; leaders: number } {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const w = fresh(cluster);
  if (bend) {
    w.step = (id, input, options) => {
      const bent = bend(w.s[id], input, step(w.s[id], input, options));
      w.set(id, bent.state);
      return bent.send;
    };
  }
  let net: Flight[] = [];
  const post = (from: ServerId, out: Outgoing[], request?: Request) =>
    out.forEach((o) => net.push({ from, to: o.to, message: o.message as Request | Reply, request }));
  for (let k = 0; k < moves; k++) {
    const x = r();
    const leaders = cluster.filter((id) => w.s[id].role === 'leader');
    if (x < 0.01) {
      const id = pick(cluster);
      post(id, w.step(id, { kind: 'timeout' }));
    } else if (x < 0.015) {
      w.restart(pick(cluster));
    } else if (x < 0.15 && leaders.length > 0) {
      w.step(pick(leaders), { kind: 'client', value: String.fromCharCode(97 + Math.floor(r() * 26)) });
    } else if (x < 0.3 && leaders.length > 0) {
      const id = pick(leaders);
      post(id, w.step(id, { kind: 'send', to: cluster.filter(() => r() < 0.7) }, { maxEntries: 1 + Math.floor(r() * 4) }));
    } else if (net.length > 0) {
      const i = Math.floor(r() * Math.min(net.length, 6)); // mostly in order, some reordering
      const f = net[i];
      const y = r();
      if (y < 0.1) net.splice(i, 1); // lost
      else {
        if (y > 0.2) net.splice(i, 1); // else duplicated: it stays in flight
        if (f.request) w.step(f.to, recv(f.from, f.message as Reply, f.request));
        else post(f.to, w.step(f.to, recv(f.from, f.message as Request)), f.message as Request);
      }
    }
    if (net.length > 200) net = net.slice(-100);
  }
  return {
    violations: w.violations,
    maxCommit: Object.keys(w.m.committed).length, // entries ever committed by a leader
    leaders: Object.values(w.m.leaders).flat().length,
  };
}
