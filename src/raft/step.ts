/**
 * The reference transitions: the correct reaction of one server to one input, exactly as the
 * Raft paper's Figure 2 states it (RAFT-RULES.md R1–R23). The referee compares a player's move
 * with this; bots play it; the simulator runs it. Pure: no I/O, no clock, no randomness.
 *
 * Two conventions the rules leave open, chosen once here (docs/core-api.md):
 * - After a failed AppendEntries, nextIndex = max(nextIndex − 1, matchIndex + 1): decrement as the
 *   paper does, but a delayed failure reply never pushes it below what is known replicated (R21).
 * - Winning an election does not send cards by itself: the new leader's first heartbeat (R13) is
 *   its own `send` move, as on paper, where the leader decides when to hand out a card.
 *   Likewise no no-op entry is appended on election (paper's basic algorithm, RAFT-RULES F).
 */
import { currentTerm, termAt, votedFor } from './log.js';
import { compact, entriesFrom, installSnapshot, installSnapshotOf, isUpToDateWith, lastIndex, lastTerm, snapshotIndex, termAtIndex } from './snapshot.js';
import type {
  AppendEntries,
  AppendEntriesReply,
  Input,
  InstallSnapshot,
  InstallSnapshotReply,
  PreVote,
  PreVoteReply,
  Move,
  Outgoing,
  Request,
  RequestVote,
  RequestVoteReply,
  ServerId,
  ServerState,
  StepOptions,
} from './types.js';
import { DEFAULT_STEP_OPTIONS } from './types.js';
import { changeRefusal, configChange, isQuorum, membershipOn, removedAndCommitted, votersOf } from './membership.js';

export interface StepResult extends Move {
  /** R14: whether this input resets the election timer (liveness only, not part of a move). */
  resetTimer: boolean;
}

/** A fresh server: term 0, empty log, follower (R1, R2). */
export function newServer(id: ServerId, cluster: ServerId[]): ServerState {
  return {
    id,
    cluster: [...cluster],
    votes: [],
    log: [],
    role: 'follower',
    commitIndex: 0,
    lastApplied: 0,
    votesGranted: [],
    nextIndex: {},
    matchIndex: {},
  };
}

/**
 * R1: a restart keeps currentTerm, votedFor and the log; everything volatile is gone. R29: the
 * snapshot is persistent too, and the state machine restarts from it (commit and applied at its index).
 */
export function restart(s: ServerState): ServerState {
  const out: ServerState = { ...newServer(s.id, s.cluster), votes: [...s.votes], log: s.log.map((e) => ({ ...e })) };
  if (!s.snapshot) return out;
  const at = s.snapshot.lastIncludedIndex;
  return { ...out, snapshot: { ...s.snapshot }, commitIndex: at, lastApplied: at };
}

export function peersOf(s: ServerState): ServerId[] {
  return s.cluster.filter((id) => id !== s.id);
}

/** R8, R24: whom a candidate asks: every peer, or with membership changes the peers of its latest configuration (R34). */
function askedBy(s: ServerState, options: StepOptions): ServerId[] {
  if (!membershipOn(options)) return peersOf(s);
  const voters = votersOf(s, options);
  return peersOf(s).filter((id) => voters.includes(id));
}

/**
 * R4: a higher term seen in any request or reply is adopted first: the skipped terms and the new
 * one are written with vote `—`, and the server becomes a follower. Processing then continues.
 */
export function adoptTerm(s: ServerState, term: number): ServerState {
  if (term <= currentTerm(s)) return s;
  const votes = [...s.votes];
  while (votes.length < term) votes.push(null);
  // R26, R27: a new term ends a pre-vote and forgets the leader of the old term.
  return { ...withoutPreVote(s), votes, role: 'follower', votesGranted: [], nextIndex: {}, matchIndex: {} };
}

/** The sheet without the pre-vote cells (R26), the known leader (R27) and the quorum check (R28); absent = empty. */
export function withoutPreVote(s: ServerState, keepLeader = false): ServerState {
  if (s.preVotes === undefined && s.heard === undefined && (keepLeader || s.leader === undefined)) return s;
  const out = { ...s };
  delete out.preVotes;
  delete out.heard;
  if (!keepLeader) delete out.leader;
  return out;
}

/** The correct move of server `s` for `input`; R30: with snapshots on, it ends with the compaction due. */
export function step(s: ServerState, input: Input, options: StepOptions = DEFAULT_STEP_OPTIONS): StepResult {
  const out = react(s, input, options);
  if (!options.snapshotEvery) return out;
  const state = compact(out.state, options.snapshotEvery);
  return state === out.state ? out : { ...out, state };
}

function react(s: ServerState, input: Input, options: StepOptions): StepResult {
  switch (input.kind) {
    case 'timeout':
      // R35: a learner (or a removed server that knows it) starts no election.
      if (membershipOn(options) && s.role !== 'leader' && !votersOf(s, options).includes(s.id)) return unchanged(s);
      if (!options.preVote) return startElection(s, options);
      return s.role === 'leader' ? checkQuorum(s, options) : startPreVote(s, options);
    case 'client':
      return clientLetter(s, input.value, options);
    case 'send':
      return { state: s, send: appendEntriesFor(s, input.to, options), resetTimer: false };
    case 'receive':
      return receive(s, input, options);
    case 'replies':
      return readReplies(s, input.replies, options);
  }
}

/**
 * Reading a Response row: each reply is handled in order exactly as if taken alone (R4, R6, R11,
 * R20–R22), the sheet written once at the end. Replies send nothing; the timer resets if any did.
 */
function readReplies(s: ServerState, replies: Extract<Input, { kind: 'replies' }>['replies'], options: StepOptions): StepResult {
  let out: StepResult = unchanged(s);
  for (const r of replies) {
    const next = step(out.state, r, options);
    out = { state: next.state, send: [...out.send, ...next.send], resetTimer: out.resetTimer || next.resetTimer };
  }
  return out;
}

/** The sheet after each reply of a Response row, in order (the referee judges reply by reply). */
export function statesThroughReplies(s: ServerState, replies: Extract<Input, { kind: 'replies' }>['replies'], options: StepOptions = DEFAULT_STEP_OPTIONS): ServerState[] {
  const out = [s];
  for (const r of replies) out.push(step(out[out.length - 1], r, options).state);
  return out;
}

function unchanged(s: ServerState, send: Outgoing[] = []): StepResult {
  return { state: s, send, resetTimer: false };
}

/**
 * R8: a follower or candidate whose timer fires starts a new term and asks everyone for a vote;
 * with membership changes on, everyone of its latest configuration (R34).
 */
function startElection(s: ServerState, options: StepOptions): StepResult {
  if (s.role === 'leader') return unchanged(s); // R8: leaders never start elections
  const term = currentTerm(s) + 1;
  let state: ServerState = {
    ...withoutPreVote(s),
    votes: [...s.votes, s.id],
    role: 'candidate',
    votesGranted: [s.id],
    nextIndex: {},
    matchIndex: {},
  };
  const rv: RequestVote = {
    type: 'RequestVote',
    term,
    candidateId: s.id,
    lastLogIndex: lastIndex(s),
    lastLogTerm: lastTerm(s),
  };
  state = maybeWin(state, options); // a one-server cluster wins at once (R11)
  return { state, send: askedBy(s, options).map((to) => ({ to, message: rv })), resetTimer: true };
}

/**
 * R15: only a leader writes a client's message into its log, in its current term, one letter per
 * entry from lastLogIndex + 1 on. A whole word is one move, as on paper (`HighLoad` into 1–8).
 */
function clientLetter(s: ServerState, value: string, options: StepOptions): StepResult {
  if (s.role !== 'leader') return unchanged(s);
  const term = currentTerm(s);
  const change = membershipOn(options) ? configChange(value) : null;
  if (change && membershipOn(options)) {
    // R33: one configuration entry, appended only when R35–R37 allow it; used at once (R34).
    if (changeRefusal(s, change, options) !== null) return unchanged(s);
    return unchanged(advanceLeaderCommit({ ...s, log: [...s.log, { term, value }] }, options));
  }
  const state = { ...s, log: [...s.log, ...clientLetters(value).map((v) => ({ term, value: v }))] };
  return unchanged(advanceLeaderCommit(state, options));
}

/** A client's message as the letters it writes, one per log cell (code points, not UTF-16 units). */
export function clientLetters(value: string): string[] {
  return [...value];
}

/**
 * R16: one AppendEntries per addressee, from its nextIndex, at most `maxEntries` entries. R32: a
 * follower whose nextIndex is inside the snapshot (the entries it lacks are gone) gets the
 * snapshot instead.
 */
export function appendEntriesFor(s: ServerState, to: ServerId[], options: StepOptions = DEFAULT_STEP_OPTIONS): Outgoing[] {
  if (s.role !== 'leader') return [];
  return to
    .filter((id) => id !== s.id && s.cluster.includes(id))
    .map((id) => {
      const next = s.nextIndex[id] ?? lastIndex(s) + 1;
      const snapshot = next <= snapshotIndex(s) ? installSnapshotOf(s, currentTerm(s)) : null;
      if (snapshot) return { to: id, message: snapshot };
      const prevLogIndex = Math.min(next - 1, lastIndex(s));
      const message: AppendEntries = {
        type: 'AppendEntries',
        term: currentTerm(s),
        leaderId: s.id,
        prevLogIndex,
        prevLogTerm: termAtIndex(s, prevLogIndex) ?? 0,
        entries: entriesFrom(s, prevLogIndex + 1, options.maxEntries),
        leaderCommit: s.commitIndex,
      };
      return { to: id, message };
    });
}

function receive(s: ServerState, input: Extract<Input, { kind: 'receive' }>, options: StepOptions): StepResult {
  const m = input.message;
  // R4: adopt a higher term from a request *or* a reply before anything else; R25: except a
  // PreVote's, which is only the term its sender would start.
  const state = m.term > currentTerm(s) && m.type !== 'PreVote' ? adoptTerm(s, m.term) : s;
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVote(state, input.from, m);
    case 'AppendEntries':
      return handleAppendEntries(state, input.from, m, options);
    case 'PreVote':
      return handlePreVote(state, input.from, m);
    case 'InstallSnapshot':
      return handleInstallSnapshot(state, input.from, m);
    case 'InstallSnapshotReply': {
      const request = (input as { request: Request }).request;
      // R6: a reply from an older term, or to a request of an older term, is dropped.
      if (m.term < currentTerm(state) || request.term !== currentTerm(state) || request.type !== 'InstallSnapshot') return unchanged(state);
      return handleSnapshotReply(options.preVote ? heardFrom(state, input.from) : state, input.from, request);
    }
    case 'PreVoteReply': {
      const request = (input as { request: Request }).request;
      // R26: a reply to another round, or arriving after the pre-vote ended, is dropped (R6).
      if (m.term < currentTerm(state) || request.term !== currentTerm(state) + 1 || state.preVotes === undefined) return unchanged(state);
      return handlePreVoteReply(state, input.from, m, options);
    }
    case 'RequestVoteReply':
    case 'AppendEntriesReply': {
      const request = (input as { request: Request }).request;
      // R6: a reply from an older term, or to a request of an older term, is dropped.
      if (m.term < currentTerm(state) || request.term !== currentTerm(state)) return unchanged(state);
      return m.type === 'RequestVoteReply'
        ? handleVoteReply(state, input.from, m as RequestVoteReply, options)
        : handleAppendReply(options.preVote ? heardFrom(state, input.from) : state, input.from, m as AppendEntriesReply, request as AppendEntries, options);
    }
  }
}

/** R5, R9, R10: vote at most once per term, for a candidate at least as up-to-date. */
function handleRequestVote(s: ServerState, from: ServerId, m: RequestVote): StepResult {
  const term = currentTerm(s);
  const reply = (voteGranted: boolean): Outgoing[] => [
    { to: from, message: { type: 'RequestVoteReply', term, voteGranted } satisfies RequestVoteReply },
  ];
  if (m.term < term) return unchanged(s, reply(false)); // R5
  const free = votedFor(s) === null || votedFor(s) === m.candidateId;
  if (!free || !isUpToDateWith(m.lastLogTerm, m.lastLogIndex, s)) return unchanged(s, reply(false));
  const votes = [...s.votes];
  votes[term - 1] = m.candidateId;
  return { state: { ...s, votes }, send: reply(true), resetTimer: true }; // R9, R14
}

/** R5, R12, R17, R18, R19, R23: the follower side of AppendEntries. */
function handleAppendEntries(s: ServerState, from: ServerId, m: AppendEntries, options: StepOptions): StepResult {
  const term = currentTerm(s);
  const reply = (state: ServerState, success: boolean, resetTimer: boolean): StepResult => ({
    state,
    send: [{ to: from, message: { type: 'AppendEntriesReply', term, success } satisfies AppendEntriesReply }],
    resetTimer,
  });
  if (m.term < term) return reply(s, false, false); // R5: stale leader
  // Two leaders in one term cannot happen under P1; if a broken game makes it happen, a leader
  // refuses rather than letting another leader rewrite its log (P2).
  if (s.role === 'leader') return reply(s, false, false);
  let follower: ServerState = s.role === 'candidate' ? { ...s, role: 'follower', votesGranted: [] } : s; // R12
  // R27: with pre-vote on, the follower now hears from the leader of its term; a pre-vote ends.
  if (options.preVote) follower = { ...withoutPreVote(follower), leader: m.leaderId };
  // R17: consistency check; a missing or different entry at prevLogIndex fails without change.
  // R29: an index below the snapshot's is committed, hence the leader's too: the check passes.
  const base = snapshotIndex(follower);
  const compacted = m.prevLogIndex < base;
  if (!compacted && termAtIndex(follower, m.prevLogIndex) !== m.prevLogTerm) return reply(follower, false, true);
  // R29: entries the snapshot already covers are skipped; the rest merge into the kept log.
  const skip = compacted ? base - m.prevLogIndex : 0;
  const log = mergeEntries(follower.log, m.prevLogIndex + skip - base, m.entries.slice(skip));
  let commitIndex = follower.commitIndex;
  if (m.leaderCommit > commitIndex) {
    // R19: min(leaderCommit, index of the last entry covered by this message), never lower.
    commitIndex = Math.max(commitIndex, Math.min(m.leaderCommit, m.prevLogIndex + m.entries.length));
  }
  return reply(applyCommitted({ ...follower, log, commitIndex }), true, true);
}

/** R18: skip entries already present, truncate only from the first conflicting one. */
export function mergeEntries(log: ServerState['log'], prevLogIndex: number, entries: ServerState['log']): ServerState['log'] {
  let out = log;
  for (let k = 0; k < entries.length; k++) {
    const index = prevLogIndex + k + 1;
    const existing = termAt(out, index);
    if (existing === entries[k].term) continue;
    const kept = existing === undefined ? out : out.slice(0, index - 1); // conflict: cut here
    out = [...kept, ...entries.slice(k).map((e) => ({ ...e }))];
    break;
  }
  return out === log ? log : out;
}

/** R11, R13: count distinct granted votes of this term; a majority makes a leader. */
function handleVoteReply(s: ServerState, from: ServerId, m: RequestVoteReply, options: StepOptions): StepResult {
  if (s.role !== 'candidate' || !m.voteGranted || s.votesGranted.includes(from)) return unchanged(s);
  return unchanged(maybeWin({ ...s, votesGranted: [...s.votesGranted, from] }, options));
}

/** R11 (R34 with membership changes: only the votes of the latest configuration count, out of its size). */
function maybeWin(s: ServerState, options: StepOptions): ServerState {
  if (s.role !== 'candidate' || !isQuorum(votersOf(s, options), s.votesGranted)) return s;
  const nextIndex: Record<ServerId, number> = {};
  const matchIndex: Record<ServerId, number> = {};
  for (const id of peersOf(s)) {
    nextIndex[id] = lastIndex(s) + 1; // R13
    matchIndex[id] = 0;
  }
  return { ...s, role: 'leader', votesGranted: [], nextIndex, matchIndex };
}

/** R20, R21: acknowledge exactly what the answered request covered; on failure step back. */
function handleAppendReply(s: ServerState, from: ServerId, m: AppendEntriesReply, request: AppendEntries, options: StepOptions): StepResult {
  if (s.role !== 'leader') return unchanged(s);
  const match = s.matchIndex[from] ?? 0;
  const next = s.nextIndex[from] ?? lastIndex(s) + 1;
  if (m.success) {
    const acked = request.prevLogIndex + request.entries.length; // R20
    const matchIndex = { ...s.matchIndex, [from]: Math.max(match, acked) }; // R21: never decreases
    const nextIndex = { ...s.nextIndex, [from]: matchIndex[from] + 1 };
    return unchanged(advanceLeaderCommit({ ...s, matchIndex, nextIndex }, options));
  }
  const nextIndex = { ...s.nextIndex, [from]: Math.max(next - 1, match + 1, 1) }; // R21, M12
  return unchanged({ ...s, nextIndex });
}

/**
 * R22: the largest N > commitIndex stored on a majority (the leader counts its own log) whose
 * entry is of the current term; earlier-term entries commit only through it. Then R23. With
 * membership changes on, the majority is of the leader's latest configuration, the leader counted
 * only while it is a member (R34), and a leader whose removal is committed steps down (R38).
 */
export function advanceLeaderCommit(s: ServerState, options: StepOptions = DEFAULT_STEP_OPTIONS): ServerState {
  if (s.role !== 'leader') return s;
  const term = currentTerm(s);
  const voters = votersOf(s, options);
  let commitIndex = s.commitIndex;
  for (let n = lastIndex(s); n > s.commitIndex; n--) {
    if (termAtIndex(s, n) !== term) break; // terms in a log never decrease: older entries below
    const stored = [s.id, ...peersOf(s).filter((id) => (s.matchIndex[id] ?? 0) >= n)];
    if (isQuorum(voters, stored)) {
      commitIndex = n;
      break;
    }
  }
  const out = applyCommitted(commitIndex === s.commitIndex ? s : { ...s, commitIndex });
  return removedAndCommitted(out, options) ? stepDown(out) : out;
}

/** R38 (and R28): a leader becomes a follower of the same term, its vote cell unchanged. */
function stepDown(s: ServerState): ServerState {
  return { ...withoutPreVote(s), role: 'follower', votesGranted: [], nextIndex: {}, matchIndex: {} };
}

/** R23: apply lastApplied+1 … commitIndex, in order, never past commitIndex. */
export function applyCommitted(s: ServerState): ServerState {
  return s.lastApplied < s.commitIndex ? { ...s, lastApplied: s.commitIndex } : s;
}

// ---- Pre-vote (docs/rules-extended.md R24–R27; Ongaro's dissertation §9.6) ----

/**
 * R24: with pre-vote on, a timer that fires does not start a term: the server stays in its term
 * without voting, forgets the leader it heard from (R27: it has not heard from it for a whole
 * timeout), counts its own pre-vote and asks everyone "would you vote for me in term T+1?".
 */
function startPreVote(s: ServerState, options: StepOptions): StepResult {
  if (s.role === 'leader') return unchanged(s); // R8: leaders never start elections
  const state: ServerState = {
    ...withoutPreVote(s),
    role: 'follower',
    votesGranted: [],
    nextIndex: {},
    matchIndex: {},
    preVotes: [s.id],
  };
  const pv: PreVote = {
    type: 'PreVote',
    term: currentTerm(s) + 1,
    candidateId: s.id,
    lastLogIndex: lastIndex(s),
    lastLogTerm: lastTerm(s),
  };
  if (isQuorum(votersOf(s, options), state.preVotes!)) return startElection(state, options); // one server: R26 at once
  return { state, send: askedBy(s, options).map((to) => ({ to, message: pv })), resetTimer: true };
}

/**
 * R25: a PreVote changes nothing on the receiver's sheet (no term, no vote, no timer). It is
 * granted iff the term asked for is above the receiver's, the sender's log is at least as
 * up-to-date (R10), and the receiver hears from no leader (it is not one and knows none, R27).
 */
function handlePreVote(s: ServerState, from: ServerId, m: PreVote): StepResult {
  const term = currentTerm(s);
  const hearsLeader = s.role === 'leader' || s.leader !== undefined;
  const voteGranted = m.term > term && isUpToDateWith(m.lastLogTerm, m.lastLogIndex, s) && !hearsLeader;
  return unchanged(s, [{ to: from, message: { type: 'PreVoteReply', term, voteGranted } satisfies PreVoteReply }]);
}

/** R26: count distinct pre-votes, self included; with a majority of the cluster, start the term (R8). */
function handlePreVoteReply(s: ServerState, from: ServerId, m: PreVoteReply, options: StepOptions): StepResult {
  const votes = s.preVotes ?? [];
  if (!m.voteGranted || votes.includes(from)) return unchanged(s);
  const state = { ...s, preVotes: [...votes, from] };
  return isQuorum(votersOf(s, options), state.preVotes) ? startElection(state, options) : unchanged(state);
}

/** R28: a leader notes each follower whose AppendEntries reply of its term it read (✔ or ✗). */
function heardFrom(s: ServerState, from: ServerId): ServerState {
  if (s.role !== 'leader' || (s.heard ?? []).includes(from)) return s;
  // In sheet order, so the cell reads the same whatever order the replies came in.
  return { ...s, heard: s.cluster.filter((id) => id === from || (s.heard ?? []).includes(id)) };
}

/**
 * R28 (CheckQuorum, dissertation §6.2): with pre-vote on, a leader whose election timer fires
 * checks that it heard from a majority (itself included) since the last check. If so it starts
 * a new round; if not it steps down to follower in the same term (its vote cell unchanged), so a
 * leader cut off in a minority stops acting as one and its followers' stickiness (R25) ends.
 */
function checkQuorum(s: ServerState, options: StepOptions): StepResult {
  const heard = s.heard ?? [];
  if (isQuorum(votersOf(s, options), [s.id, ...heard])) return { state: { ...s, heard: [] }, send: [], resetTimer: true };
  return { state: stepDown(s), send: [], resetTimer: true };
}

// ---- Log compaction (docs/rules-extended.md R29–R32; dissertation §5, Figure 5.3) ----

/**
 * R31: the follower side of InstallSnapshot, checked like AppendEntries for its term (R5 stale,
 * R12 a candidate steps down, R14 the timer resets), then the snapshot is installed (snapshot.ts).
 */
function handleInstallSnapshot(s: ServerState, from: ServerId, m: InstallSnapshot): StepResult {
  const term = currentTerm(s);
  const send: Outgoing[] = [{ to: from, message: { type: 'InstallSnapshotReply', term } satisfies InstallSnapshotReply }];
  if (m.term < term || s.role === 'leader') return unchanged(s, send); // R5 (and P1, as for AppendEntries)
  const follower: ServerState = s.role === 'candidate' ? { ...s, role: 'follower', votesGranted: [] } : s; // R12
  return { state: installSnapshot(follower, m), send, resetTimer: true };
}

/** R32: the follower now holds the snapshot: matchIndex reaches its last index, nextIndex the one after; R22. */
function handleSnapshotReply(s: ServerState, from: ServerId, request: InstallSnapshot): StepResult {
  if (s.role !== 'leader') return unchanged(s);
  const match = Math.max(s.matchIndex[from] ?? 0, request.lastIncludedIndex); // R21: never decreases
  const matchIndex = { ...s.matchIndex, [from]: match };
  const nextIndex = { ...s.nextIndex, [from]: match + 1 };
  return unchanged(advanceLeaderCommit({ ...s, matchIndex, nextIndex }));
}
