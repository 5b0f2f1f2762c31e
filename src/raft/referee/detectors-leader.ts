/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: the leader's own bookkeeping — its log, nextIndex, matchIndex and commitIndex (R13, R20–R22, P2).
 */
import { lastLogIndex, majority, termAt } from '../log.js';
import { advanceLeaderCommit } from '../step.js';
import type { ServerState } from '../types.js';
import { claim, type Detector, find, isStaleReply, reportMistake, receivedReply } from './context.js';
import { firstDifference, isPrefix } from './diff.js';
import { entryAt } from './format.js';
import { explain } from './explanations.js';

/** M17: a leader rewrote or shortened its own log (Leader Append-Only, P2). */
export const leaderRewritesLog: Detector = (ctx) => {
  const d = find(ctx, 'log');
  if (!d || ctx.before.role !== 'leader' || !isPrefix(ctx.before.log, ctx.expected.log) || isPrefix(ctx.before.log, ctx.given.log)) return [];
  const k = firstDifference(ctx.before.log, ctx.given.log);
  const now = k > ctx.given.log.length ? explain('leaderRewritesLog') : explain('leaderRewritesLog2', { entryAt: entryAt(ctx.given.log, k) });
  claim(ctx, 'log');
  return [reportMistake(ctx, 'P2', 'M17', d, explain('leaderRewritesLog3', { termBefore: ctx.termBefore, k, entryAt: entryAt(ctx.before.log, k), now }))];
};

/** M19: a no-op entry appended on winning, as etcd/hashicorp do (R13, RAFT-RULES F). */
export const noopOnElection: Detector = (ctx) => {
  const d = find(ctx, 'log');
  if (!d || ctx.before.role === 'leader' || ctx.expected.role !== 'leader' || ctx.given.role !== 'leader') return [];
  if (ctx.given.log.length !== ctx.expected.log.length + 1 || !isPrefix(ctx.expected.log, ctx.given.log) || ctx.given.log[ctx.given.log.length - 1].term !== ctx.expectedTerm) return [];
  const extra = lastLogIndex(ctx.given.log);
  claim(ctx, 'log', (x) => x.field.startsWith('nextIndex[') && x.given === extra + 1);
  return [reportMistake(ctx, 'R13', 'M19', d, explain('noopOnElection', { expectedTerm: ctx.expectedTerm, extra, entryAt: entryAt(ctx.given.log, extra), next: lastLogIndex(ctx.expected.log) + 1 }))];
};

/** M11: matchIndex from the leader's log length, or lowered by a late reply (R20, R21). */
export const matchIndexWrong: Detector = (ctx) => {
  const r = receivedReply(ctx);
  if (!r || r.m.type !== 'AppendEntriesReply' || !r.m.success || ctx.before.role !== 'leader' || r.m.term !== ctx.termBefore || isStaleReply(ctx, r.m, r.request)) return [];
  const from = r.from;
  const d = find(ctx, `matchIndex[${from}]`);
  if (!d || r.request.type !== 'AppendEntries') return [];
  const given = ctx.given.matchIndex[from];
  const old = ctx.before.matchIndex[from] ?? 0;
  const acked = r.request.prevLogIndex + r.request.entries.length;
  const mine = lastLogIndex(ctx.before.log);
  const fromLength = given === mine && mine !== acked;
  const lowered = given !== undefined && given < old;
  if (!fromLength && !lowered) return [];
  const ifCommit = advanceLeaderCommit({ ...ctx.before, matchIndex: { ...ctx.before.matchIndex, ...ctx.given.matchIndex } }, ctx.options);
  claim(ctx, `matchIndex[${from}]`, (x) => x.field === `nextIndex[${from}]` && x.given === (given ?? 0) + 1,
    (x) => (x.field === 'commitIndex' || x.field === 'lastApplied') && ctx.given.commitIndex === ifCommit.commitIndex);
  const card = `prevLogIndex ${r.request.prevLogIndex} + ${r.request.entries.length}`;
  return [reportMistake(ctx, fromLength ? 'R20' : 'R21', 'M11', d, fromLength
    ? explain('matchIndexWrong', { from, card, acked, mine, old, expected: d.expected })
    : explain('matchIndexWrong2', { acked, card, from, old, expected: d.expected }))];
};

/** M12: after a same-term ✗, nextIndex not stepped back, or pushed below 1 (R21). */
export const nextIndexWrong: Detector = (ctx) => {
  const r = receivedReply(ctx);
  if (!r || r.m.type !== 'AppendEntriesReply' || r.m.success || ctx.before.role !== 'leader' || r.m.term !== ctx.termBefore || isStaleReply(ctx, r.m, r.request)) return [];
  const from = r.from;
  const d = find(ctx, `nextIndex[${from}]`);
  if (!d) return [];
  const given = ctx.given.nextIndex[from];
  const was = ctx.before.nextIndex[from];
  if (!(given !== undefined && given < 1) && given !== was) return [];
  claim(ctx, `nextIndex[${from}]`);
  return [reportMistake(ctx, 'R21', 'M12', d, given !== undefined && given < 1
    ? explain('nextIndexWrong', { from, expected: d.expected })
    : explain('nextIndexWrong2', { from, index: r.request.type === 'AppendEntries' ? r.request.prevLogIndex : was - 1, was, expected: d.expected }))];
};

/** How many servers store index n, the leader included (R22). */
export function storedOn(s: ServerState, n: number): number {
  return 1 + s.cluster.filter((id) => id !== s.id && (s.matchIndex[id] ?? 0) >= n).length;
}

/**
 * M3: a leader committed an earlier-term entry because it sits on many servers (R22, Figure 8).
 * Named whatever the leader's matchIndex says: in game 4 every server visibly holds "High" (t1)
 * while i4's matchIndex, fresh from R13, knows of none, so "stored on 1 of 8" would contradict
 * the table and hide the real point, which is the term of the entry, not the count.
 */
export const oldTermCommit: Detector = (ctx) => {
  const d = find(ctx, 'commitIndex');
  if (!d || ctx.before.role !== 'leader' || ctx.expected.role !== 'leader') return [];
  const given = ctx.given.commitIndex;
  if (given <= ctx.expected.commitIndex) return [];
  const entryTerm = termAt(ctx.expected.log, given);
  if (entryTerm === undefined || entryTerm === ctx.expectedTerm) return [];
  claim(ctx, 'commitIndex', (x) => x.field === 'lastApplied' && ctx.given.lastApplied <= given);
  const n = ctx.expected.cluster.length;
  const known = storedOn(ctx.expected, given);
  const first = ctx.expected.log.findIndex((e) => e.term === ctx.expectedTerm) + 1; // the first entry of this term, 0 if none yet
  const through = first > 0
    ? explain('oldTermCommit', { first, expectedTerm: ctx.expectedTerm, majority: majority(n) })
    : explain('oldTermCommit2', { expectedTerm: ctx.expectedTerm, majority: majority(n) });
  return [reportMistake(ctx, 'R22', 'M3', d, explain('oldTermCommit3', { given, entryTerm, expectedTerm: ctx.expectedTerm, known, n, through, commitIndex: ctx.expected.commitIndex }))];
};
