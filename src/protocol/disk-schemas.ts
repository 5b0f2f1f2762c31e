/**
 * What the hub and the clients read back from disk, as zod schemas (the wire's are in
 * messages.ts): a session's `session.json` and `keys.json`, each journal record, and a student's
 * token store. Readers parse with these instead of casting, and a refusal names the file and the
 * field (describeZodError).
 *
 * A journal record's command and events are checked as tagged objects only: the line's checksum
 * vouches for their content, and replaying them through the game (applyEvents) for their meaning.
 */
import { z } from 'zod';
import type { RoomConfig } from '../game/types.js';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

export const roomConfigSchema = z.strictObject({
  clusters: z.int().min(1),
  size: z.int().min(1),
  mode: z.enum(['guard', 'observe']),
  assist: z.enum(['by-hand', 'prefilled']),
  election: z.enum(['cue', 'timers']),
  maxEntries: z.int().min(1),
  electionTimeoutMs: z.tuple([z.number().min(0), z.number().min(0)]),
});

/** server/session.ts SessionFile. */
export const sessionFileSchema = z.strictObject({
  format: z.literal(1),
  protocol: z.int(),
  createdAt: z.string(),
  config: roomConfigSchema.partial(),
  code: z.string().min(1),
  keyHash: sha256Hex,
  seed: z.int(),
});

/** server/session.ts SessionKeys. */
export const sessionKeysSchema = z.strictObject({ instructor: z.string().min(1), projector: z.string().min(1) });

const tagged = z.looseObject({ type: z.string() });
const seatId = { cluster: z.string().min(1), server: z.string().min(1) };
const numbered = { n: z.int().min(0), at: z.number() };

/** server/journal.ts JournalRecord, one line without its checksum. */
export const journalRecordSchema = z.discriminatedUnion('kind', [
  z.looseObject({ ...numbered, kind: z.literal('command'), by: z.string().min(1), command: tagged, events: z.array(tagged), mistakes: z.array(z.looseObject({ rule: z.string() })).optional() }),
  z.looseObject({ ...numbered, kind: z.literal('refused'), by: z.string().min(1), command: tagged, code: z.string(), events: z.array(tagged) }),
  z.looseObject({ ...numbered, kind: z.literal('token'), ...seatId, hash: sha256Hex }),
  z.looseObject({ ...numbered, kind: z.literal('revoke'), ...seatId }),
  z.looseObject({ ...numbered, kind: z.literal('hub'), what: z.literal('resumed'), replayed: z.int().min(0), torn: z.boolean() }),
  z.looseObject({ ...numbered, kind: z.literal('hand'), ...seatId, on: z.boolean() }),
]);

/**
 * server/session-lock.ts `hub.lock`: who holds the session. Every field may be missing: a hub
 * that died while writing it leaves a torn file, read as held by nobody known.
 */
export const lockFileSchema = z.looseObject({ pid: z.int().optional(), host: z.string().optional(), since: z.string().optional() });

const seatToken = z.string().regex(/^[A-Za-z0-9_-]{21}$/, 'a seat token');
/** One terminal's seat: its token, and the process (on which machine) that holds it now. */
export const heldTokenSchema = z.object({ token: seatToken, pid: z.number().int().positive(), host: z.string().max(255) });
export type HeldToken = z.infer<typeof heldTokenSchema>;
/**
 * client/token-store.ts: `url#code` → the seats of this user's terminals at that hub (a bare
 * token, as earlier versions wrote it, is a seat whose holder is unknown).
 */
export const tokenFileSchema = z.record(z.string(), z.union([seatToken, z.array(heldTokenSchema).max(16)]));

// Drift guard: a config read from disk must be one the game accepts.
type Assignable<A, B> = [A] extends [B] ? true : false;
const drift: Assignable<z.infer<typeof roomConfigSchema>, RoomConfig> = true;
void drift;
