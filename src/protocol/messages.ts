/**
 * The wire messages, both directions, as zod schemas; the TypeScript types are inferred from
 * them so the hub, the clients and docs/protocol.md describe one thing (each type right under its
 * schema). Every message is one JSON object in one text frame, discriminated by `type`.
 */
import { z } from 'zod';
import type { SeatView } from '../game/types.js';
import type { Mistake } from '../raft/referee.js';
import type { Text } from '../i18n/text.js';
import {
  clusterIdSchema,
  gameCommandSchema,
  moveInputSchema,
  moveSchema,
  paceSchema,
  safeString,
  serverIdSchema,
  textSchema,
} from './game-schemas.js';
import type { ErrorCode } from './codes.js';

/** Bumped on any incompatible change; a hello with another version is closed with 4000. */
export const PROTOCOL_VERSION = 1;

/** Seat tokens are nanoid(21): URL-safe, 126 bits. */
export const seatTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{21}$/);

// ---------------------------------------------------------------- client → hub

export const roleSchema = z.enum(['student', 'bot', 'instructor']);
export type Role = z.infer<typeof roleSchema>;

export const helloSchema = z.strictObject({
  type: z.literal('hello'),
  /** Checked separately so a wrong version gets `protocol/version`, not `frame/invalid`. */
  protocol: z.int(),
  role: roleSchema,
  /** A student's display name (students only). */
  name: safeString(40).min(1).optional(),
  /** Preferred cluster; the lottery draws within it. */
  cluster: clusterIdSchema.optional(),
  /** A chosen seat instead of the lottery (must be free). */
  server: serverIdSchema.optional(),
  /** Bots only. */
  pace: paceSchema.optional(),
  /** Resume: the seat token from an earlier `welcome`. */
  token: z.string().min(1).max(64).optional(),
});
export type Hello = z.infer<typeof helloSchema>;

/** A message's own number, chosen by the client and echoed in the verdict that answers it. */
const messageIdSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What a seat's message carries besides its body: its number and the seat it comes from. */
const fromSeat = { id: messageIdSchema, cluster: clusterIdSchema, server: serverIdSchema };

export const moveMessageSchema = z.strictObject({
  type: z.literal('move'),
  ...fromSeat,
  input: moveInputSchema,
  /** The sheet after the move and the cards sent. Absent: the correct move (prefilled/bots). */
  proposal: moveSchema.optional(),
});
export type MoveMessage = z.infer<typeof moveMessageSchema>;

/** A student's answer to the open question of its cluster (issue 14); answered with a verdict. */
export const answerMessageSchema = z.strictObject({
  type: z.literal('answer'),
  ...fromSeat,
  /** The question's id (a late answer to an older question is refused, not counted). */
  question: z.string().min(1).max(64),
  /** 0-based index into the question's choices. */
  choice: z.int().min(0).max(9),
});
export type AnswerMessage = z.infer<typeof answerMessageSchema>;

/**
 * The hub's own instructor action: fill empty seats with in-process bots, remove them, or hand
 * one bot seat (`cluster` + `server`) to the next student who joins.
 */
export const botsCommandSchema = z.strictObject({
  type: z.literal('bots'),
  cluster: clusterIdSchema.optional(),
  /** hold / release: a hub bot (cluster + server) waits before its next move until released. */
  action: z.enum(['fill', 'clear', 'hand', 'hold', 'release', 'err']),
  pace: paceSchema.optional(),
  server: serverIdSchema.optional(),
  /** `err` (observe mode): the named mistake the bot makes on its next card it fits (src/game/bot-mistakes.ts). */
  mistake: z.enum(['grant-any-vote', 'ack-without-append', 'stay-in-old-term']).optional(),
});
export type BotsCommand = z.infer<typeof botsCommandSchema>;

/**
 * The rewind picker's list: every moment of a cluster the journal holds (not only those the
 * console saw). Answered with a `moments` message, then the verdict.
 */
export const momentsCommandSchema = z.strictObject({
  type: z.literal('moments'),
  cluster: clusterIdSchema,
  lang: z.enum(['en', 'ru']).optional(),
});
export type MomentsCommand = z.infer<typeof momentsCommandSchema>;

export const instructorCommandSchema = z.union([gameCommandSchema, botsCommandSchema, momentsCommandSchema]);
export type InstructorCommand = z.infer<typeof instructorCommandSchema>;

export const commandMessageSchema = z.strictObject({
  type: z.literal('command'),
  id: messageIdSchema,
  command: instructorCommandSchema,
});
export type CommandMessage = z.infer<typeof commandMessageSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [helloSchema, moveMessageSchema, answerMessageSchema, commandMessageSchema]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export const CLIENT_MESSAGE_TYPES = ['hello', 'move', 'answer', 'command'] as const;

// ---------------------------------------------------------------- hub → client

const mistakeSchema = z.custom<Mistake>((v) => typeof v === 'object' && v !== null && 'rule' in v);
const seatViewSchema = z.custom<SeatView>((v) => typeof v === 'object' && v !== null && 'sheet' in v);
const errorCodeSchema = z.custom<ErrorCode>((v) => typeof v === 'string' && /^[a-z]+\/[a-z-]+$/.test(v));
const text = textSchema as z.ZodType<Text>;

export const seatRefSchema = z.strictObject({
  cluster: clusterIdSchema,
  server: serverIdSchema,
  token: seatTokenSchema,
  /** True when this hello resumed an earlier seat. */
  resumed: z.boolean(),
  /** True when the seat was drawn by lottery. */
  lottery: z.boolean(),
});
export type SeatRef = z.infer<typeof seatRefSchema>;

export const welcomeSchema = z.strictObject({
  type: z.literal('welcome'),
  protocol: z.literal(PROTOCOL_VERSION),
  /**
   * The hub's program version (package.json), so a client of another version can say so (the
   * downloaded one-file client may be older or newer). Optional: hubs before it send none, and
   * clients ignore fields they do not know.
   */
  app: z.string().max(40).optional(),
  role: roleSchema,
  room: z.strictObject({ clusters: z.array(clusterIdSchema), size: z.int() }),
  seat: seatRefSchema.optional(),
});
export type Welcome = z.infer<typeof welcomeSchema>;

export const viewMessageSchema = z.strictObject({
  type: z.literal('view'),
  /** The room version this view shows: every verdict with `version` ≤ this is reflected. */
  version: z.int(),
  view: seatViewSchema,
});
export type ViewMessage = z.infer<typeof viewMessageSchema>;

export const presenceSchema = z.record(
  clusterIdSchema,
  z.record(serverIdSchema, z.strictObject({ seat: z.enum(['empty', 'student', 'bot']), name: z.string().optional(), connected: z.boolean(), /** Disconnected since (hub clock, ms). */ since: z.number().optional(), /** A hub bot the instructor holds. */ held: z.boolean().optional(), /** The mistake a hub bot is to make. */ err: z.string().optional(), driver: z.enum(['hub', 'remote']).optional() })),
);
export type Presence = z.infer<typeof presenceSchema>;

export const roomMessageSchema = z.strictObject({
  type: z.literal('room'),
  version: z.int(),
  /** instructorView(room) from src/game/views.ts. */
  view: z.unknown(),
  /** Who holds which seat and whether they are connected right now. */
  presence: presenceSchema,
  /** The join code, so the console can show it. */
  code: z.string(),
});
export type RoomMessage = z.infer<typeof roomMessageSchema>;

export const verdictSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    type: z.literal('verdict'),
    id: z.int(),
    ok: z.literal(true),
    /** The room version that contains this command's events (durable on disk). */
    version: z.int(),
    /** Observe mode: the referee's findings on an applied move. Empty when correct. */
    mistakes: z.array(mistakeSchema),
  }),
  z.strictObject({
    type: z.literal('verdict'),
    id: z.int(),
    ok: z.literal(false),
    code: errorCodeSchema,
    message: text,
    /** Guard mode (`move/refused`): what the referee found wrong. */
    mistakes: z.array(mistakeSchema).optional(),
  }),
]);
export type Verdict = z.infer<typeof verdictSchema>;

export const announceMessageSchema = z.strictObject({
  type: z.literal('announce'),
  cluster: clusterIdSchema.optional(),
  text,
});
export type AnnounceMessage = z.infer<typeof announceMessageSchema>;

export const momentsMessageSchema = z.strictObject({
  type: z.literal('moments'),
  cluster: clusterIdSchema,
  /** Oldest first: `version` is the journal record (0 = the cluster's start), `now` the hub clock. */
  moments: z.array(z.strictObject({ version: z.int(), now: z.number(), label: z.string() })),
});
export type MomentsMessage = z.infer<typeof momentsMessageSchema>;

export const errorMessageSchema = z.strictObject({
  type: z.literal('error'),
  code: errorCodeSchema,
  message: text,
  /** The `id` of the message that caused it, when it had one. */
  id: z.int().optional(),
  /** A short technical hint (the first schema issue), English only. */
  detail: z.string().optional(),
});
export type ErrorMessage = z.infer<typeof errorMessageSchema>;

export const hubMessageSchema = z.union([
  welcomeSchema,
  viewMessageSchema,
  roomMessageSchema,
  verdictSchema,
  announceMessageSchema,
  momentsMessageSchema,
  errorMessageSchema,
]);
export type HubMessage = z.infer<typeof hubMessageSchema>;
