/**
 * Detectors for log-compaction games (docs/rules-extended.md R29–R32, dissertation §5, Figure
 * 5.3): a snapshot box written wrongly or not when due (M24, R30), the log kept under the box
 * (R29), AppendEntries where only a snapshot can help (M25), an InstallSnapshot installed wrongly
 * (M26) and its reply misread (M27). They run before the Figure 2 detectors, so a snapshot move
 * is never judged by AppendEntries' rules alone. Without a snapshot in the move they say nothing.
 */
import { currentTerm } from '../log.js';
import { fullText, lastIndex, snapshotIndex, termAtIndex } from '../snapshot.js';
import type { InstallSnapshot, ServerState } from '../types.js';
import { ALL, claim, type Ctx, type Detector, find, reportMistake } from './context.js';
import { explain } from './explanations.js';
import { formatLog, formatSnapshot } from './format.js';
import type { Mistake } from './mistake.js';

const receivedSnapshot = (ctx: Ctx): InstallSnapshot | undefined =>
  ctx.input.kind === 'receive' && ctx.input.message.type === 'InstallSnapshot' ? ctx.input.message : undefined;

/** The R30 threshold the correct move used, read back from it (the referee has no options of its own here). */
const appliedAbove = (ctx: Ctx): number => ctx.expected.lastApplied - snapshotIndex(ctx.before);

/** M24 / R30, R29: the snapshot box after any move but an InstallSnapshot (R31 is snapshotInstall's). */
export const snapshotBox: Detector = (ctx) => {
  if (receivedSnapshot(ctx)) return [];
  const box = find(ctx, 'snapshot');
  const out: Mistake[] = [];
  if (box) {
    const given = ctx.given.snapshot;
    const expected = ctx.expected.snapshot;
    const was = formatSnapshot(ctx.before.snapshot);
    const tooFar = given !== undefined && given.lastIncludedIndex > Math.min(ctx.given.lastApplied, ctx.expected.lastApplied);
    const due = formatSnapshot(expected) !== was;
    const kept = formatSnapshot(given) === was;
    const vars = { expected: box.expected, given: box.given, applied: ctx.expected.lastApplied, n: appliedAbove(ctx) };
    if (tooFar || (due && !kept)) out.push(reportMistake(ctx, 'R30', 'M24', box, explain('snapshotBox', vars))); // a wrong box
    else if (due) out.push(reportMistake(ctx, 'R30', undefined, box, explain('snapshotBox2', vars))); // not written when due
    else out.push(reportMistake(ctx, 'R30', undefined, box, explain('snapshotBox3', vars))); // written too early
    claim(ctx, 'snapshot');
    // The log differs only where the box cuts it (the same letters, the same entries above both
    // boxes): one mistake, the box's, not a second one about the log.
    if (find(ctx, 'log') && sameBeyondBoxes(ctx.given, ctx.expected)) claim(ctx, 'log');
  }
  // R29: the log under a right box, cut at the wrong place (compacted entries kept, or lost).
  const log = find(ctx, 'log');
  const base = snapshotIndex(ctx.expected);
  if (log && base > 0 && snapshotIndex(ctx.given) === base && ctx.given.log.length !== ctx.expected.log.length) {
    const keptCompacted = box === undefined && base > snapshotIndex(ctx.before);
    out.push(reportMistake(ctx, 'R29', keptCompacted ? 'M24' : undefined, log, explain('snapshotLog', { base, expected: log.expected, given: log.given })));
    claim(ctx, 'log');
  }
  return out;
};

/** Two sheets hold the same text and the same entries above the higher of their snapshot boxes. */
function sameBeyondBoxes(a: ServerState, b: ServerState): boolean {
  if (fullText(a) !== fullText(b) || lastIndex(a) !== lastIndex(b)) return false;
  for (let i = Math.max(snapshotIndex(a), snapshotIndex(b)) + 1; i <= lastIndex(a); i++) {
    if (termAtIndex(a, i) !== termAtIndex(b, i)) return false;
  }
  return true;
}

/** M25 / R32: the leader's send move, AppendEntries where a snapshot is due or the reverse. */
export const snapshotSend: Detector = (ctx) => {
  if (ctx.input.kind !== 'send' || ctx.before.role !== 'leader') return [];
  const out: Mistake[] = [];
  const base = snapshotIndex(ctx.before);
  for (const o of ctx.correct.send) {
    const to = o.to;
    const given = ctx.proposed.send.find((g) => g.to === to)?.message;
    const next = ctx.before.nextIndex[to] ?? lastIndex(ctx.before) + 1;
    const d = find(ctx, (x) => x.to === to);
    if (!d) continue;
    if (o.message.type === 'InstallSnapshot' && given?.type === 'AppendEntries') {
      out.push(reportMistake(ctx, 'R32', 'M25', d, explain('snapshotSend', { to, next, base, box: formatSnapshot(ctx.before.snapshot) })));
    } else if (o.message.type === 'AppendEntries' && given?.type === 'InstallSnapshot') {
      out.push(reportMistake(ctx, 'R32', 'M25', d, explain('snapshotSend2', { to, next, base })));
    } else if (o.message.type === 'InstallSnapshot') {
      out.push(reportMistake(ctx, 'R32', undefined, d, explain('snapshotSend3', { expected: formatSnapshot(ctx.before.snapshot) })));
    } else continue;
    claim(ctx, (x) => x.to === to);
  }
  return out;
};

/** M26 / R31: the follower side of InstallSnapshot; claims the whole move. */
export const snapshotInstall: Detector = (ctx) => {
  const m = receivedSnapshot(ctx);
  if (!m || ctx.open.length === 0 || ctx.input.kind !== 'receive') return [];
  const from = ctx.input.from;
  const T = ctx.termBefore;
  const first = ctx.open[0];
  const sheet = find(ctx, 'snapshot') ?? find(ctx, 'log') ?? find(ctx, 'commitIndex') ?? find(ctx, 'lastApplied');
  let out: Mistake;
  if (m.term < T) {
    out = reportMistake(ctx, 'R5', undefined, sheet ?? first, explain('snapshotInstall', { from, term: m.term, termBefore: T }));
  } else if (sheet && m.lastIncludedIndex <= ctx.before.commitIndex) {
    out = reportMistake(ctx, 'R31', 'M26', sheet, explain('snapshotInstall2', { index: m.lastIncludedIndex, commit: ctx.before.commitIndex }));
  } else if (sheet) {
    const keeps = termAtIndex(ctx.before, m.lastIncludedIndex) === m.lastIncludedTerm;
    const cut = explain(keeps ? 'snapshotInstallKeep' : 'snapshotInstallDrop', { index: m.lastIncludedIndex, term: m.lastIncludedTerm });
    out = reportMistake(ctx, 'R31', 'M26', sheet, explain('snapshotInstall3', {
      box: formatSnapshot(ctx.expected.snapshot),
      cut,
      index: m.lastIncludedIndex,
      expected: formatLog(ctx.expected.log, snapshotIndex(ctx.expected) + 1),
      commit: ctx.expected.commitIndex,
    }));
  } else {
    const role = find(ctx, 'role') ?? find(ctx, 'resetTimer');
    out = reportMistake(ctx, 'R31', undefined, role ?? first, explain('snapshotInstall4', {
      term: currentTerm(ctx.expected),
      what: explain(role ? 'snapshotInstallRole' : 'snapshotInstallNothing'),
    }));
  }
  claim(ctx, ALL);
  return [out];
};

/** M27 / R32: the leader reads an InstallSnapshotReply of its term. */
export const snapshotReply: Detector = (ctx) => {
  const i = ctx.input;
  if (i.kind !== 'receive' || i.message.type !== 'InstallSnapshotReply' || ctx.before.role !== 'leader') return [];
  const d = find(ctx, `matchIndex[${i.from}]`) ?? find(ctx, `nextIndex[${i.from}]`);
  if (!d) return [];
  const request = (i as { request?: InstallSnapshot }).request;
  const index = request?.lastIncludedIndex ?? 0;
  const match = ctx.expected.matchIndex[i.from] ?? index;
  const out = reportMistake(ctx, 'R32', 'M27', d, explain('snapshotReply', { from: i.from, index, match, next: ctx.expected.nextIndex[i.from] ?? match + 1 }));
  claim(ctx, `matchIndex[${i.from}]`, `nextIndex[${i.from}]`, 'commitIndex', 'lastApplied', 'snapshot', 'log');
  return [out];
};
