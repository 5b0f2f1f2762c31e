/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: elections — the vote decision and cell, counting votes, a candidate meeting a leader,
 * the election timer (R4, R8–R12, R14).
 */
import type { Text } from '../../i18n/text.js';
import { isUpToDate, lastLogIndex, lastLogTerm, majority, votedFor } from '../log.js';
import type { RequestVote } from '../types.js';
import { ALL, claim, correctReplyOk, type Ctx, type Detector, find, granted, isStaleReply, reportMistake, proposedReply, receivedAE, receivedReply, receivedRequest, receivedRV, sender } from './context.js';
import type { Diff } from './diff.js';
import { logPos, ROLE_RU, tick, vote } from './format.js';
import type { Mistake } from './mistake.js';
import { explain, NO_CLAUSE } from './explanations.js';

/** M8: a candidate ignores the AppendEntries of its own term (R12). */
export const candidateIgnoresLeader: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const d = find(ctx, 'role');
  if (!m || !d || m.term !== ctx.termBefore || ctx.before.role !== 'candidate' || ctx.expected.role !== 'follower' || ctx.given.role !== 'candidate') return [];
  claim(ctx, (x) => !['currentTerm', 'votedFor'].includes(x.field) && !x.field.startsWith('votes['));
  return [reportMistake(ctx, 'R12', 'M8', d, explain('candidateIgnoresLeader', { termBefore: ctx.termBefore, leaderId: m.leaderId }))];
};

/** The vote decision the proposal shows: the reply's tick, else the vote cell. */
function proposedVote(ctx: Ctx, m: RequestVote): boolean {
  const r = proposedReply(ctx);
  if (r) return granted(r) === true;
  return ctx.given.votes[m.term - 1] === m.candidateId;
}

function voteField(ctx: Ctx): Diff | undefined {
  return find(ctx, `send[${sender(ctx)}].voteGranted`) ?? find(ctx, 'votedFor');
}


/** M4: the vote was decided by log length, or by index before term (R10). */
export const voteByLength: Detector = (ctx) => {
  const m = receivedRV(ctx);
  if (!m || m.term < ctx.termBefore) return [];
  const prior = m.term > ctx.termBefore ? null : votedFor(ctx.before);
  if (prior !== null && prior !== m.candidateId) return [];
  const log = ctx.before.log;
  const correct = isUpToDate(m.lastLogTerm, m.lastLogIndex, log);
  const given = proposedVote(ctx, m);
  const d = voteField(ctx);
  if (!d || given === correct) return [];
  const vI = lastLogIndex(log);
  const vT = lastLogTerm(log);
  const lengthOnly = m.lastLogIndex >= vI;
  const indexFirst = m.lastLogIndex > vI || (m.lastLogIndex === vI && m.lastLogTerm >= vT);
  if (given !== lengthOnly && given !== indexFirst) return [];
  claim(ctx, `send[${sender(ctx)}].voteGranted`, 'votedFor', 'resetTimer');
  const cand = logPos(m.lastLogIndex, m.lastLogTerm);
  const mine = logPos(vI, vT);
  const why = m.lastLogTerm > vT
    ? explain('voteByLength', { lastLogTerm: m.lastLogTerm, vT })
    : explain('voteByLength2', { lastLogTerm: m.lastLogTerm, vT });
  return [reportMistake(ctx, 'R10', 'M4', d, explain('voteByLength3', { candidateId: m.candidateId, cand, mine, why, tick: tick(correct) }))];
};

/** M5: the vote cell is not tied to its term — kept across a term change, or changed within one. */
export const voteCell: Detector = (ctx) => {
  if (ctx.givenTerm !== ctx.expectedTerm) return [];
  const out: Mistake[] = [];
  const m = receivedRV(ctx);
  const old = votedFor(ctx.before);
  const vf = find(ctx, 'votedFor');
  const claimVote = (): void => claim(ctx, 'votedFor', `send[${sender(ctx)}].voteGranted`, 'resetTimer');
  if (vf && ctx.expectedTerm > ctx.termBefore && old !== null && vf.given === old) {
    claimVote();
    out.push(reportMistake(ctx, 'R4', 'M5', vf, explain('voteCell', { termBefore: ctx.termBefore, expectedTerm: ctx.expectedTerm, old, freeFor: m ? explain('voteCellFreeFor', { candidateId: m.candidateId }) : NO_CLAUSE })));
  } else if (vf && ctx.givenTerm === ctx.termBefore && old !== null && vf.expected === old) {
    claimVote();
    const how = vf.given === null
      ? explain('voteCell2', { termBefore: ctx.termBefore })
      : explain('voteCell3', { given: vf.given, termBefore: ctx.termBefore });
    out.push(reportMistake(ctx, m ? 'R9' : 'R1', 'M5', vf, explain('voteCell4', { old, termBefore: ctx.termBefore, how })));
  } else if (m && m.term > ctx.termBefore && old !== null && old !== m.candidateId) {
    // The cell was reset correctly, but the old vote still decided the answer.
    const d = find(ctx, `send[${sender(ctx)}].voteGranted`);
    if (d && d.expected === true && d.given === false) {
      claimVote();
      out.push(reportMistake(ctx, 'R4', 'M5', d, explain('voteCell5', { old, termBefore: ctx.termBefore, candidateId: m.candidateId, term: m.term })));
    }
  }
  const history = ctx.open.filter((d) => d.field.startsWith('votes['));
  if (history.length > 0) {
    claim(ctx, 'votes*');
    const cells = history.map((d) => d.field.slice(6, -1)).join(', ');
    out.push(reportMistake(ctx, 'R1', 'M5', { field: 'votes', expected: ctx.expected.votes.map(vote), given: ctx.given.votes.map(vote) }, explain('voteCell6', { cells })));
  }
  return out;
};

/** M19: a vote refused because a leader is known (etcd/hashicorp leader stickiness). */
export const leaderStickiness: Detector = (ctx) => {
  const m = receivedRV(ctx);
  if (!m || m.term <= ctx.termBefore || ctx.givenTerm !== ctx.termBefore || ctx.before.role === 'candidate') return [];
  if (correctReplyOk(ctx) !== true || proposedVote(ctx, m)) return [];
  const d = find(ctx, `send[${sender(ctx)}]*`) ?? find(ctx, 'currentTerm');
  if (!d) return [];
  claim(ctx, ALL);
  const vI = lastLogIndex(ctx.before.log);
  const vT = lastLogTerm(ctx.before.log);
  return [reportMistake(ctx, 'R9', 'M19', d, explain('leaderStickiness', { candidateId: m.candidateId, term: m.term, termBefore: ctx.termBefore, logPos: logPos(m.lastLogIndex, m.lastLogTerm), logPos2: logPos(vI, vT) }))];
};

/** M10: votes counted wrong — self-vote forgotten, duplicates, refusals, responders only (R8, R11). */
export const voteCount: Detector = (ctx) => {
  const self = ctx.before.id;
  const n = ctx.before.cluster.length;
  const need = majority(n);
  if (ctx.input.kind === 'timeout' && ctx.before.role !== 'leader') {
    const d = find(ctx, (x) => (x.field === 'votedFor' && x.given !== self) || (x.field === 'votesGranted' && !ctx.given.votesGranted.includes(self)));
    if (!d) return [];
    claim(ctx, 'votedFor', 'votesGranted');
    return [reportMistake(ctx, 'R8', 'M10', d, explain('voteCount', { self, expectedTerm: ctx.expectedTerm, need, n }))];
  }
  const r = receivedReply(ctx);
  if (!r || r.m.type !== 'RequestVoteReply' || ctx.before.role !== 'candidate' || r.m.term > ctx.termBefore || isStaleReply(ctx, r.m, r.request)) return [];
  const d = find(ctx, 'role') ?? find(ctx, 'votesGranted');
  if (!d) return [];
  claim(ctx, 'role', 'votesGranted', 'nextIndex*', 'matchIndex*');
  const from = r.from;
  const distinct = [...new Set(ctx.given.votesGranted)].sort();
  const right = [...ctx.expected.role === 'leader' ? ctx.before.votesGranted.concat(from) : ctx.expected.votesGranted].filter((v, i, a) => a.indexOf(v) === i).sort();
  const have = explain('voteCount2', { rightCount: right.length, n, join: right.join(', ') });
  const again = r.m.voteGranted && ctx.before.votesGranted.includes(from);
  let why: Text;
  if (ctx.given.votesGranted.length !== distinct.length || (again && (ctx.given.role === 'leader' || ctx.given.votesGranted.length > ctx.before.votesGranted.length))) {
    why = explain('voteCount3', { from });
  } else if (!r.m.voteGranted && ctx.given.votesGranted.includes(from) && !ctx.before.votesGranted.includes(from)) {
    why = explain('voteCount4', { from });
  } else if (!ctx.given.votesGranted.includes(self) && ctx.given.role !== 'leader') {
    why = explain('voteCount5');
  } else if (ctx.given.role === 'leader') {
    why = explain('voteCount6', { n });
  } else {
    why = explain('voteCount7');
  }
  return [reportMistake(ctx, 'R11', 'M10', d, explain('voteCount8', { why, termBefore: ctx.termBefore, have, n, need, role: ctx.expected.role, roleRu: ROLE_RU[ctx.expected.role] }))];
};

/** M18: the election timer restarted by a card that must not restart it (R14). */
export const timerReset: Detector = (ctx) => {
  const d = find(ctx, 'resetTimer');
  if (!d || d.given !== true) return [];
  claim(ctx, 'resetTimer');
  const req = receivedRequest(ctx);
  let what: Text;
  if (req && req.term < ctx.termBefore) what = explain('timerReset', { term: req.term, termBefore: ctx.termBefore });
  else if (req?.type === 'RequestVote') what = explain('timerReset2');
  else if (req?.type === 'AppendEntries') what = explain('timerReset3');
  else if (ctx.input.kind === 'receive') what = explain('timerReset4');
  else what = explain('timerReset5');
  return [reportMistake(ctx, 'R14', 'M18', d, explain('timerReset6', { what }))];
};
