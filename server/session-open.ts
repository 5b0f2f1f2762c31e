/**
 * Opening the session directory for a hub, new or resumed: the hub's lifecycle step between
 * binding its port and building the room's queue (hub.ts). The lock is taken before the
 * directory is read or written (issue 11 #4: a second hub wrote "resumed" into the live hub.log
 * before failing); a new session refuses a directory that already holds one; if anything fails,
 * the lock is released and a directory this call created is removed (issue 11 #6: no session
 * directory left behind).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Room, RoomConfig } from '../src/game/types.js';
import { PROTOCOL_VERSION } from '../src/protocol/messages.js';
import type { GameEngine } from './engine-types.js';
import { readJournal, type JournalRead, type JournalRecord } from './journal.js';
import { lockSession, type SessionLock } from './session-lock.js';
import {
  defaultSessionDir,
  newInstructorKey,
  newJoinCode,
  newProjectorKey,
  newSeed,
  normaliseCode,
  readKeys,
  readSession,
  sha256,
  writeKeys,
  writeSession,
  type SessionFile,
  type SessionKeys,
} from './session.js';

export interface OpenOptions {
  resume?: string | undefined;
  data?: string | undefined;
  room?: Partial<RoomConfig> | undefined;
  clusters?: number | undefined;
  size?: number | undefined;
  code?: string | undefined;
  key?: string | undefined;
  projectorKey?: string | undefined;
  seed?: number | undefined;
}

export interface OpenedSession {
  dir: string;
  session: SessionFile;
  /** Null only for a session recorded before keys.json was kept. */
  keys: SessionKeys | null;
  /** The journal as read on resume (nothing for a new session). */
  records: JournalRecord[];
  torn: JournalRead['torn'];
  goodBytes: number | undefined;
  /** The room the journal's events rebuild (a fresh one for a new session). */
  room: Room;
  lock: SessionLock;
}

export async function openSessionDir(o: OpenOptions, engine: Pick<GameEngine, 'createRoom' | 'applyEvents'>, clock: () => number): Promise<OpenedSession> {
  let lock: SessionLock | null = null;
  let createdDir: string | undefined;
  try {
    if (o.resume) {
      const dir = o.resume;
      const exists = await fsp.stat(dir).then((st) => st.isDirectory(), () => false);
      if (!exists) throw new Error(`${dir} does not exist or is not a directory: give the session directory the hub printed`);
      lock = await lockSession(dir);
      const session = await readSession(dir);
      const keys = await readKeys(dir);
      const read = await readJournal(dir);
      let room = engine.createRoom(session.config);
      for (const rec of read.records) if (rec.kind === 'command' || rec.kind === 'refused') room = engine.applyEvents(room, rec.events);
      return { dir, session, keys, records: read.records, torn: read.torn, goodBytes: read.goodBytes, room, lock };
    }
    const dir = o.data ?? defaultSessionDir();
    createdDir = await fsp.mkdir(dir, { recursive: true });
    lock = await lockSession(dir);
    const existing = await fsp.stat(path.join(dir, 'session.json')).then(() => true, () => false);
    if (existing) throw new Error(`${dir} already holds a session: use --resume ${dir}, or choose another --data directory`);
    const keys: SessionKeys = { instructor: o.key ?? newInstructorKey(), projector: o.projectorKey ?? newProjectorKey() };
    const session: SessionFile = {
      format: 1,
      protocol: PROTOCOL_VERSION,
      createdAt: new Date(clock()).toISOString(),
      config: { ...o.room, ...(o.clusters ? { clusters: o.clusters } : {}), ...(o.size ? { size: o.size } : {}) },
      code: normaliseCode(o.code ?? newJoinCode()),
      keyHash: sha256(keys.instructor),
      seed: o.seed ?? newSeed(),
    };
    await writeKeys(dir, keys);
    await writeSession(dir, session);
    return { dir, session, keys, records: [], torn: null, goodBytes: undefined, room: engine.createRoom(session.config), lock };
  } catch (err) {
    await lock?.release();
    if (createdDir) await fsp.rm(createdDir, { recursive: true, force: true });
    throw err;
  }
}
