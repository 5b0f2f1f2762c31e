/**
 * Schemas for the game data a client may send (a move's input and proposal, an instructor's
 * command). They mirror src/raft/types.ts and src/game/types.ts; the type assertions at the end
 * fail to compile if the two drift apart, so the reducer never sees a shape it does not expect.
 *
 * Bounds (string lengths, array sizes) are deliberately generous for play and small enough that
 * a hostile frame cannot make the referee work hard: 64 KiB is the frame cap anyway.
 */
import { z } from 'zod';
import type { Entry, Message, Move, ServerState } from '../raft/types.js';
import type { Command, Fault, MoveInput, Seat } from '../game/types.js';
import type { Text } from '../i18n/text.js';
import { clusterIdSchema, safeString, serverIdSchema, textSchema } from './base-schemas.js';

// The names every schema module shares, still importable from here.
export { clusterIdSchema, safeString, serverIdSchema, textSchema };

const MAX_LOG = 512;
const MAX_TERM = 10_000;

const term = z.int().min(0).max(MAX_TERM);
const index = z.int().min(0).max(MAX_LOG);


export const entrySchema = z.strictObject({ term, value: safeString(8) });

/** R29: the snapshot box, on a sheet and on an InstallSnapshot card (R32): the last entry it replaces and the applied text. */
const snapshotBox = { lastIncludedIndex: index, lastIncludedTerm: term, data: safeString(MAX_LOG * 2) };

export const serverStateSchema = z.strictObject({
  id: serverIdSchema,
  cluster: z.array(serverIdSchema).max(16),
  votes: z.array(serverIdSchema.nullable()).max(MAX_TERM),
  log: z.array(entrySchema).max(MAX_LOG),
  role: z.enum(['follower', 'candidate', 'leader']),
  commitIndex: index,
  lastApplied: index,
  votesGranted: z.array(serverIdSchema).max(16),
  nextIndex: z.record(serverIdSchema, index.max(MAX_LOG + 1)),
  matchIndex: z.record(serverIdSchema, index),
  /** Pre-vote games only (R24–R27): pre-votes granted, self included; the leader heard from. */
  preVotes: z.array(serverIdSchema).max(16).optional(),
  leader: serverIdSchema.optional(),
  heard: z.array(serverIdSchema).max(16).optional(),
  /** Log-compaction games only (R29): the snapshot box; `log` then holds the entries after it. */
  snapshot: z.strictObject(snapshotBox).optional(),
});

/** A vote request and its answer: RequestVote (R8) and PreVote (R24) carry the same fields. */
const voteRequest = <T extends 'RequestVote' | 'PreVote'>(type: T) =>
  z.strictObject({ type: z.literal(type), term, candidateId: serverIdSchema, lastLogIndex: index, lastLogTerm: term });
const voteReply = <T extends 'RequestVoteReply' | 'PreVoteReply'>(type: T) => z.strictObject({ type: z.literal(type), term, voteGranted: z.boolean() });
const requestVoteSchema = voteRequest('RequestVote');
const requestVoteReplySchema = voteReply('RequestVoteReply');
/** A leader's card (AppendEntries R15, InstallSnapshot R32) opens with its term and its id. */
const fromLeader = { term, leaderId: serverIdSchema };
const appendEntriesSchema = z.strictObject({
  type: z.literal('AppendEntries'),
  ...fromLeader,
  prevLogIndex: index,
  prevLogTerm: term,
  entries: z.array(entrySchema).max(64),
  leaderCommit: index,
});
const appendEntriesReplySchema = z.strictObject({ type: z.literal('AppendEntriesReply'), term, success: z.boolean() });
const preVoteSchema = voteRequest('PreVote');
const preVoteReplySchema = voteReply('PreVoteReply');
/** R32 (dissertation Figure 5.3): the leader's snapshot box on a card, and the term-only reply. */
const installSnapshotSchema = z.strictObject({ type: z.literal('InstallSnapshot'), ...fromLeader, ...snapshotBox });
const installSnapshotReplySchema = z.strictObject({ type: z.literal('InstallSnapshotReply'), term });

export const messageSchema = z.discriminatedUnion('type', [
  requestVoteSchema,
  requestVoteReplySchema,
  appendEntriesSchema,
  appendEntriesReplySchema,
  preVoteSchema,
  preVoteReplySchema,
  installSnapshotSchema,
  installSnapshotReplySchema,
]);

export const moveSchema = z.strictObject({
  state: serverStateSchema,
  send: z.array(z.strictObject({ to: serverIdSchema, message: messageSchema })).max(64),
});

export const moveInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('card'), card: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('replies'), batch: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('timeout') }),
  z.strictObject({ kind: z.literal('client'), value: safeString(128) }),
  z.strictObject({ kind: z.literal('send'), to: z.array(serverIdSchema).max(16) }),
]);

const servers = z.array(serverIdSchema).max(16);
const cardId = z.string().min(1).max(64);
export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lose'), card: cardId }),
  z.strictObject({ kind: z.literal('lose-to'), to: servers }),
  z.strictObject({ kind: z.literal('offline'), server: serverIdSchema }),
  z.strictObject({ kind: z.literal('online'), server: serverIdSchema }),
  z.strictObject({ kind: z.literal('partition'), groups: z.array(servers).max(16) }),
  z.strictObject({ kind: z.literal('heal') }),
  z.strictObject({ kind: z.literal('delay'), card: cardId, ms: z.int().min(0).max(3_600_000) }),
  z.strictObject({ kind: z.literal('delay-all'), ms: z.int().min(0).max(3_600_000) }),
  z.strictObject({ kind: z.literal('duplicate'), card: cardId }),
  z.strictObject({ kind: z.literal('duplicate-all'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('reorder'), server: serverIdSchema }),
  z.strictObject({ kind: z.literal('loss-rate'), rate: z.number().min(0).max(1) }),
  z.strictObject({ kind: z.literal('adopt-term'), server: serverIdSchema, term }),
  /** Pre-vote on or off for the cluster (docs/rules-extended.md R24–R27; game 5). */
  z.strictObject({ kind: z.literal('pre-vote'), on: z.boolean() }),
  /** R30: snapshot every N applied entries; 0 switches log compaction off. */
  z.strictObject({ kind: z.literal('snapshot'), every: z.int().min(0).max(MAX_LOG) }),
  /** Membership changes on with this initial configuration, or off (R33–R38; game 7). */
  z.strictObject({ kind: z.literal('membership'), voters: z.array(serverIdSchema).min(1).max(16).nullable(), uncorrected: z.boolean().optional() }),
]);

export const paceSchema = z.enum(['human', 'fast']);

export const seatSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('empty') }),
  z.strictObject({ kind: z.literal('student'), name: z.string().min(1).max(40).regex(/\S/, 'a name needs a letter') }),
  z.strictObject({ kind: z.literal('bot'), pace: paceSchema }),
]);

/** The game commands an instructor may send as they are (moves come from seats, ticks from the hub). */
export const gameCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fault'), cluster: clusterIdSchema, fault: faultSchema }),
  z.strictObject({
    type: z.literal('script'),
    cluster: clusterIdSchema.optional(),
    action: z.enum(['start', 'next', 'prev']),
    game: z.int().min(0).max(99).optional(),
    /** Free play: the message leaders write. */
    message: safeString(64).min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('mode'),
    cluster: clusterIdSchema.optional(),
    mode: z.enum(['guard', 'observe']).optional(),
    assist: z.enum(['by-hand', 'prefilled']).optional(),
    election: z.enum(['cue', 'timers']).optional(),
    /** What `?` gives students: nothing, the rule, or the rule and the answer. */
    hints: z.enum(['none', 'rule', 'answer']).optional(),
    /** Pre-vote (docs/rules-extended.md R24–R27) on or off. */
    preVote: z.boolean().optional(),
    /** R30: snapshot every N applied entries, 0 off (docs/rules-extended.md). */
    snapshotEvery: z.int().min(0).max(MAX_LOG).optional(),
  }),
  z.strictObject({ type: z.literal('seat'), cluster: clusterIdSchema, server: serverIdSchema, seat: seatSchema }),
  /** An announcement: a sentence for the board in both languages (src/game/reducer.ts announce). */
  z.strictObject({ type: z.literal('announce'), cluster: clusterIdSchema.optional(), text: z.strictObject({ en: safeString(500).min(1), ru: safeString(500).min(1) }) }),
  z.strictObject({ type: z.literal('reset'), cluster: clusterIdSchema }),
  /** Back to right after journal record `to` (src/game/rewind.ts). */
  z.strictObject({ type: z.literal('rewind'), cluster: clusterIdSchema, to: z.int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  /** Pause or resume one cluster, or the whole room (src/game/reducer.ts pauseClusters). */
  z.strictObject({ type: z.literal('pause'), cluster: clusterIdSchema.optional(), paused: z.boolean() }),
  /** Fire a server's election timer now (directing a bot). */
  z.strictObject({ type: z.literal('fire'), cluster: clusterIdSchema, server: serverIdSchema }),
  /** Ask the room about `server`'s next decision `input` (src/game/questions.ts). */
  z.strictObject({
    type: z.literal('ask'),
    cluster: clusterIdSchema,
    server: serverIdSchema,
    input: moveInputSchema,
    seconds: z.int().min(1).max(600).optional(),
    /** Pause every cluster, not only this one. */
    room: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('reveal'), cluster: clusterIdSchema }),
  /** Close the question: play the decision (default) or not, resume what the ask paused. */
  z.strictObject({ type: z.literal('decide'), cluster: clusterIdSchema, play: z.boolean().optional() }),
]);

// ---- drift guards: each inferred type must be assignable to the game's own type ----
type Assignable<A, B> = [A] extends [B] ? true : false;
const drift: [
  Assignable<z.infer<typeof entrySchema>, Entry>,
  Assignable<z.infer<typeof serverStateSchema>, ServerState>,
  Assignable<z.infer<typeof messageSchema>, Message>,
  Assignable<z.infer<typeof moveSchema>, Move>,
  Assignable<z.infer<typeof moveInputSchema>, MoveInput>,
  Assignable<z.infer<typeof faultSchema>, Fault>,
  Assignable<z.infer<typeof seatSchema>, Seat>,
  Assignable<z.infer<typeof gameCommandSchema>, Command>,
  Assignable<z.infer<typeof textSchema>, Text>,
] = [true, true, true, true, true, true, true, true, true];
void drift;
