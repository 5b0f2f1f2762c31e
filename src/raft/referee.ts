/**
 * The referee: compare the move a player proposes with the correct one (step.ts) and name every
 * mistake by rule (R1–R23, P2) and, where it matches a known misconception, by mistake (M1–M19).
 *
 * How it works:
 * 1. `step()` gives the correct move; `diffMoves` lists every field where the proposal differs
 *    (term, vote cells, role, log, commit, apply, candidate and leader bookkeeping, cards, timer).
 * 2. Detectors, most specific first, recognise the pattern of a known misconception (M1–M19) and
 *    *claim* the differences it explains, so one root cause is reported once (a term not adopted
 *    is one mistake, not one per reply field).
 * 3. Differences no detector claimed are reported with the most specific rule for the input and
 *    field. A correct move gives []; a wrong move never gives [].
 *
 * The parts live in referee/: format (the sheet's notation), diff (diffMoves), context (what a
 * detector reads, the claim book), detectors-terms, -election, -log and -leader, fallback (step 3).
 */
import type { Text } from '../i18n/text.js';
import { currentTerm } from './log.js';
import { ruleTitle } from './rules.js';
import { statesThroughReplies, step } from './step.js';
import type { Input, ReplyInput, ServerState, StepOptions } from './types.js';
import { type Ctx, type Detector, reportMistake } from './referee/context.js';
import { diffMoves } from './referee/diff.js';
import { candidateIgnoresLeader, leaderStickiness, timerReset, voteByLength, voteCell, voteCount } from './referee/detectors-election.js';
import { leaderRewritesLog, matchIndexWrong, nextIndexWrong, noopOnElection, oldTermCommit } from './referee/detectors-leader.js';
import { appliedTooFar, checkSkipped, followerCommit, goodCardRefused, logMerge, rejectForVote } from './referee/detectors-log.js';
import { lowerTerm, replyTerms, staleRequest, wrongTerm } from './referee/detectors-terms.js';
import { groupGeneric } from './referee/fallback.js';
import { leaderCell, preVoteAnswer, preVoteCount, preVoteTimeout, quorumCheck } from './referee/detectors-prevote.js';
import { snapshotBox, snapshotInstall, snapshotReply, snapshotSend } from './referee/detectors-snapshot.js';
import { configChangeMove, learnerTimeout, membershipCount, removedLeader } from './referee/detectors-membership.js';
import { formatMove } from './referee/format.js';
import type { Mistake, ProposedMove } from './referee/mistake.js';
import { explain } from './referee/explanations.js';

export type { MistakeId, RuleId } from './rules.js';
export type { Mistake, ProposedMove } from './referee/mistake.js';
export { formatCard, formatLog } from './referee/format.js';

/** Most specific first: each claims what it explains before a broader one can see it. */
const DETECTORS: readonly Detector[] = [
  // Membership games (docs/rules-extended.md R33–R38): a change, a learner, a count, a removed leader.
  configChangeMove,
  learnerTimeout,
  removedLeader,
  membershipCount,
  // Pre-vote games (docs/rules-extended.md): a pre-vote move is never judged by RequestVote's rules.
  preVoteTimeout,
  preVoteAnswer,
  preVoteCount,
  quorumCheck,
  // Log-compaction games (R29–R32): the snapshot box, InstallSnapshot and its reply.
  snapshotInstall,
  snapshotSend,
  snapshotReply,
  snapshotBox,
  lowerTerm,
  staleRequest,
  replyTerms,
  leaderRewritesLog,
  noopOnElection,
  candidateIgnoresLeader,
  voteByLength,
  leaderStickiness,
  voteCell,
  voteCount,
  checkSkipped,
  rejectForVote,
  logMerge,
  goodCardRefused,
  followerCommit,
  matchIndexWrong,
  nextIndexWrong,
  oldTermCommit,
  appliedTooFar,
  timerReset,
  wrongTerm,
  leaderCell,
];

/**
 * Judge one move: [] when `proposed` is the correct move (cards in any order), otherwise every
 * mistake, each named by rule and, when the pattern is a known misconception, by M-id.
 */
export function referee(before: ServerState, input: Input, proposed: ProposedMove, options?: StepOptions): Mistake[] {
  if (input.kind === 'replies') return refereeReplies(before, input.replies, proposed, options);
  return refereeOne(before, input, proposed, options);
}

function refereeOne(before: ServerState, input: Input, proposed: ProposedMove, options?: StepOptions): Mistake[] {
  const correct = step(before, input, options);
  const diffs = diffMoves(correct, proposed);
  if (diffs.length === 0) return [];
  const ctx: Ctx = {
    before,
    input,
    correct,
    proposed,
    expected: correct.state,
    given: proposed.state,
    termBefore: currentTerm(before),
    expectedTerm: currentTerm(correct.state),
    givenTerm: currentTerm(proposed.state),
    open: diffs,
    options,
  };
  const out: Mistake[] = [];
  for (const detect of DETECTORS) out.push(...detect(ctx));
  out.push(...groupGeneric(ctx));
  if (out.length === 0) {
    // Cannot happen while every difference is either claimed by a mistake or reported above;
    // kept so that a wrong move is never waved through.
    out.push(reportMistake(ctx, 'R1', undefined, { field: 'move', expected: formatMove(correct), given: formatMove(proposed) },
      explain('refereeOne')));
  }
  return out;
}

/** A part of the sheet a reply can change, read and written on a copy (reply-by-reply judging). */
interface Part {
  get: (s: ServerState) => unknown;
  set: (target: ServerState, from: ServerState) => void;
}

function partsOf(a: ServerState, b: ServerState): Part[] {
  const plain = (['votes', 'role', 'log', 'commitIndex', 'lastApplied'] as const).map((k): Part => ({
    get: (s) => s[k],
    set: (t, f) => void Object.assign(t, { [k]: structuredClone(f[k]) }),
  }));
  const granted: Part = { get: (s) => [...s.votesGranted].sort(), set: (t, f) => void (t.votesGranted = [...f.votesGranted]) };
  const keyed = (['nextIndex', 'matchIndex'] as const).flatMap((m) =>
    [...new Set([...Object.keys(a[m]), ...Object.keys(b[m])])].map((k): Part => ({
      get: (s) => s[m][k] ?? null,
      set: (t, f) => {
        const v = f[m][k];
        t[m] = { ...t[m] };
        if (v === undefined) delete t[m][k];
        else t[m][k] = v;
      },
    })),
  );
  // R26–R28 and R29: the pre-vote cells and the snapshot box, absent outside their games.
  const optional = (['preVotes', 'leader', 'heard', 'snapshot'] as const).map((k): Part => ({
    get: (s) => (k !== 'leader' && k !== 'snapshot' && s[k] ? [...s[k]].sort() : (s[k] ?? null)),
    set: (t, f) => {
      if (f[k] === undefined) delete t[k];
      else Object.assign(t, { [k]: structuredClone(f[k]) });
    },
  }));
  return [...plain, granted, ...keyed, ...optional];
}

const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);

/**
 * "Read the Response row", judged reply by reply: the proposal is the sheet after every reply,
 * so each part of it that is wrong is judged at the reply that last changes that part in the
 * correct reading (matchIndex[i3] at i3's ✔, the role at the vote that makes the majority,
 * commitIndex at the ✔ that completes a majority), as if the student had taken that one card
 * with everything before it read correctly. A part no reply changes, and any card written, are
 * judged at the last reply. The same mistake found at two replies is reported once.
 */
function refereeReplies(before: ServerState, replies: ReplyInput[], proposed: ProposedMove, options?: StepOptions): Mistake[] {
  const correct = step(before, { kind: 'replies', replies }, options);
  if (diffMoves(correct, proposed).length === 0) return [];
  if (replies.length === 0) return refereeOne(before, { kind: 'send', to: [] }, proposed, options);
  const states = statesThroughReplies(before, replies, options);
  const n = replies.length;
  const patches: Part[][] = Array.from({ length: n + 1 }, () => []);
  for (const part of partsOf(correct.state, proposed.state)) {
    if (same(part.get(correct.state), part.get(proposed.state))) continue;
    let k = n;
    while (k > 1 && same(part.get(states[k - 1]), part.get(states[k]))) k--;
    if (same(part.get(states[k - 1]), part.get(states[k]))) k = n; // no reply changes it
    patches[k].push(part);
  }
  const out: Mistake[] = [];
  const seen = new Set<string>();
  for (let k = 1; k <= n; k++) {
    const last = k === n;
    if (patches[k].length === 0 && !last) continue;
    const state = structuredClone(states[k]);
    for (const part of patches[k]) part.set(state, proposed.state);
    const candidate: ProposedMove = last ? { state, send: proposed.send, ...(proposed.resetTimer !== undefined ? { resetTimer: proposed.resetTimer } : {}) } : { state, send: [] };
    for (const m of refereeOne(states[k - 1], replies[k - 1], candidate, options)) {
      const key = `${m.rule}|${m.mistake ?? ''}|${m.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
  }
  // Never wave a wrong reading through: judge the whole proposal at the last reply if needed.
  return out.length > 0 ? out : refereeOne(states[n - 1], replies[n - 1], proposed, options);
}

/** The rule's title, for a one-line summary of a mistake (`R19 — A follower's commitIndex`). */
export function mistakeHeadline(m: Mistake): Text {
  const t = ruleTitle(m.rule);
  return { en: `${m.rule}${m.mistake ? ` (${m.mistake})` : ''} — ${t.en}`, ru: `${m.rule}${m.mistake ? ` (${m.mistake})` : ''} — ${t.ru}` };
}
