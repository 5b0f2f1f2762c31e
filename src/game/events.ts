/**
 * The game's events: the only things that change a room (apply.ts). Each is plain JSON and
 * carries every outcome, random ones included (a timer's deadline, a card's id, whether a card
 * was lost), so applying a journal of events to `createRoom(config)` reproduces a session exactly.
 */
import type { Mistake } from '../raft/referee.js';
import type { Violation } from '../raft/monitor.js';
import type { ServerId, ServerState } from '../raft/types.js';
import type { Text } from '../i18n/text.js';
import type {
  Assist,
  HintLevel,
  Card,
  ClusterId,
  ClusterState,
  OpenQuestion,
  ElectionMode,
  LinkFaults,
  MoveInput,
  RefereeMode,
  ResponseCell,
  RewindMark,
  ScriptPosition,
  Seat,
  SentBatch,
} from './types.js';
import type { PreparedCluster } from './prepared.js';

/** Why a card never reached its addressee. */
export type LossReason = 'torn' | 'offline' | 'partition' | 'loss';

/**
 * Why a sheet changed: a move, a restart (R1), a heard-of term (R4), a test fixture, or a mode
 * switched off whose cells go with it (pre-vote off: R26–R28's cells are erased).
 */
export type SheetCause = 'move' | 'restart' | 'adopt-term' | 'fixture' | 'mode';

export type GameEvent =
  /** The room's clock moved forward (a tick, or the time of a command). */
  | { type: 'clock'; now: number }
  /** A server's sheet became `state`; `violations` are what the monitor found in this change. */
  | { type: 'sheet'; cluster: ClusterId; server: ServerId; state: ServerState; cause: SheetCause; violations: Violation[] }
  /** A card entered the network (its batch's Response row is opened by `batch-opened`). */
  | { type: 'card-sent'; cluster: ClusterId; card: Card }
  /** The addressee took the card from its inbox (the move that reacts to it follows). */
  | { type: 'card-taken'; cluster: ClusterId; card: string }
  /** The card is gone: torn up, sent to an offline server, across a partition, or lost at random. */
  | { type: 'card-lost'; cluster: ClusterId; card: string; reason: LossReason }
  | { type: 'card-delayed'; cluster: ClusterId; card: string; deliverAt: number }
  /** The cards in flight to `server`, in their new order (the reorder fault). */
  | { type: 'inbox-reordered'; cluster: ClusterId; server: ServerId; order: string[] }
  /** A request card was written: its Response row, one `waiting` cell per addressee. */
  | { type: 'batch-opened'; cluster: ClusterId; batch: SentBatch }
  /** A cell of a Response row changed: an answer was written (ok/no) or the card was lost. */
  | { type: 'response'; cluster: ClusterId; batch: string; server: ServerId; cell: ResponseCell }
  /** timers mode: the server's election timer now fires at `deadline` (R14), or is off. */
  | { type: 'timer'; cluster: ClusterId; server: ServerId; deadline: number | null }
  | { type: 'online'; cluster: ClusterId; server: ServerId; online: boolean }
  | { type: 'link-faults'; cluster: ClusterId; faults: LinkFaults }
  /** Mistakes the referee found in a move: accepted (observe) or refused (guard, see refusalEvent). */
  | { type: 'mistakes'; cluster: ClusterId; server: ServerId; mistakes: Mistake[]; refused: boolean }
  /** A move was played (for the journal and the debrief; changes nothing by itself). */
  | { type: 'moved'; cluster: ClusterId; server: ServerId; input: MoveInput; proposed: boolean; correct: boolean }
  /** `hints` absent: unchanged (journals written before hint levels). */
  | { type: 'mode'; cluster: ClusterId; mode: RefereeMode; assist: Assist; election: ElectionMode; hints?: HintLevel; /** absent: unchanged */ preVote?: boolean; /** R30, absent: unchanged; 0 off */ snapshotEvery?: number }
  | { type: 'seat'; cluster: ClusterId; server: ServerId; seat: Seat }
  /** Membership changes on with this initial configuration, or off (null): R33–R38. */
  | { type: 'membership'; cluster: ClusterId; voters: ServerId[] | null; uncorrected?: boolean }
  | { type: 'announce'; cluster: ClusterId; text: Text }
  | { type: 'script'; cluster: ClusterId; script: ScriptPosition | null }
  /**
   * A game started as the room's first game begins from the sheets the earlier games leave
   * (prepared.ts): `state` is that cluster's play (sheets, cards, Response rows, monitor), set up
   * by the script; seats, modes, mistakes and announcements are kept.
   */
  | { type: 'prepared'; cluster: ClusterId; game: number; state: PreparedCluster }
  /** The cluster is back to fresh sheets, no cards, no script (seats, modes and ids kept). */
  | { type: 'reset'; cluster: ClusterId }
  /**
   * The instructor rewound the cluster to right after record `mark.to`: `state` is the whole
   * cluster from then (seats, modes, announcements and the id counter as they are now), so
   * applying it needs no history and replay stays a plain fold. Records `mark.from`…`mark.through`
   * left play for this cluster as branch `mark.branch` (rewind.ts: branchesOf).
   */
  | { type: 'rewind'; cluster: ClusterId; mark: RewindMark; state: ClusterState }
  /** The cluster was paused (at = the room time) or resumed; timers moved on by `timer` events. */
  | { type: 'pause'; cluster: ClusterId; paused: boolean; at: number }
  /** A question was asked about the cluster's next decision (questions.ts); answers empty. */
  | { type: 'question'; cluster: ClusterId; question: OpenQuestion }
  /** A student answered (the latest answer of a seat counts). */
  | { type: 'answer'; cluster: ClusterId; question: string; server: ServerId; name: string; choice: number }
  /** The tally, the correct answer and the rule are shown: answers are closed. */
  | { type: 'reveal'; cluster: ClusterId; question: string; tally: number[] }
  /** The question is over; `played`: the decision was played right after (its events follow). */
  | { type: 'question-closed'; cluster: ClusterId; question: string; played: boolean };

export type GameEventType = GameEvent['type'];
