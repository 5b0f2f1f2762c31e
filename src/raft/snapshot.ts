/**
 * Log compaction (docs/rules-extended.md R29–R32; Ongaro's dissertation §5.1–§5.3, Figure 5.3;
 * the Raft paper §7). A server's sheet may hold a snapshot box: the applied prefix
 * 1..lastIncludedIndex as its text, with the index and term of its last entry; `log` then holds
 * only the entries after it, so `log[0]` is the entry at lastIncludedIndex + 1.
 *
 * Every index computation that may meet a snapshot goes through the helpers here; without a
 * snapshot they are exactly log.ts's (games 1–5 never have one).
 */
import { lastLogIndex, lastLogTerm, termAt } from './log.js';
import type { Entry, InstallSnapshot, ServerState, Snapshot } from './types.js';

type Sheet = Pick<ServerState, 'log' | 'snapshot'>;

/** R29: the index of the last entry the snapshot holds; 0 without a snapshot. */
export function snapshotIndex(s: Sheet): number {
  return s.snapshot?.lastIncludedIndex ?? 0;
}

/** R29, R3: the last log index counts the compacted entries too. */
export function lastIndex(s: Sheet): number {
  return snapshotIndex(s) + lastLogIndex(s.log);
}

/** R29, R3: the last log term is the snapshot's when no entry follows it. */
export function lastTerm(s: Sheet): number {
  return s.log.length > 0 ? lastLogTerm(s.log) : (s.snapshot?.lastIncludedTerm ?? 0);
}

/**
 * R29: the term of the entry at an absolute index: the snapshot's last included term at its
 * index, undefined below it (compacted: its term is gone) and past the end.
 */
export function termAtIndex(s: Sheet, index: number): number | undefined {
  const base = snapshotIndex(s);
  if (base === 0) return termAt(s.log, index);
  if (index === base) return s.snapshot!.lastIncludedTerm;
  if (index < base) return undefined;
  return termAt(s.log, index - base);
}

/** The entries from an absolute index on, at most `max` (the leader's card, R16). */
export function entriesFrom(s: Sheet, index: number, max: number): Entry[] {
  const from = index - snapshotIndex(s) - 1;
  return s.log.slice(Math.max(0, from), Math.max(0, from) + max).map((e) => ({ ...e }));
}

/** R10 with a snapshot: the candidate's last entry (cT, cI) against the voter's own last entry. */
export function isUpToDateWith(candidateTerm: number, candidateIndex: number, voter: Sheet): boolean {
  const vT = lastTerm(voter);
  return candidateTerm > vT || (candidateTerm === vT && candidateIndex >= lastIndex(voter));
}

/**
 * The letter and term at an absolute index, as far as the sheet knows them: a compacted entry has
 * its letter (from the snapshot's text) and term 0 (unknown) except the snapshot's last one.
 */
export function entryAtIndex(s: Sheet, index: number): Entry | undefined {
  const base = snapshotIndex(s);
  if (index < 1 || index > lastIndex(s)) return undefined;
  if (index > base) return s.log[index - base - 1];
  const value = [...s.snapshot!.data][index - 1] ?? '';
  return { term: index === base ? s.snapshot!.lastIncludedTerm : 0, value };
}

/** The whole text of a sheet: the snapshot's, then the log's letters. */
export function fullText(s: Sheet): string {
  return (s.snapshot?.data ?? '') + s.log.map((e) => e.value).join('');
}

/**
 * R30: a server whose applied entries above its snapshot reach `every` writes its applied prefix
 * into the snapshot box and erases those entries from its log (never an unapplied one: only the
 * state machine's state is snapshotted). Each server does it on its own (dissertation §5.1).
 */
export function compact(s: ServerState, every: number | undefined): ServerState {
  if (!every || every <= 0 || s.lastApplied - snapshotIndex(s) < every) return s;
  return compactTo(s, s.lastApplied);
}

/**
 * The sheet with entries up to `upTo` moved into its snapshot box (what R30 does at lastApplied;
 * a by-hand player may write another index, and the referee judges it). Unchanged unless `upTo`
 * is above the box and within the log.
 */
export function compactTo(s: ServerState, upTo: number): ServerState {
  const base = snapshotIndex(s);
  if (upTo <= base || upTo > lastIndex(s)) return s;
  const snapshot: Snapshot = {
    lastIncludedIndex: upTo,
    lastIncludedTerm: termAtIndex(s, upTo) ?? 0,
    data: (s.snapshot?.data ?? '') + s.log.slice(0, upTo - base).map((e) => e.value).join(''),
  };
  return { ...s, snapshot, log: s.log.slice(upTo - base) };
}

/** R32: the card a leader sends instead of AppendEntries when the entries a follower lacks are compacted. */
export function installSnapshotOf(s: ServerState, term: number): InstallSnapshot | null {
  if (!s.snapshot) return null;
  return { type: 'InstallSnapshot', term, leaderId: s.id, ...s.snapshot };
}

/**
 * R31 (Figure 5.3, receiver steps 5–8): a follower installs a snapshot newer than what it has
 * committed. If its log holds the snapshot's last entry (same index and term) it keeps the entries
 * after it; otherwise it discards its whole log. Its state machine is the snapshot's text:
 * commitIndex and lastApplied reach lastIncludedIndex. An older snapshot changes nothing.
 */
export function installSnapshot(s: ServerState, m: InstallSnapshot): ServerState {
  if (m.lastIncludedIndex <= s.commitIndex) return s;
  const keeps = termAtIndex(s, m.lastIncludedIndex) === m.lastIncludedTerm;
  const log = keeps ? s.log.slice(m.lastIncludedIndex - snapshotIndex(s)).map((e) => ({ ...e })) : [];
  const snapshot: Snapshot = { lastIncludedIndex: m.lastIncludedIndex, lastIncludedTerm: m.lastIncludedTerm, data: m.data };
  return { ...s, snapshot, log, commitIndex: m.lastIncludedIndex, lastApplied: Math.max(s.lastApplied, m.lastIncludedIndex) };
}
