/**
 * Plain-data types of one Raft server, the cards it exchanges and the inputs it reacts to.
 * Everything here is JSON-serialisable so that the journal, the wire and the tests use it as is.
 *
 * Conventions (documented in docs/core-api.md):
 * - Terms and indexes are numbers; term 0 / index 0 is the sentinel of an empty log (R3).
 * - `log[0]` is the entry at index 1 (Raft logs are 1-based, arrays are not).
 * - `votes[t - 1]` is the vote cell of term t on the sheet; its length is currentTerm (R1):
 *   the Terms row of the paper sheet, where `null` is drawn as `—`.
 */

export type ServerId = string;

export type Role = 'follower' | 'candidate' | 'leader';

/** One cell of the Raft Log: the term it was written in and one letter of the message. */
export interface Entry {
  term: number;
  value: string;
}

/** The Raft State sheet of one server. */
export interface ServerState {
  id: ServerId;
  /** Every server of the cluster, this one included, in sheet order (i1, i2, …). */
  cluster: ServerId[];
  // ---- persistent state (R1): survives going offline ----
  /** The Terms row: `votes[t-1]` is who this server voted for in term t, or null (`—`). */
  votes: (ServerId | null)[];
  log: Entry[];
  // ---- volatile state (R2): lost on restart ----
  role: Role;
  commitIndex: number;
  /** Entries 1..lastApplied carry the applied tick. */
  lastApplied: number;
  /** Candidate only: distinct servers that granted a vote in currentTerm, self included (R11). */
  votesGranted: ServerId[];
  /** Leader only (R2, R13): next index to send to each other server. */
  nextIndex: Record<ServerId, number>;
  /** Leader only (R2, R13): highest index known replicated on each other server. */
  matchIndex: Record<ServerId, number>;
  // ---- volatile, pre-vote games only (docs/rules-extended.md); absent otherwise ----
  /** R24, R26: in a pre-vote, the distinct servers that granted one, self included. */
  preVotes?: ServerId[];
  /** R27: the leader of currentTerm this server hears from (its AppendEntries accepted). */
  leader?: ServerId;
  /** R28 (leader): followers whose AppendEntries reply it read since its last quorum check. */
  heard?: ServerId[];
  // ---- persistent, log-compaction games only (docs/rules-extended.md R29–R32); absent otherwise ----
  /** R29: the applied prefix 1..lastIncludedIndex, compacted; `log` then holds the entries after it. */
  snapshot?: Snapshot;
}

/** R29 (dissertation §5.1): the snapshot box of the sheet. */
export interface Snapshot {
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  /** The state machine: the applied text, one letter per compacted entry. */
  data: string;
}

export interface RequestVote {
  type: 'RequestVote';
  term: number;
  candidateId: ServerId;
  lastLogIndex: number;
  lastLogTerm: number;
}

export interface RequestVoteReply {
  type: 'RequestVoteReply';
  term: number;
  voteGranted: boolean;
}

export interface AppendEntries {
  type: 'AppendEntries';
  term: number;
  leaderId: ServerId;
  prevLogIndex: number;
  prevLogTerm: number;
  entries: Entry[];
  leaderCommit: number;
}

export interface AppendEntriesReply {
  type: 'AppendEntriesReply';
  term: number;
  success: boolean;
}

/**
 * R24 (dissertation §9.6): "would you vote for me in `term`?" Sent before a server increments
 * its term; the receiver changes nothing on its sheet (R25).
 */
export interface PreVote {
  type: 'PreVote';
  /** The term the sender would start: its currentTerm + 1. */
  term: number;
  candidateId: ServerId;
  lastLogIndex: number;
  lastLogTerm: number;
}

export interface PreVoteReply {
  type: 'PreVoteReply';
  /** The receiver's currentTerm (R7). */
  term: number;
  voteGranted: boolean;
}

/** R32 (dissertation Figure 5.3): the leader's snapshot, for a follower whose missing entries are compacted. */
export interface InstallSnapshot {
  type: 'InstallSnapshot';
  term: number;
  leaderId: ServerId;
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  /** The applied text the snapshot holds. */
  data: string;
}

export interface InstallSnapshotReply {
  type: 'InstallSnapshotReply';
  /** The receiver's currentTerm (R7). */
  term: number;
}

export type Request = RequestVote | AppendEntries | PreVote | InstallSnapshot;
export type Reply = RequestVoteReply | AppendEntriesReply | PreVoteReply | InstallSnapshotReply;
export type Message = Request | Reply;

/** A card a server hands to the network, addressed to one other server. */
export interface Outgoing {
  to: ServerId;
  message: Message;
}

/**
 * One input to one server: the thing a player reacts to in one move.
 * - `timeout`: the election timer fired (R8), on cue or by a timer.
 * - `receive`: a card taken from the inbox. A reply carries the request it answers, because
 *   the leader must acknowledge exactly what that request covered (R20).
 * - `client`: the leader is given a client's message (one letter or a whole word) to write into
 *   its log, one letter per entry (R15).
 * - `send`: the leader sends AppendEntries to the named servers (R13 heartbeats, R16).
 * - `replies`: "read the Response row": every waiting reply to one request card, taken in one
 *   move and handled one after the other (a candidate's vote replies, a leader's AppendEntries
 *   replies), as a person reads the ticks of one paper card at once.
 */
export type Input =
  | { kind: 'timeout' }
  | { kind: 'receive'; from: ServerId; message: Request }
  | ReplyInput
  | { kind: 'client'; value: string }
  | { kind: 'send'; to: ServerId[] }
  | { kind: 'replies'; replies: ReplyInput[] };

/** One reply taken from the inbox, with the request it answers (R20). */
export interface ReplyInput {
  kind: 'receive';
  from: ServerId;
  message: Reply;
  request: Request;
}

/** The result of one move: the sheet after it and the cards it sends. */
export interface Move {
  state: ServerState;
  send: Outgoing[];
}

/** Tunables of the reference algorithm. */
export interface StepOptions {
  /** Entries per AppendEntries card; the paper card has four cells. */
  maxEntries: number;
  /** R24–R27: a timer that fires asks for pre-votes first (off unless a game or room says so). */
  preVote?: boolean;
  /** R30: snapshot when this many applied entries are above the snapshot box (off when absent or 0). */
  snapshotEvery?: number;
  /**
   * R33–R38 (membership changes, docs/rules-extended.md): the configuration before any
   * configuration entry (`+iN`/`-iN` cells) in a log; absent = off, every server of the sheet votes.
   */
  initialConfig?: ServerId[];
  /**
   * R37 off: configuration changes as the dissertation was printed (2014), before the raft-dev
   * correction of 2015; game 7 plays its last part so, to show what the correction prevents.
   */
  uncorrected?: boolean;
}

export const DEFAULT_STEP_OPTIONS: StepOptions = { maxEntries: 4 };
