/**
 * The classroom model as plain data: a room of clusters, each cluster a set of servers with
 * their sheets, the seats that play them, the cards in flight, and the faults and modes the
 * instructor set. The reducer (reducer.ts) turns a command into events; applying events
 * (apply.ts) is the only way state changes, so the journal replays a session exactly.
 *
 * Time and randomness never come from here: the reducer is handed `now` and a seeded RNG, and
 * every random outcome (a timer's deadline) is written into the event it produces.
 */
import type { Message, Move, Request, ServerId, ServerState } from '../raft/types.js';
import type { Mistake } from '../raft/referee.js';
import type { MonitorState, Violation } from '../raft/monitor.js';
import type { Text } from '../i18n/text.js';
import type { Question, QuestionKind } from './questions.js';
import type { CardTag } from './card-tag.js';

export type ClusterId = string;

/** guard: a wrong move is refused with its mistakes; observe: it is applied and recorded. */
export type RefereeMode = 'guard' | 'observe';
/** by-hand: the player writes the move; prefilled: the correct move is proposed to confirm. */
export type Assist = 'by-hand' | 'prefilled';
/** cue: elections start when the instructor or the script says so; timers: randomised timers. */
export type ElectionMode = 'cue' | 'timers';
/**
 * What `?` gives a player: nothing, the rule at the cursor, or the rule and the correct value
 * (the answer). Absent on a cluster = 'answer' (rooms recorded before hint levels existed).
 */
export type HintLevel = 'none' | 'rule' | 'answer';
export const HINT_LEVELS: readonly HintLevel[] = ['none', 'rule', 'answer'];
export type Pace = 'human' | 'fast';

export type Seat =
  | { kind: 'empty' }
  | { kind: 'student'; name: string }
  | { kind: 'bot'; pace: Pace };

/** A card in flight: one message from one server to one other, like a paper note in transit. */
export interface Card {
  /** Unique in the room, deterministic: `${cluster}-${n}`. */
  id: string;
  from: ServerId;
  to: ServerId;
  message: Message;
  /** For a reply: the request card it answers and that request (R20 needs what it covered). */
  inReplyTo?: { card: string; request: Request; batch: string };
  /** Cards sent in one move share a batch: on screen they are one paper card with a Response row. */
  batch: string;
  sentAt: number;
  /** The card shows in its addressee's inbox from this moment (the delay fault). */
  deliverAt: number;
}

/** The Response row of a sent paper card: one cell per addressee. */
export type ResponseCell = 'waiting' | 'ok' | 'no' | 'lost';

/** A card as its writer keeps it: what was sent, to whom, and the answers so far. */
export interface SentBatch {
  id: string;
  from: ServerId;
  /** The request as written; per-addressee AppendEntries may differ (nextIndex), see `cards`. */
  message: Request;
  cards: Record<ServerId, string>;
  responses: Record<ServerId, ResponseCell>;
  sentAt: number;
}

export interface ServerRecord {
  state: ServerState;
  online: boolean;
  /** timers mode: when this server's election timer fires (R14 resets it). */
  timerDeadline: number | null;
  /**
   * Set by a restart (R1: commitIndex and lastApplied are volatile) to what the server had
   * before it; cleared once its lastApplied is back there (a leader's AppendEntries, R19, R23).
   * The sheet says why its ✔ turned into ○.
   */
  restartedFrom?: { commitIndex: number; lastApplied: number };
}

/** Faults that act on every card sent while they are set (per cluster). */
export interface LinkFaults {
  /** Groups of servers that can reach each other; cards across groups are lost. Empty = healed. */
  partitions: ServerId[][];
  /** Extra delay in ms added to every card sent. */
  delayMs: number;
  /** Every card sent is delivered twice (teaches R18). */
  duplicate: boolean;
  /** Probability (0..1) a card sent is lost (free play and property tests). */
  lossRate: number;
}

export interface ScriptPosition {
  /** 1–4: the games of EXERCISE.md; 0: free play (scenarios.ts, FREE_PLAY). */
  game: number;
  /** 1-based step within the game. */
  step: number;
  /** True once the step's completion condition held (it never flips back). */
  done: boolean;
  /** Free play: the message leaders write, one letter per cell (default `HighLoad`). */
  message?: string;
}

export interface ClusterState {
  id: ClusterId;
  servers: Record<ServerId, ServerRecord>;
  seats: Record<ServerId, Seat>;
  /** Every card in flight, in the order sent; an inbox is the visible part addressed to one server. */
  inFlight: Card[];
  batches: Record<string, SentBatch>;
  mode: RefereeMode;
  assist: Assist;
  election: ElectionMode;
  /** What `?` gives (absent = 'answer'). */
  hints?: HintLevel;
  faults: LinkFaults;
  script: ScriptPosition | null;
  monitor: MonitorState;
  violations: Violation[];
  /** Counter behind card and batch ids. */
  seq: number;
  /** Mistakes made per server (accepted in observe mode or refused in guard mode), for views and the debrief. */
  /** The newest MISTAKES_KEPT (apply.ts) only, compacted: views stay bounded whatever a client sends. */
  mistakes: Record<ServerId, Mistake[]>;
  /** Every mistake counted per server and rule (absent in states recorded before the counts). */
  mistakeCounts?: Record<ServerId, Record<string, number>>;
  announcements: Text[];
  /** Rewinds of this cluster so far, oldest first (absent until the first one): rewind.ts. */
  rewinds?: RewindMark[];
  /**
   * Paused since this room time (absent: running). A pause freezes the cluster for a discussion:
   * timers stop (their deadlines move on by the pause's length on resume) and moves are refused
   * (`move/paused`), so everybody talks about the same board; instructor commands still work.
   */
  paused?: number;
  /** The question the room is being asked about this cluster's next decision (questions.ts), if any. */
  question?: OpenQuestion;
  /** Questions asked in this cluster so far (ids `${cluster}-q${n}`; absent: none). */
  questions?: number;
  /** Pre-vote (R24–R27, docs/rules-extended.md) is on: absent or false in games 1–4. */
  preVote?: boolean;
  /** R30: servers snapshot every N applied entries (docs/rules-extended.md); absent or 0 in games 1–5. */
  snapshotEvery?: number;
  /**
   * Membership changes (R33–R38, docs/rules-extended.md) are on: the initial configuration, before
   * any +iN/-iN entry of a log, and whether R37 is off (the 2014 rules). Absent in games 1–6:
   * every server of the sheet votes.
   */
  membership?: { voters: ServerId[]; uncorrected?: boolean };
}

/** A question asked (issue 14): answers are kept here, private until the reveal (views.ts). */
export interface OpenQuestion extends Question {
  id: string;
  askedAt: number;
  /** Answers count until this room time (the countdown). */
  deadline: number;
  /** By seat: the student's choice (the latest one counts) and name. */
  answers: Record<ServerId, { choice: number; name: string }>;
  revealed: boolean;
  /** The clusters the ask paused; resumed when the decision is played. */
  paused: ClusterId[];
}

/** One rewind: the records `from`…`through` left play for this cluster as branch `branch`. */
export interface RewindMark {
  branch: string;
  /** The record the cluster went back to (its state right after that record). */
  to: number;
  from: number;
  through: number;
}

/**
 * What the reducer needs to rewind: the number of the last record written so far and the
 * cluster as it was right after an earlier record (the hub reads it from the journal).
 */
export interface RewindHistory {
  last: number;
  clusterAt(cluster: ClusterId, to: number): ClusterState | null;
}

export interface RoomConfig {
  clusters: number;
  size: number;
  mode: RefereeMode;
  assist: Assist;
  election: ElectionMode;
  /** Entries per AppendEntries card (the paper card has four). */
  maxEntries: number;
  /** timers mode: election timeout range [min, max) in ms, like etcd's [t, 2t). */
  electionTimeoutMs: [number, number];
}

export interface Room {
  config: RoomConfig;
  clusters: Record<ClusterId, ClusterState>;
  now: number;
}

/** What a move reacts to, as a player names it. */
export type MoveInput =
  | { kind: 'card'; card: string }
  /** Read the Response row: every reply in the inbox to the request card (batch) `batch`, in one move. */
  | { kind: 'replies'; batch: string }
  | { kind: 'timeout' }
  | { kind: 'client'; value: string }
  | { kind: 'send'; to: ServerId[] };

export type Fault =
  | { kind: 'lose'; card: string }
  | { kind: 'lose-to'; to: ServerId[] }
  | { kind: 'offline'; server: ServerId }
  | { kind: 'online'; server: ServerId }
  | { kind: 'partition'; groups: ServerId[][] }
  | { kind: 'heal' }
  | { kind: 'delay'; card: string; ms: number }
  | { kind: 'delay-all'; ms: number }
  | { kind: 'duplicate'; card: string }
  | { kind: 'duplicate-all'; on: boolean }
  | { kind: 'reorder'; server: ServerId }
  | { kind: 'loss-rate'; rate: number }
  | { kind: 'adopt-term'; server: ServerId; term: number }
  /** Pre-vote on or off for this cluster (R24–R27, docs/rules-extended.md); game 5 switches it. */
  | { kind: 'pre-vote'; on: boolean }
  /** Log compaction every N applied entries, 0 off (R29–R32, docs/rules-extended.md); game 6 switches it. */
  | { kind: 'snapshot'; every: number }
  /** Membership changes on (the initial configuration) or off (null) for this cluster (R33–R38); game 7 switches it. */
  | { kind: 'membership'; voters: ServerId[] | null; /** R37 off (the 2014 rules, docs/rules-extended.md) */ uncorrected?: boolean };

export type Command =
  | { type: 'move'; cluster: ClusterId; server: ServerId; input: MoveInput; proposal?: Move }
  | { type: 'fault'; cluster: ClusterId; fault: Fault }
  | { type: 'script'; cluster?: ClusterId; action: 'start' | 'next' | 'prev'; game?: number; message?: string }
  | { type: 'mode'; cluster?: ClusterId; mode?: RefereeMode; assist?: Assist; election?: ElectionMode; hints?: HintLevel; /** R24–R27 on or off (docs/rules-extended.md) */ preVote?: boolean; /** R30: snapshot every N applied entries, 0 off */ snapshotEvery?: number }
  | { type: 'seat'; cluster: ClusterId; server: ServerId; seat: Seat }
  | { type: 'announce'; cluster?: ClusterId; text: Text }
  | { type: 'reset'; cluster: ClusterId }
  /**
   * Return the cluster to what it was right after journal record `to` (0 = its start); the
   * records after it leave play for this cluster and form a branch (rewind.ts). Needs the
   * journal: the hub hands it over as `ReduceContext.history`.
   */
  | { type: 'rewind'; cluster: ClusterId; to: number }
  /** Pause (true) or resume (false) one cluster, or every cluster when none is named. */
  | { type: 'pause'; cluster?: ClusterId; paused: boolean }
  /**
   * Directing a bot (or anyone): make the server's election timer fire now. Timers mode: its
   * deadline becomes now (the seat then times out); cue mode: the timeout move is played for it.
   */
  | { type: 'fire'; cluster: ClusterId; server: ServerId }
  /**
   * Asking the room (questions.ts): pause the cluster (every cluster with `room`) before
   * `server`'s decision `input` and ask the question it makes, answered within `seconds`.
   */
  | { type: 'ask'; cluster: ClusterId; server: ServerId; input: MoveInput; seconds?: number; room?: boolean }
  /** A student's answer to the cluster's open question (from the seat's own connection). */
  | { type: 'answer'; cluster: ClusterId; server: ServerId; question: string; choice: number }
  /** Show the tally, the correct answer and the rule. */
  | { type: 'reveal'; cluster: ClusterId }
  /** Close the question: play the decision (`play`, default true) and resume what the ask paused. */
  | { type: 'decide'; cluster: ClusterId; play?: boolean }
  | { type: 'tick'; now: number };

/**
 * Rejection codes are namespaced (`area/what`) and stable: the wire protocol and the tests use
 * them; the i18n catalogue has a sentence for each.
 */
export type RejectCode =
  | 'cluster/unknown'
  | 'server/unknown'
  | 'move/not-in-inbox'
  | 'move/offline'
  | 'move/not-leader'
  | 'move/timer-not-expired'
  | 'move/refused'
  | 'value/not-one-letter'
  | 'send/no-addressee'
  | 'send/too-many-cards'
  | 'card/unknown'
  | 'script/no-game'
  | 'script/at-end'
  | 'script/at-start'
  | 'fault/invalid'
  | 'seat/invalid'
  | 'mode/invalid'
  | 'move/invalid'
  | 'proposal/invalid'
  | 'script/wrong-size'
  | 'announce/invalid'
  | 'clock/backwards'
  | 'command/unknown'
  | 'command/invalid'
  | 'rewind/unavailable'
  | 'rewind/invalid'
  | 'rewind/abandoned'
  | 'move/paused'
  | 'question/none'
  | 'question/open'
  | 'question/invalid'
  | 'question/closed'
  | 'question/not-student';

export interface Rejection {
  ok: false;
  code: RejectCode;
  message: Text;
  /** For `move/refused` (guard mode): what the referee found wrong. */
  mistakes?: Mistake[];
}

/** Defined in events.ts by the game layer; kept JSON-serialisable for the journal. */
export type { GameEvent } from './events.js';
import type { GameEvent } from './events.js';

export interface Accepted {
  ok: true;
  events: GameEvent[];
  /** For a move: the referee's findings (empty when correct; non-empty only in observe mode). */
  mistakes?: Mistake[];
}

export type ReduceResult = Accepted | Rejection;

export interface ReduceContext {
  now: number;
  /** A seeded random number in [0, 1); the only source of randomness. */
  random: () => number;
  /** The journal so far, for `rewind` only (absent: rewind is refused as unavailable). */
  history?: RewindHistory;
}

/**
 * What a script step asks of one server, as data a bot can follow and a screen can hint:
 * time out (start an election), write a message into the log letter by letter, send
 * AppendEntries (to everyone or to the named servers), or work through the inbox.
 */
export type ScriptTask =
  | { kind: 'timeout'; /** start the election for this term (bots stop once there) */ term?: number }
  | {
      kind: 'write';
      text: string;
      /** Log index of the text's first letter; default: after the entries of earlier terms. */
      at?: number;
    }
  | { kind: 'send'; to?: ServerId[] }
  | { kind: 'inbox' };

/**
 * What one seat sees (views.ts builds it): its own sheet and cards, never another server's sheet.
 * This is what the hub pushes to a student and what the student's terminal draws.
 */
export interface SeatView {
  cluster: ClusterId;
  server: ServerId;
  seat: Seat;
  now: number;
  sheet: ServerState;
  online: boolean;
  /** Cards addressed to this server that have arrived, oldest first: at most INBOX_SHOWN (views.ts). */
  inbox: Card[];
  /** How many more arrived cards wait beyond `inbox` (absent when none): the inbox holds `inbox.length + inboxMore`. */
  inboxMore?: number;
  /** The cards this server wrote, newest first, each with its Response row. */
  sent: SentBatch[];
  /**
   * The current script step's words for this server (or for everyone), if any. By hand, the
   * step's goal ("become leader of t1") instead of the recipe, which `?` shows at hint level
   * 'answer' (`recipe`).
   */
  prompt: Text | null;
  /** By hand with hints 'answer': the step's full recipe (the prompt of prefilled play). */
  recipe?: Text;
  /** What `?` gives in this cluster (absent = 'answer'). */
  hints?: HintLevel;
  /** Every server of the cluster in a few fields (the cluster strip); bounded, see views.ts. */
  glance?: ServerGlance[];
  /** After a restart, until lastApplied is back: what the sheet had (ServerRecord.restartedFrom). */
  restartedFrom?: { commitIndex: number; lastApplied: number };
  /** What the current script step expects of this server (bots follow it; the UI hints it). */
  task: ScriptTask | null;
  /** `free`: free play (no tasks; bots play whatever is due). Absent = a scripted game. */
  script: { game: number; step: number; steps: number; title: Text; done: boolean; free?: boolean } | null;
  mode: RefereeMode;
  assist: Assist;
  election: ElectionMode;
  timerDeadline: number | null;
  /** This server's own mistakes, newest last. */
  mistakes: Mistake[];
  /** Safety violations in this cluster (observe mode): every seat should know what broke. */
  violations: Violation[];
  announcements: Text[];
  maxEntries: number;
  /** timers mode: a leader heartbeats after this long without sending (R13); a third of the shortest timeout. */
  heartbeatMs?: number;
  /** The cluster is paused since this room time: timers frozen, moves refused (absent: running). */
  paused?: number;
  /** timers mode: the election timeout range [min, max) in ms, for the student's countdown bar. */
  electionTimeoutMs?: [number, number];
  /** The question the room is asked about this cluster (absent: none): this seat's own answer only. */
  question?: SeatQuestion;
  /** Pre-vote is on in this cluster (R24–R27): a timer that fires sends PreVote cards (absent: off). */
  preVote?: boolean;
  /** R30: snapshots every N applied entries (absent: off). */
  snapshotEvery?: number;
  /** Membership changes are on (R33–R38): the initial configuration, R37 off (absent: off). */
  membership?: { voters: ServerId[]; uncorrected?: boolean };
}

/**
 * A question as a screen shows it (issue 14): the same for a seat and for the projector, except
 * that a seat sees its own answer (`mine`) and never another's; the tally, the correct answer and
 * the rule only after the reveal.
 */
export interface QuestionView {
  id: string;
  cluster: ClusterId;
  kind: QuestionKind;
  server: ServerId;
  text: Text;
  choices: Text[];
  askedAt: number;
  deadline: number;
  /** Students who answered so far, and students who may answer (seated in the cluster). */
  answered: number;
  expected: number;
  /** After the reveal: answers per choice, the correct choice, the rule and why. */
  reveal?: { tally: number[]; correct: number; rule: string; ruleTitle: Text; why: Text };
}

export interface SeatQuestion extends QuestionView {
  /** This seat may answer (a student's seat); bots and empty seats do not. */
  canAnswer: boolean;
  /** This seat's answer so far (null: none). */
  mine: number | null;
}

/**
 * One server of the seat's cluster at a glance, as a classmate sees another's sheet from the
 * next desk: term, vote, role, the tail of its log with commit and apply marks, and the cards
 * waiting for it. Plain data, bounded: at most GLANCE_LOG entries and GLANCE_CARDS cards.
 */
export interface ServerGlance {
  id: ServerId;
  term: number;
  vote: ServerId | null;
  role: 'follower' | 'candidate' | 'leader';
  online: boolean;
  /** The log's length; `values` and `terms` hold its last entries, the first at index `from`. */
  length: number;
  from: number;
  values: string;
  terms: number[];
  commitIndex: number;
  lastApplied: number;
  /** Cards in flight to it (visible or not yet delivered). */
  cards: number;
  /** The first few of them, oldest first: `RV`, `RV↩`, `AE`, `AE↩` and the sender. */
  cardTags: { type: CardTag; from: ServerId }[];
  /** Restarted and not yet caught up (its ✔ dropped to ○). */
  restarted?: boolean;
  /** R29: entries 1…snapshot are in its snapshot box (their `terms` are 0: unknown); absent: no box. */
  snapshot?: number;
}

/** One cluster as the instructor sees it (views.ts instructorView): everything, every sheet. */
export interface ClusterOverview {
  id: ClusterId;
  /** Servers that are leaders now, with their terms (two in one term = P1 broken). */
  leaders: { server: ServerId; term: number }[];
  /** The highest current term in the cluster. */
  term: number;
  /** The commit index of the leader of the highest term, else the highest commit index. */
  commitIndex: number;
  /** The oldest cards in flight, at most IN_FLIGHT_SHOWN (views.ts). */
  inFlight: { card: Card; holder: ServerId; age: number; visible: boolean }[];
  /** How many more cards are in flight beyond `inFlight` (absent when none). */
  inFlightMore?: number;
  /**
   * The newest lost cells of the Response rows on the desks (at most LOST_SHOWN, views.ts;
   * absent when none): a card that leaves `inFlight` while its cell is here was lost, not taken
   * (the web projector tears it up); a cell that appears with no card seen in flight was lost as
   * it was sent (a partition, an offline addressee). `from` wrote the request `type`; `server` is
   * its addressee, who also writes the reply.
   */
  lost?: { batch: string; from: ServerId; type: Request['type']; server: ServerId }[];
  /** Per server: the oldest card waiting in its inbox and for how long ("who is stuck"). */
  waiting: Record<ServerId, { card: string; age: number; count: number } | null>;
  seats: Record<ServerId, Seat>;
  online: Record<ServerId, boolean>;
  timers: Record<ServerId, number | null>;
  mistakesByRule: Record<string, number>;
  mistakes: Record<ServerId, Mistake[]>;
  violations: Violation[];
  script: (ScriptPosition & { steps: number; title: Text; prompt: Text }) | null;
  mode: RefereeMode;
  assist: Assist;
  election: ElectionMode;
  hints?: HintLevel;
  faults: LinkFaults;
  sheets: Record<ServerId, ServerState>;
  /** Rewinds so far (rewind.ts); absent until the first one. */
  rewinds?: RewindMark[];
  /** Paused since this room time (absent: running). */
  paused?: number;
  /** The open question about this cluster (absent: none): counts only until the reveal. */
  question?: QuestionView;
  /**
   * The next decisions that make a question (questions.ts), at most ASKABLE_SHOWN, for the
   * console's one-key ask; the answers are not in it (absent: none, or a question is open).
   */
  askable?: { server: ServerId; input: MoveInput; kind: QuestionKind; text: Text }[];
  /** Pre-vote is on (R24–R27; absent: off). */
  preVote?: boolean;
  /** R30: snapshots every N applied entries (absent: off). */
  snapshotEvery?: number;
  /** Membership changes are on (R33–R38; absent: off). */
  membership?: { voters: ServerId[]; uncorrected?: boolean };
}

export interface InstructorView {
  now: number;
  config: RoomConfig;
  clusters: ClusterOverview[];
}
