/**
 * Small read-only helpers over one server's sheet. Pure functions; no state of their own.
 */
import type { Entry, ServerId, ServerState } from './types.js';

/** R3: index of the last entry, 0 for an empty log. */
export function lastLogIndex(log: readonly Entry[]): number {
  return log.length;
}

/** R3: term of the last entry, 0 for an empty log. */
export function lastLogTerm(log: readonly Entry[]): number {
  return log.length === 0 ? 0 : log[log.length - 1].term;
}

/** Term of the entry at a 1-based index; 0 for index 0 (R3) and undefined past the end. */
export function termAt(log: readonly Entry[], index: number): number | undefined {
  if (index === 0) return 0;
  if (index < 0 || index > log.length) return undefined;
  return log[index - 1].term;
}

/** R1: the current term is the length of the Terms row. */
export function currentTerm(s: Pick<ServerState, 'votes'>): number {
  return s.votes.length;
}

/** R1: votedFor is the vote cell of the current term. */
export function votedFor(s: Pick<ServerState, 'votes'>): ServerId | null {
  return s.votes.length === 0 ? null : (s.votes[s.votes.length - 1] ?? null);
}

/** R11: a majority of the full cluster, the server itself counted. */
export function majority(clusterSize: number): number {
  return Math.floor(clusterSize / 2) + 1;
}

/**
 * R10: the candidate's log (cT, cI) is at least as up-to-date as the voter's (vT, vI):
 * last term first, length only breaks a tie.
 */
export function isUpToDate(candidateTerm: number, candidateIndex: number, voterLog: readonly Entry[]): boolean {
  const vT = lastLogTerm(voterLog);
  return candidateTerm > vT || (candidateTerm === vT && candidateIndex >= lastLogIndex(voterLog));
}

/** The message of a log as one string, one letter per entry (what the class replicates). */
export function logText(log: readonly Entry[], from = 1, to = log.length): string {
  return log.slice(from - 1, to).map((e) => e.value).join('');
}

export function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  return a !== undefined && b !== undefined && a.term === b.term && a.value === b.value;
}

export function sameLog(a: readonly Entry[], b: readonly Entry[]): boolean {
  return a.length === b.length && a.every((e, i) => sameEntry(e, b[i]));
}
