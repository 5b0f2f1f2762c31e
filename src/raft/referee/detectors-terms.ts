/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: the term — a term gone down, a stale request, a reply's term, a wrong term (R1, R4–R6, R8).
 */
import { ALL, claim, type Detector, find, isStaleReply, reportMistake, NOT_TIMER, receivedReply, receivedRequest, sender } from './context.js';
import type { Diff } from './diff.js';
import type { Mistake } from './mistake.js';
import { explain, NO_CLAUSE } from './explanations.js';

/** M9: the Terms row went backwards (R1), typically by adopting a stale card's term (R5). */
export const lowerTerm: Detector = (ctx) => {
  const d = find(ctx, 'currentTerm');
  if (!d || ctx.givenTerm >= ctx.termBefore) return [];
  const req = receivedRequest(ctx);
  const stale = req !== undefined && req.term < ctx.termBefore && ctx.givenTerm === req.term;
  if (stale) claim(ctx, NOT_TIMER);
  else claim(ctx, 'currentTerm', 'votedFor', 'votes*', (x) => x.part === 'term');
  return [reportMistake(ctx, stale ? 'R5' : 'R1', 'M9', d, stale
    ? explain('lowerTerm', { termBefore: ctx.termBefore, term: req.term })
    : explain('lowerTerm2', { termBefore: ctx.termBefore, givenTerm: ctx.givenTerm, expectedTerm: ctx.expectedTerm }))];
};

/** M19 (no reply), M8 (candidate yields to a deposed leader), M9 (stale request accepted). */
export const staleRequest: Detector = (ctx) => {
  const m = receivedRequest(ctx);
  if (!m || m.term >= ctx.termBefore) return [];
  const out: Mistake[] = [];
  const from = sender(ctx);
  const missing = find(ctx, (d) => d.field === `send[${from}]` && d.given === null);
  if (missing && !ctx.proposed.send.some((o) => o.to === from)) {
    claim(ctx, (d) => d === missing);
    out.push(reportMistake(ctx, 'R5', 'M19', missing, explain('staleRequest', { from, type: m.type, term: m.term, termBefore: ctx.termBefore })));
  }
  if (m.type === 'AppendEntries' && ctx.before.role === 'candidate' && ctx.given.role === 'follower') {
    const d = find(ctx, 'role')!;
    claim(ctx, ALL);
    out.push(reportMistake(ctx, 'R12', 'M8', d, explain('staleRequest2', { from, term: m.term, termBefore: ctx.termBefore })));
    return out;
  }
  const ok = find(ctx, (x) => (x.part === 'voteGranted' || x.part === 'success') && x.given === true);
  const d = ok ?? find(ctx, 'votedFor') ?? find(ctx, 'log') ?? find(ctx, 'commitIndex') ?? find(ctx, (x) => x.field === 'role' && ctx.given.role === 'follower');
  if (d) {
    const what = m.type === 'RequestVote'
      ? explain('staleRequest3', { candidateId: m.candidateId })
      : d.field === 'commitIndex'
        ? explain('staleRequest4')
        : d.field === 'role'
          ? explain('staleRequest5')
          : explain('staleRequest6');
    claim(ctx, (x) => x === d || ['votedFor', 'log', 'commitIndex', 'lastApplied', 'role', 'resetTimer', 'votesGranted'].includes(x.field) || x.field.startsWith(`send[${from}]`));
    out.push(reportMistake(ctx, 'R5', 'M9', d, explain('staleRequest7', { type: m.type, term: m.term, termBefore: ctx.termBefore, what })));
  }
  return out;
};

/** M6: a reply's term handled wrongly — higher term not adopted, or a stale reply acted on. */
export const replyTerms: Detector = (ctx) => {
  const r = receivedReply(ctx);
  if (!r) return [];
  const { m, request, from } = r;
  const kind = m.type === 'RequestVoteReply' ? explain('replyTerms') : explain('replyTerms2');
  if (m.term > ctx.termBefore && ctx.givenTerm === ctx.termBefore) {
    const d = find(ctx, 'currentTerm')!;
    claim(ctx, NOT_TIMER);
    return [reportMistake(ctx, 'R4', 'M6', d, explain('replyTerms3', { kind, from, term: m.term, termBefore: ctx.termBefore, kindCap: kind.ru[0].toUpperCase() + kind.ru.slice(1) }))];
  }
  if (m.term > ctx.termBefore) {
    // Term adopted, but the reply was still acted upon as if it were of the old term.
    const next = find(ctx, `nextIndex[${from}]`);
    if (m.type === 'AppendEntriesReply' && !m.success && next && (ctx.given.nextIndex[from] ?? 0) < (ctx.before.nextIndex[from] ?? 0)) {
      claim(ctx, 'nextIndex*', 'matchIndex*', 'role', 'votesGranted');
      return [reportMistake(ctx, 'R4', 'M6', next, explain('replyTerms4', { from, term: m.term, termBefore: ctx.termBefore }))];
    }
    const counted = find(ctx, (d) => d.field === 'role' || d.field === 'votesGranted');
    if (m.type === 'RequestVoteReply' && counted) {
      claim(ctx, 'nextIndex*', 'matchIndex*', 'role', 'votesGranted');
      return [reportMistake(ctx, 'R4', 'M6', counted, explain('replyTerms5', { from, term: m.term, termBefore: ctx.termBefore }))];
    }
    return [];
  }
  if (!isStaleReply(ctx, m, request)) return [];
  const b = ctx.before;
  const acted = (x: Diff): boolean =>
    (x.field === 'role' && ctx.given.role !== b.role) ||
    (x.field === 'votesGranted' && ctx.given.votesGranted.includes(from) && !b.votesGranted.includes(from)) ||
    (x.field === `nextIndex[${from}]` && ctx.given.nextIndex[from] !== b.nextIndex[from]) ||
    (x.field === `matchIndex[${from}]` && ctx.given.matchIndex[from] !== b.matchIndex[from]) ||
    (x.field === 'commitIndex' && ctx.given.commitIndex > b.commitIndex);
  const d = find(ctx, acted);
  if (!d) return [];
  claim(ctx, acted, 'lastApplied', 'nextIndex*', 'matchIndex*', 'votesGranted');
  return [reportMistake(ctx, 'R6', 'M6', d, explain('replyTerms6', { from, term: m.term, type: request.type, term2: request.term, termBefore: ctx.termBefore }))];
};

/** R4/R8/R1: a wrong term, reported once with everything that follows from it. */
export const wrongTerm: Detector = (ctx) => {
  const d = find(ctx, 'currentTerm');
  if (!d) return [];
  const req = receivedRequest(ctx);
  const msgTerm = ctx.input.kind === 'receive' ? ctx.input.message.term : undefined;
  const b = ctx.before;
  claim(ctx, 'currentTerm', 'votedFor', 'votes*',
    (x) => x.part === 'term' && x.given === ctx.givenTerm,
    (x) => x.field === 'role' && ctx.given.role === b.role,
    (x) => x.field === 'votesGranted' && [...ctx.given.votesGranted].sort().join() === [...b.votesGranted].sort().join(),
    (x) => /^(nextIndex|matchIndex)\[/.test(x.field) && JSON.stringify(ctx.given.nextIndex) === JSON.stringify(b.nextIndex) && JSON.stringify(ctx.given.matchIndex) === JSON.stringify(b.matchIndex));
  if (ctx.input.kind === 'timeout') {
    return [reportMistake(ctx, 'R8', undefined, d, b.role === 'leader'
      ? explain('wrongTerm', { termBefore: ctx.termBefore })
      : explain('wrongTerm2', { termBefore: ctx.termBefore, expectedTerm: ctx.expectedTerm }))];
  }
  if (msgTerm !== undefined && msgTerm > ctx.termBefore) {
    return [reportMistake(ctx, 'R4', undefined, d, explain('wrongTerm3', { msgTerm, termBefore: ctx.termBefore, answerNote: req ? explain('wrongTermAnswer', { msgTerm }) : NO_CLAUSE }))];
  }
  return [reportMistake(ctx, 'R4', undefined, d, explain('wrongTerm4', { expectedTerm: ctx.expectedTerm }))];
};
