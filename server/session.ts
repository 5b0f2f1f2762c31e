/**
 * The session directory: `session.json` (what the room was created with, the join code, a hash
 * of the instructor key, the RNG seed), `journal.jsonl` (journal.ts) and `hub.log`.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { customAlphabet, nanoid } from 'nanoid';
import type { RoomConfig } from '../src/game/types.js';
import { PROTOCOL_VERSION } from '../src/protocol/messages.js';

export const SESSION_FILE = 'session.json';

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
export const newJoinCode = customAlphabet(CODE_ALPHABET, 4);

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
  const handle = await fsp.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(session, null, 2) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, file);
  // The rename must survive a crash too, or a resumed hub finds no session.
  const dirHandle = await fsp.open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

export async function readSession(dir: string): Promise<SessionFile> {
  const raw = await fsp.readFile(path.join(dir, SESSION_FILE), 'utf8');
  const session = JSON.parse(raw) as SessionFile;
  if (session.format !== 1 || typeof session.code !== 'string' || typeof session.keyHash !== 'string') {
    throw new Error(`${path.join(dir, SESSION_FILE)} is not a raft-sheet session file`);
  }
  if (session.protocol !== PROTOCOL_VERSION) {
    throw new Error(`the session was recorded with protocol ${session.protocol}; this hub speaks ${PROTOCOL_VERSION}`);
  }
  return session;
}
