/**
 * Membership changes (docs/rules-extended.md R33–R38; Ongaro's dissertation §4.1–§4.2 and the
 * raft-dev correction of 2015): one server added or removed per configuration entry, each server
 * counting majorities from the latest configuration in its own log, committed or not (R34).
 *
 * A configuration entry is a log cell whose value is `+iN` or `-iN` (R33): a client's letter is
 * one code point, so a two-or-more-character value starting with + or − cannot be a letter. The
 * configuration before any such entry is the cluster's initial one (`StepOptions.initialConfig`);
 * without it membership changes are off and every server of the sheet votes (Figure 2).
 * Pure helpers; step.ts plays the rules with them and the referee reads them.
 */
import { currentTerm, majority, termAt } from './log.js';
import type { Entry, ServerId, ServerState, StepOptions } from './types.js';

export interface ConfigChange {
  op: '+' | '-';
  server: ServerId;
}

const CHANGE = /^([+-])(i[1-9][0-9]?)$/;

/** R33: the change a log cell or a client's request names, or null for a letter. */
export function configChange(value: string): ConfigChange | null {
  const m = CHANGE.exec(value);
  return m ? { op: m[1] as '+' | '-', server: m[2] } : null;
}

export const isConfigEntry = (e: Entry): boolean => configChange(e.value) !== null;

/** Sheet order (i1 < i2 < … < i10), whatever order the changes came in. */
const byId = (a: ServerId, b: ServerId): number => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b);

/** R34: the configuration after applying the log's configuration entries 1…upTo to `initial`. */
export function configAt(log: readonly Entry[], upTo: number, initial: readonly ServerId[]): ServerId[] {
  const out = new Set(initial);
  for (const e of log.slice(0, upTo)) {
    const c = configChange(e.value);
    if (c?.op === '+') out.add(c.server);
    if (c?.op === '-') out.delete(c.server);
  }
  return [...out].sort(byId);
}

/** Index of the last configuration entry in a log, 0 when there is none. */
export function lastConfigIndex(log: readonly Entry[]): number {
  for (let i = log.length; i >= 1; i--) if (isConfigEntry(log[i - 1])) return i;
  return 0;
}

/**
 * R34/R35: where a server stands in the configuration of `s`'s log: a member; a learner (never
 * in it yet: it catches up before it is added); or removed (it was in it, the log took it out).
 */
export function standing(s: Pick<ServerState, 'log' | 'cluster'>, id: ServerId, options: StepOptions & { initialConfig: ServerId[] }): 'member' | 'learner' | 'removed' {
  if (votersOf(s, options).includes(id)) return 'member';
  const wasIn = options.initialConfig.includes(id) || s.log.some((e) => configChange(e.value)?.op === '+' && configChange(e.value)?.server === id);
  return wasIn ? 'removed' : 'learner';
}

/** Membership changes are on in this game (R33–R38). */
export const membershipOn = (options: StepOptions | undefined): options is StepOptions & { initialConfig: ServerId[] } =>
  options?.initialConfig !== undefined;

/**
 * R34: the servers whose votes and acknowledgements count for `s`: the latest configuration in
 * its log, committed or not (dissertation §4.1); the whole sheet when membership changes are off.
 */
export function votersOf(s: Pick<ServerState, 'log' | 'cluster'>, options?: StepOptions): ServerId[] {
  return membershipOn(options) ? configAt(s.log, s.log.length, options.initialConfig) : [...s.cluster];
}

/** R34: do these distinct servers make a majority of the configuration `voters`? Non-members do not count. */
export function isQuorum(voters: readonly ServerId[], servers: readonly ServerId[]): boolean {
  const counted = new Set(servers.filter((id) => voters.includes(id)));
  return counted.size >= majority(voters.length);
}

/** R34: how many of these servers count, and how many are needed, for the sheet's messages. */
export function quorumCount(voters: readonly ServerId[], servers: readonly ServerId[]): { n: number; need: number; size: number } {
  return { n: new Set(servers.filter((id) => voters.includes(id))).size, need: majority(voters.length), size: voters.length };
}

/** Why a leader may not append this change now (R35–R37), or null when it may. */
export type ChangeRefusal = 'not-leader' | 'no-op' | 'pending' | 'no-term-entry' | 'not-caught-up';

/**
 * R35–R37: a leader appends a configuration entry only when (R36) every configuration entry in
 * its log is committed, (R37, raft-dev 2015) an entry of its own term is committed, (R35) a server
 * being added holds every committed entry (matchIndex ≥ commitIndex), and the change changes something.
 */
export function changeRefusal(s: ServerState, change: ConfigChange, options: StepOptions & { initialConfig: ServerId[] }): ChangeRefusal | null {
  if (s.role !== 'leader') return 'not-leader';
  const config = votersOf(s, options);
  const member = config.includes(change.server);
  if ((change.op === '+') === member || !s.cluster.includes(change.server)) return 'no-op';
  if (lastConfigIndex(s.log) > s.commitIndex) return 'pending';
  if (!committedOwnTerm(s) && !options.uncorrected) return 'no-term-entry';
  if (change.op === '+' && (s.matchIndex[change.server] ?? 0) < s.commitIndex) return 'not-caught-up';
  return null;
}

/** R37: the leader has committed an entry of its current term. */
export function committedOwnTerm(s: ServerState): boolean {
  return termAt(s.log, s.commitIndex) === currentTerm(s);
}

/** R38: a leader whose latest configuration, committed, leaves it out. */
export function removedAndCommitted(s: ServerState, options?: StepOptions): boolean {
  if (!membershipOn(options) || s.role !== 'leader') return false;
  const at = lastConfigIndex(s.log);
  return at > 0 && at <= s.commitIndex && !votersOf(s, options).includes(s.id);
}
