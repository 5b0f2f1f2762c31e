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
import { step } from './step.js';
import type { Input, ServerState, StepOptions } from './types.js';
import { type Ctx, type Detector, mk } from './referee/context.js';
import { diffMoves } from './referee/diff.js';
import { candidateIgnoresLeader, leaderStickiness, timerReset, voteByLength, voteCell, voteCount } from './referee/detectors-election.js';
import { leaderRewritesLog, matchIndexWrong, nextIndexWrong, noopOnElection, oldTermCommit } from './referee/detectors-leader.js';
import { appliedTooFar, checkSkipped, followerCommit, goodCardRefused, logMerge, rejectForVote } from './referee/detectors-log.js';
import { lowerTerm, replyTerms, staleRequest, wrongTerm } from './referee/detectors-terms.js';
import { groupGeneric } from './referee/fallback.js';
import { formatMove, tx } from './referee/format.js';
import type { Mistake, ProposedMove } from './referee/mistake.js';

export type { MistakeId, RuleId } from './rules.js';
export type { Mistake, ProposedMove } from './referee/mistake.js';
export { formatCard, formatLog } from './referee/format.js';

/** Most specific first: each claims what it explains before a broader one can see it. */
const DETECTORS: readonly Detector[] = [
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
];

/**
 * Judge one move: [] when `proposed` is the correct move (cards in any order), otherwise every
 * mistake, each named by rule and, when the pattern is a known misconception, by M-id.
 */
export function referee(before: ServerState, input: Input, proposed: ProposedMove, options?: StepOptions): Mistake[] {
  const correct = step(before, input, options);
  const diffs = diffMoves(correct, proposed);
  if (diffs.length === 0) return [];
  const c: Ctx = {
    before,
    input,
    correct,
    proposed,
    c: correct.state,
    p: proposed.state,
    bT: currentTerm(before),
    cT: currentTerm(correct.state),
    pT: currentTerm(proposed.state),
    open: diffs,
  };
  const out: Mistake[] = [];
  for (const detect of DETECTORS) out.push(...detect(c));
  out.push(...groupGeneric(c));
  if (out.length === 0) {
    // Cannot happen while every difference is either claimed by a mistake or reported above;
    // kept so that a wrong move is never waved through.
    out.push(mk(c, 'R1', undefined, { field: 'move', expected: formatMove(correct), given: formatMove(proposed) },
      tx('The move differs from the correct one.', 'Ход отличается от правильного.')));
  }
  return out;
}

/** The rule's title, for a one-line summary of a mistake (`R19 — A follower's commitIndex`). */
export function mistakeHeadline(m: Mistake): Text {
  const t = ruleTitle(m.rule);
  return { en: `${m.rule}${m.mistake ? ` (${m.mistake})` : ''} — ${t.en}`, ru: `${m.rule}${m.mistake ? ` (${m.mistake})` : ''} — ${t.ru}` };
}
