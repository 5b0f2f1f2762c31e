/**
 * Detectors: each recognises one misconception, returns its mistake and claims what it explains.
 * Here: a server handling an AppendEntries — the consistency check, merging entries, its
 * commitIndex — and applying committed entries (R17–R19, R23).
 */
import type { Text } from '../../i18n/text.js';
import { lastLogIndex, sameEntry, sameLog, termAt, votedFor } from '../log.js';
import type { AppendEntries } from '../types.js';
import { claim, correctReplyOk, type Ctx, type Detector, find, reportMistake, receivedAE, sender } from './context.js';
import { isPrefix } from './diff.js';
import { entryAt } from './format.js';
import { explain, NO_CLAUSE } from './explanations.js';

const range = (from: number, to: number): string => (from === to ? `${from}` : `${from}–${to}`);
const stay = (from: number, to: number): Text => from === to
  ? explain('stay', { from })
  : explain('stay2', { range: range(from, to) });

/** Why the consistency check passes or fails for this card (R17), in words. */
export function checkWords(ctx: Ctx, m: AppendEntries): Text {
  const have = termAt(ctx.before.log, m.prevLogIndex);
  const at = `prevLogIndex ${m.prevLogIndex}, prevLogTerm t${m.prevLogTerm}`;
  if (have === undefined) {
    return explain('checkWords', { at, lastLogIndex: lastLogIndex(ctx.before.log), prevLogIndex: m.prevLogIndex });
  }
  if (have !== m.prevLogTerm) {
    return explain('checkWords2', { at, prevLogIndex: m.prevLogIndex, have });
  }
  return m.prevLogIndex === 0
    ? explain('checkWords3')
    : explain('checkWords4', { at, prevLogIndex: m.prevLogIndex, have });
}

/** M7 (heartbeat) / R17: a card accepted although the consistency check fails. */
export const checkSkipped: Detector = (ctx) => {
  const m = receivedAE(ctx);
  if (!m || m.term < ctx.termBefore || ctx.before.role === 'leader' || correctReplyOk(ctx) !== false) return [];
  const from = sender(ctx);
  const d = find(ctx, (x) => x.field === `send[${from}].success` && x.given === true) ?? find(ctx, 'log');
  if (!d) return [];
  claim(ctx, `send[${from}].success`, 'log', 'commitIndex', 'lastApplied');
  const heartbeat = m.entries.length === 0;
  const w = checkWords(ctx, m);
  return [reportMistake(ctx, 'R17', heartbeat ? 'M7' : undefined, d, explain('checkSkipped', { w, heartbeatNote: heartbeat ? explain('checkSkippedHeartbeat') : NO_CLAUSE }))];
}

/** M16: an AppendEntries of the current term refused because the vote went to someone else. */
export const rejectForVote: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const from = sender(ctx);
  const d = find(ctx, (x) => x.field === `send[${from}].success` && x.given === false);
  const old = votedFor(ctx.before);
  if (!m || !d || m.term !== ctx.termBefore || ctx.before.role !== 'follower' || old === null || old === m.leaderId) return [];
  claim(ctx, `send[${from}].success`, 'log', 'commitIndex', 'lastApplied', 'resetTimer');
  return [reportMistake(ctx, 'R17', 'M16', d, explain('rejectForVote', { old, termBefore: ctx.termBefore, leaderId: m.leaderId, checkWords: checkWords(ctx, m) }))];
};

/** R17: a passing card refused (no known misconception named; M16 is checked first). */
export const goodCardRefused: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const from = sender(ctx);
  const d = find(ctx, (x) => x.field === `send[${from}].success` && x.given === false);
  if (!m || !d) return [];
  claim(ctx, `send[${from}].success`, (x) => ['log', 'commitIndex', 'lastApplied'].includes(x.field) && sameLog(ctx.given.log, ctx.before.log));
  return [reportMistake(ctx, 'R17', undefined, d, explain('goodCardRefused', { checkWords: checkWords(ctx, m) }))];
};

/** M1, M14, M13: the card's entries merged wrongly into a log that passed the check (R18). */
export const logMerge: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const d = find(ctx, 'log');
  if (!m || !d || correctReplyOk(ctx) !== true) return [];
  const from = sender(ctx);
  const prev = m.prevLogIndex;
  const n = m.entries.length;
  const last = lastLogIndex(ctx.before.log);
  const cut = [...ctx.before.log.slice(0, prev), ...m.entries];
  const claimAll = (): void => claim(ctx, 'log', `send[${from}].success`, 'commitIndex', 'lastApplied');
  const removedTail = sameLog(ctx.expected.log, ctx.before.log) || isPrefix(ctx.before.log, ctx.expected.log);
  if (n === 0 && removedTail && isPrefix(ctx.given.log, ctx.before.log) && ctx.given.log.length < ctx.before.log.length) {
    claimAll();
    return [reportMistake(ctx, 'R18', 'M14', d, explain('logMerge', { prev, stay: stay(ctx.given.log.length + 1, last) }))];
  }
  if (n > 0 && sameLog(ctx.given.log, cut) && !sameLog(ctx.expected.log, cut)) {
    claimAll();
    return [reportMistake(ctx, 'R18', 'M1', d, explain('logMerge2', { range: range(prev + 1, prev + n), stay: stay(prev + n + 1, last) }))];
  }
  // The first conflict: an index where the log holds a different term than the card.
  for (let k = 0; k < n; k++) {
    const i = prev + k + 1;
    const mine = termAt(ctx.before.log, i);
    if (mine === undefined) break;
    if (mine === m.entries[k].term) continue;
    if (!sameEntry(ctx.given.log[i - 1], ctx.before.log[i - 1])) break;
    claimAll();
    const higher = mine > m.entries[k].term;
    return [reportMistake(ctx, 'R18', higher ? 'M13' : undefined, d, explain('logMerge3', { i, entryAt: entryAt(ctx.before.log, i), entryAt2: entryAt(m.entries, k + 1), higherNote: higher ? explain('logMergeHigherTerm', { mine }) : NO_CLAUSE }))];
  }
  return [];
};

/** M2 (own last index), M7 (heartbeat's leaderCommit ignored): the follower's commitIndex (R19). */
export const followerCommit: Detector = (ctx) => {
  const m = receivedAE(ctx);
  const d = find(ctx, 'commitIndex');
  if (!m || !d || correctReplyOk(ctx) !== true || ctx.before.role === 'leader') return [];
  const given = ctx.given.commitIndex;
  const covered = m.prevLogIndex + m.entries.length;
  const was = ctx.before.commitIndex;
  const claimCommit = (): void => claim(ctx, 'commitIndex', (x) => x.field === 'lastApplied' && ctx.given.lastApplied <= given);
  const formula = `min(leaderCommit ${m.leaderCommit}, prevLogIndex ${m.prevLogIndex} + ${m.entries.length}) = ${Math.min(m.leaderCommit, covered)}`;
  const owns = [ctx.given.log, ctx.expected.log, ctx.before.log].map((l) => Math.max(was, Math.min(m.leaderCommit, lastLogIndex(l))));
  if (given > ctx.expected.commitIndex && owns.includes(given)) {
    claimCommit();
    return [reportMistake(ctx, 'R19', 'M2', d, explain('followerCommit', { given, covered, formula, floorNote: ctx.expected.commitIndex > Math.min(m.leaderCommit, covered) ? explain('followerCommitFloor', { was }) : NO_CLAUSE }))];
  }
  if (m.entries.length === 0 && given === was && ctx.expected.commitIndex > was) {
    claimCommit();
    return [reportMistake(ctx, 'R19', 'M7', d, explain('followerCommit2', { leaderCommit: m.leaderCommit, was, formula }))];
  }
  return [];
};

/** M15: applied past commitIndex (R23). */
export const appliedTooFar: Detector = (ctx) => {
  const d = find(ctx, 'lastApplied');
  if (!d || (ctx.given.lastApplied <= ctx.given.commitIndex && ctx.given.lastApplied <= ctx.expected.commitIndex)) return [];
  claim(ctx, 'lastApplied');
  const commit = Math.min(ctx.given.commitIndex, ctx.expected.commitIndex);
  return [reportMistake(ctx, 'R23', 'M15', d, explain('appliedTooFar', { lastApplied: ctx.given.lastApplied, commit }))];
};
