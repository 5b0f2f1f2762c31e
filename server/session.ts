/**
 * The session directory: `session.json` (what the room was created with, the join code, a hash
 * of the instructor key, the RNG seed), `keys.json` (the instructor and projector keys, 0600, so
 * a resumed class keeps them), `journal.jsonl` (journal.ts), `hub.log`, and `hub.lock` while a
 * hub runs on it (session-lock.ts).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { customAlphabet, nanoid } from 'nanoid';
import type { RoomConfig } from '../src/game/types.js';
import { sessionFileSchema, sessionKeysSchema } from '../src/protocol/disk-schemas.js';
import { PROTOCOL_VERSION } from '../src/protocol/messages.js';
import { describeZodError } from '../src/protocol/zod-issue.js';

export const SESSION_FILE = 'session.json';
export const KEYS_FILE = 'keys.json';

export interface SessionFile {
  format: 1;
  protocol: number;
  createdAt: string;
  config: Partial<RoomConfig>;
  code: string;
  /** sha256 of the instructor key, hex. */
  keyHash: string;
  seed: number;
}

/** Easy to read aloud and to type: no 0/O, 1/I/L look-alikes. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/**
 * Six symbols: 31^6 = 887,503,681 codes. Four (923,521) fell to raw upgrades in under three
 * minutes (issue 11 #5); with failed upgrades throttled per address (upgrade.ts, 2 a second after
 * a burst of 10) one address needs years on average.
 */
export const JOIN_CODE_LENGTH = 6;
export const newJoinCode = customAlphabet(CODE_ALPHABET, JOIN_CODE_LENGTH);

/** The instructor key: long enough not to be guessed, short enough to paste. */
export function newInstructorKey(): string {
  return nanoid(16);
}

export function newSeed(): number {
  return randomInt(0, 2 ** 31);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

export function defaultSessionDir(base = 'sessions', now = new Date()): string {
  return path.join(base, now.toISOString().replace(/[:.]/g, '-').replace(/Z$/, ''));
}

export async function writeSession(dir: string, session: SessionFile): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, SESSION_FILE);
  const tmp = `${file}.tmp`;
  await writeJsonFile(tmp, 'w', session);
  await fsp.rename(tmp, file);
  // The rename must survive a crash too, or a resumed hub finds no session.
  const dirHandle = await fsp.open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

/** Every error names the file it is about (issue 11 #8). */
export async function readSession(dir: string): Promise<SessionFile> {
  const file = path.join(dir, SESSION_FILE);
  let raw: string;
  try {
    raw = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // The code travels on, so `report` can say what to give it instead.
    throw Object.assign(new Error(code === 'ENOENT' ? `${file} is missing: ${dir} is not a session directory` : `cannot read ${file}: ${(err as Error).message}`), { code });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}): restore it from a backup`);
  }
  const parsed = sessionFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a raft-sheet session file (${describeZodError(parsed.error)})`);
  const session = parsed.data;
  if (session.protocol !== PROTOCOL_VERSION) {
    throw new Error(`${file}: the session was recorded with protocol ${session.protocol}; this hub speaks ${PROTOCOL_VERSION}`);
  }
  return session;
}

/** The keys a resumed hub needs to let a new projector or remote bots in (issue 12 #6). */
export interface SessionKeys {
  instructor: string;
  projector: string;
}

/** Owner-only (0600): the keys are the instructor's credentials, like an SSH key. */
export async function writeKeys(dir: string, keys: SessionKeys): Promise<void> {
  await writeJsonFile(path.join(dir, KEYS_FILE), 'wx', keys);
}

/** JSON on disk, owner-only (0600) and fsynced before this resolves; `wx` refuses to overwrite. */
async function writeJsonFile(file: string, flags: 'w' | 'wx', value: unknown): Promise<void> {
  const handle = await fsp.open(file, flags, 0o600);
  try {
    await handle.writeFile(JSON.stringify(value, null, 2) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The stored keys, or null for a session recorded before keys were kept (only a hash then). */
export async function readKeys(dir: string): Promise<SessionKeys | null> {
  const file = path.join(dir, KEYS_FILE);
  let raw: string;
  try {
    raw = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  let problem: string;
  try {
    const parsed = sessionKeysSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
    problem = describeZodError(parsed.error);
  } catch (err) {
    problem = `not JSON: ${(err as Error).message}`;
  }
  throw new Error(`${file} is damaged (${problem}): delete it to resume without the stored keys (the instructor key then is the one printed at the start)`);
}

/** A new projector key: read-only, for `watch` on the beamer. */
export function newProjectorKey(): string {
  return nanoid(16);
}
