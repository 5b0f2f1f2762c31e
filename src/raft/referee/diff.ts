/** Differences between the correct and the proposed move, and where two logs part. */
import { currentTerm, sameEntry, sameLog } from '../log.js';
import type { StepResult } from '../step.js';
import type { AppendEntries, Entry, Message, Outgoing, ServerId } from '../types.js';
import { snapshotIndex } from '../snapshot.js';
import { formatCard, formatLog, formatSnapshot } from './format.js';
import type { ProposedMove } from './mistake.js';

export interface Diff {
  field: string;
  expected: unknown;
  given: unknown;
  /** Card differences: the addressee and the card field ('' for a missing or extra card). */
  to?: ServerId;
  part?: string;
  cardType?: Message['type'];
}

export function diffMoves(correct: StepResult, proposed: ProposedMove): Diff[] {
  const expectedState = correct.state;
  const givenState = proposed.state;
  const out: Diff[] = [];
  const add = (field: string, expected: unknown, given: unknown): void => {
    out.push({ field, expected, given });
  };
  if (givenState.id !== expectedState.id) add('id', expectedState.id, givenState.id);
  if (givenState.cluster.join(',') !== expectedState.cluster.join(',')) add('cluster', expectedState.cluster, givenState.cluster);
  const expectedTerm = currentTerm(expectedState);
  const givenTerm = currentTerm(givenState);
  if (givenTerm !== expectedTerm) add('currentTerm', expectedTerm, givenTerm);
  // The Terms row: the current term's cell is votedFor (R1); earlier cells are history.
  for (let term = 1; term <= Math.min(expectedTerm, givenTerm); term++) {
    const e = expectedState.votes[term - 1] ?? null;
    const g = givenState.votes[term - 1] ?? null;
    if (e !== g) add(term === expectedTerm && givenTerm === expectedTerm ? 'votedFor' : `votes[t${term}]`, e, g);
  }
  if (givenState.role !== expectedState.role) add('role', expectedState.role, givenState.role);
  // R29: a log under a snapshot box starts after it; the box itself is a field of its own.
  if (!sameLog(givenState.log, expectedState.log)) add('log', formatLog(expectedState.log, snapshotIndex(expectedState) + 1), formatLog(givenState.log, snapshotIndex(givenState) + 1));
  if (formatSnapshot(givenState.snapshot) !== formatSnapshot(expectedState.snapshot)) add('snapshot', formatSnapshot(expectedState.snapshot), formatSnapshot(givenState.snapshot));
  if (givenState.commitIndex !== expectedState.commitIndex) add('commitIndex', expectedState.commitIndex, givenState.commitIndex);
  if (givenState.lastApplied !== expectedState.lastApplied) add('lastApplied', expectedState.lastApplied, givenState.lastApplied);
  const eVotes = [...expectedState.votesGranted].sort();
  const gVotes = [...givenState.votesGranted].sort();
  if (eVotes.join(',') !== gVotes.join(',')) add('votesGranted', eVotes, gVotes);
  for (const name of ['nextIndex', 'matchIndex'] as const) {
    const keys = [...new Set([...Object.keys(expectedState[name]), ...Object.keys(givenState[name])])].sort();
    for (const k of keys) {
      const e = expectedState[name][k] ?? null;
      const g = givenState[name][k] ?? null;
      if (e !== g) add(`${name}[${k}]`, e, g);
    }
  }
  // Pre-vote games (R24–R27): the pre-votes counted and the leader heard; absent = empty.
  const ePre = [...(expectedState.preVotes ?? [])].sort();
  const gPre = [...(givenState.preVotes ?? [])].sort();
  if (expectedState.preVotes !== undefined || givenState.preVotes !== undefined) {
    if (ePre.join(',') !== gPre.join(',') || (expectedState.preVotes === undefined) !== (givenState.preVotes === undefined)) add('preVotes', expectedState.preVotes ? ePre : null, givenState.preVotes ? gPre : null);
  }
  if ((expectedState.leader ?? null) !== (givenState.leader ?? null)) add('leader', expectedState.leader ?? null, givenState.leader ?? null);
  const eHeard = [...(expectedState.heard ?? [])].sort().join(',');
  const gHeard = [...(givenState.heard ?? [])].sort().join(',');
  if (eHeard !== gHeard) add('heard', expectedState.heard ? [...expectedState.heard].sort() : null, givenState.heard ? [...givenState.heard].sort() : null);
  out.push(...diffCards(correct.send, proposed.send));
  if (proposed.resetTimer !== undefined && proposed.resetTimer !== correct.resetTimer) {
    add('resetTimer', correct.resetTimer, proposed.resetTimer);
  }
  return out;
}

/** Cards are a set: pair them by addressee and card type, then compare field by field. */
function diffCards(expected: readonly Outgoing[], given: readonly Outgoing[]): Diff[] {
  const out: Diff[] = [];
  const left = [...given];
  const unmatched: Outgoing[] = [];
  for (const e of expected) {
    // Prefer an identical card, so duplicates pair up with their twins.
    let i = left.findIndex((g) => g.to === e.to && JSON.stringify(normal(g.message)) === JSON.stringify(normal(e.message)));
    if (i < 0) i = left.findIndex((g) => g.to === e.to && g.message.type === e.message.type);
    if (i < 0) {
      unmatched.push(e);
      continue;
    }
    const g = left.splice(i, 1)[0];
    out.push(...diffCard(e, g));
  }
  for (const e of unmatched) {
    out.push({ field: `send[${e.to}]`, expected: formatCard(e.message), given: null, to: e.to, part: '', cardType: e.message.type });
  }
  for (const g of left) {
    out.push({ field: `send[${g.to}]`, expected: null, given: formatCard(g.message), to: g.to, part: '', cardType: g.message.type });
  }
  return out;
}

function normal(m: Message): Record<string, unknown> {
  const o: Record<string, unknown> = { ...m };
  if (m.type === 'AppendEntries') o.entries = m.entries.map((e) => ({ term: e.term, value: e.value }));
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

function diffCard(e: Outgoing, g: Outgoing): Diff[] {
  const out: Diff[] = [];
  // A card's fields by name (a copy: the message types have no index signature).
  const em: Record<string, unknown> = { ...e.message };
  const gm: Record<string, unknown> = { ...g.message };
  const keys = [...new Set([...Object.keys(em), ...Object.keys(gm)])].filter((k) => k !== 'type');
  for (const k of keys) {
    let ev = em[k];
    let gv = gm[k];
    if (k === 'entries') {
      const ee = (ev ?? []) as Entry[];
      const ge = (gv ?? []) as Entry[];
      if (sameLog(ee, ge)) continue;
      const first = (e.message as AppendEntries).prevLogIndex + 1;
      ev = formatLog(ee, first);
      gv = formatLog(ge, ((g.message as AppendEntries).prevLogIndex ?? 0) + 1);
    } else if (ev === gv) continue;
    out.push({ field: `send[${e.to}].${k}`, expected: ev ?? null, given: gv ?? null, to: e.to, part: k, cardType: e.message.type });
  }
  return out;
}

export const isPrefix = (a: readonly Entry[], b: readonly Entry[]): boolean => a.length <= b.length && a.every((e, i) => sameEntry(e, b[i]));
export const firstDifference = (a: readonly Entry[], b: readonly Entry[]): number => {
  for (let i = 1; i <= Math.max(a.length, b.length); i++) if (!sameEntry(a[i - 1], b[i - 1])) return i;
  return 0;
};
