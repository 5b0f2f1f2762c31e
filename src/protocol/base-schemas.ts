/**
 * The names every wire schema shares (ids, the text another person will read, the protocol's
 * version, a seat token, a role), in a module of their own: a student's client validates the
 * hub's frames (hub-messages.ts) without building the schemas of every command and move it
 * might send (game-schemas.ts, messages.ts), about 25 ms of its start (issue 15).
 */
import { z } from 'zod';
import { isSafeText } from './safe-text.js';

/** Bumped on any incompatible change; a hello with another version is closed with 4000. */
export const PROTOCOL_VERSION = 1;

export const serverIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/);
export const clusterIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/);

/** Text another person will see: no terminal controls, bidi overrides or unassigned code points (safe-text.ts). */
export const safeString = (max: number) => z.string().max(max).refine(isSafeText, { message: 'holds a control, bidi or unassigned character' });

export const textSchema = z.strictObject({ en: safeString(2000), ru: safeString(2000) });

/** Seat tokens are nanoid(21): URL-safe, 126 bits. */
export const seatTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{21}$/);

export const roleSchema = z.enum(['student', 'bot', 'instructor']);
export type Role = z.infer<typeof roleSchema>;
