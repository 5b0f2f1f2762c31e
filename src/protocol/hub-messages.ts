/**
 * What the hub sends, as zod schemas with their types (docs/protocol.md), and the one function a
 * client reads a hub frame with. A module of its own so that a student's client, which checks
 * every frame it gets, never builds the schemas of what clients send (messages.ts,
 * game-schemas.ts): those are the hub's to check (issue 15: the first frame).
 */
import { z } from 'zod';
import type { SeatView } from '../game/types.js';
import type { Mistake } from '../raft/referee.js';
import type { Text } from '../i18n/text.js';
import type { ErrorCode } from './codes.js';
import { clusterIdSchema, PROTOCOL_VERSION, roleSchema, seatTokenSchema, serverIdSchema, textSchema } from './base-schemas.js';
import { describeZodError } from './zod-issue.js';

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

export type HubFrameResult = { ok: true; message: HubMessage } | { ok: false; problem: string };

/**
 * A frame from the hub, as a client reads it: JSON, then the hub message schemas (P: every
 * boundary read from the wire is validated, not cast). A frame that fails says which field.
 */
export function parseHubFrame(data: string): HubFrameResult {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (err) {
    return { ok: false, problem: `not JSON (${(err as Error).message})` };
  }
  const parsed = hubMessageSchema.safeParse(json);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, problem: describeZodError(parsed.error) };
}
