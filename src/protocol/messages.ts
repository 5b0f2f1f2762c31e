/**
 * The wire messages, both directions, as zod schemas; the TypeScript types are inferred from
 * them so the hub, the clients and docs/protocol.md describe one thing (each type right under its
 * schema). Every message is one JSON object in one text frame, discriminated by `type`. This
 * file holds what a client sends and re-exports the rest: the hub's messages are in
 * hub-messages.ts, the names both share in base-schemas.ts.
 */
import { z } from 'zod';
import { roleSchema, seatTokenSchema, PROTOCOL_VERSION } from './base-schemas.js';
import {
  clusterIdSchema,
  gameCommandSchema,
  moveInputSchema,
  moveSchema,
  paceSchema,
  safeString,
  serverIdSchema,
} from './game-schemas.js';

export { PROTOCOL_VERSION, roleSchema, seatTokenSchema, type Role } from './base-schemas.js';
// What the hub sends lives in hub-messages.ts (a client loads it without the schemas of what it may send).
export * from './hub-messages.js';

// ---------------------------------------------------------------- client → hub

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

