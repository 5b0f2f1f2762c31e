/**
 * Shared builders for the rule tests (not a test file itself). Sheets are built directly as plain
 * data, the way a player fills in a paper sheet, and then driven through the reference step().
 */
import { newServer, step } from '../../src/raft/step.js';
import type {
  AppendEntries,
  Entry,
  Input,
  Message,
  Outgoing,
  Reply,
  Request,
  RequestVote,
  Role,
  ServerId,
  ServerState,
  StepOptions,
} from '../../src/raft/types.js';
import { DEFAULT_STEP_OPTIONS } from '../../src/raft/types.js';

/** Entries from a list of terms; the value names index and term so equal (index, term) ⇒ equal entry. */
export function entries(terms: number[], values?: string): Entry[] {
  return terms.map((term, i) => ({ term, value: values?.[i] ?? `${i + 1}@${term}` }));
}

export interface SheetSpec {
  /** The Terms row; its length is currentTerm. Defaults to `term` cells of `—`. */
  votes?: (ServerId | null)[];
  term?: number;
  votedFor?: ServerId | null;
  log?: Entry[];
  role?: Role;
  commitIndex?: number;
  lastApplied?: number;
  votesGranted?: ServerId[];
  nextIndex?: Record<ServerId, number>;
  matchIndex?: Record<ServerId, number>;
}

/** A sheet in any state: `term` fills the Terms row with `—`, `votedFor` fills its last cell. */
export function sheet(id: ServerId, cluster: ServerId[], spec: SheetSpec = {}): ServerState {
  let votes = spec.votes ?? Array.from({ length: spec.term ?? 0 }, () => null as ServerId | null);
  if (spec.votedFor !== undefined && votes.length > 0) votes = [...votes.slice(0, -1), spec.votedFor];
  const log = spec.log ?? [];
  const role = spec.role ?? 'follower';
  const peers = cluster.filter((p) => p !== id);
  return {
    ...newServer(id, cluster),
    votes,
    log,
    role,
    commitIndex: spec.commitIndex ?? 0,
    lastApplied: spec.lastApplied ?? spec.commitIndex ?? 0,
    votesGranted: spec.votesGranted ?? (role === 'candidate' ? [id] : []),
    nextIndex: spec.nextIndex ?? (role === 'leader' ? Object.fromEntries(peers.map((p) => [p, log.length + 1])) : {}),
    matchIndex: spec.matchIndex ?? (role === 'leader' ? Object.fromEntries(peers.map((p) => [p, 0])) : {}),
  };
}

/** A leader of `term` (its own vote in the last cell) with nextIndex/matchIndex as R13 sets them. */
export function leader(id: ServerId, cluster: ServerId[], term: number, log: Entry[], extra: SheetSpec = {}): ServerState {
  return sheet(id, cluster, { term, votedFor: id, log, role: 'leader', ...extra });
}

export function ids(n: number, prefix = 'i'): ServerId[] {
  return Array.from({ length: n }, (_, k) => `${prefix}${k + 1}`);
}

export function rv(term: number, candidateId: ServerId, lastLogIndex = 0, lastLogTerm = 0): RequestVote {
  return { type: 'RequestVote', term, candidateId, lastLogIndex, lastLogTerm };
}

export function ae(
  term: number,
  leaderId: ServerId,
  prevLogIndex: number,
  prevLogTerm: number,
  sent: Entry[] = [],
  leaderCommit = 0,
): AppendEntries {
  return { type: 'AppendEntries', term, leaderId, prevLogIndex, prevLogTerm, entries: sent, leaderCommit };
}

export function recv(from: ServerId, message: Request): Input;
export function recv(from: ServerId, message: Reply, request: Request): Input;
export function recv(from: ServerId, message: Message, request?: Request): Input {
  return request === undefined
    ? { kind: 'receive', from, message: message as Request }
    : { kind: 'receive', from, message: message as Reply, request };
}

/** A whole cluster of sheets by id, driven only through step(). */
export type Sheets = Record<ServerId, ServerState>;

export function fresh(cluster: ServerId[]): Sheets {
  return Object.fromEntries(cluster.map((id) => [id, newServer(id, cluster)]));
}

/**
 * Deliver one card and bring its reply back: the receiver steps on the request, the sender steps
 * on the reply (with the request it answers, R20). Returns the reply card.
 */
export function roundTrip(s: Sheets, from: ServerId, card: Outgoing, options: StepOptions = DEFAULT_STEP_OPTIONS): Reply {
  const r = step(s[card.to], recv(from, card.message as Request), options);
  s[card.to] = r.state;
  const reply = r.send[0].message as Reply;
  s[from] = step(s[from], recv(card.to, reply, card.message as Request), options).state;
  return reply;
}

/** `id` times out (R8) and every card it sends is answered at once. */
export function elect(s: Sheets, id: ServerId, voters?: ServerId[]): void {
  const t = step(s[id], { kind: 'timeout' });
  s[id] = t.state;
  for (const card of t.send) if (!voters || voters.includes(card.to)) roundTrip(s, id, card);
}

/** The leader sends AppendEntries to `to` (R16) and each card makes a round trip. */
export function replicate(s: Sheets, from: ServerId, to: ServerId[], options: StepOptions = DEFAULT_STEP_OPTIONS): Reply[] {
  const out = step(s[from], { kind: 'send', to }, options);
  return out.send.map((card) => roundTrip(s, from, card, options));
}

/** The leader writes a message, one letter per entry (R15). */
export function write(s: Sheets, leaderId: ServerId, text: string): void {
  for (const value of text) s[leaderId] = step(s[leaderId], { kind: 'client', value }).state;
}

export function terms(log: readonly Entry[]): number[] {
  return log.map((e) => e.term);
}
