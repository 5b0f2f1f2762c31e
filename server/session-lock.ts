/**
 * One hub per session directory (issue 11 #4): two hubs resumed on one directory both
 * acknowledged writes and the journal got duplicate record numbers. `hub.lock` is created with
 * O_EXCL before anything else in the directory is read or written, holds the owner's pid and
 * host, and is removed when the hub stops.
 *
 * Stale-lock recovery: a hub killed with -9 (or a power cut) leaves the file behind. When the
 * pid it names is not running on this host, the lock is stale and is taken over (the hub logs
 * "recovered a stale lock"). A lock from another host (a directory on a network share) is never
 * taken over automatically: the refusal says to delete `hub.lock` by hand once sure no hub runs.
 */
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { lockFileSchema } from '../src/protocol/disk-schemas.js';

export const LOCK_FILE = 'hub.lock';

interface LockBody {
  pid: number;
  host: string;
  since: string;
}

export interface SessionLock {
  /** Set when a stale lock was taken over: whose it was (for hub.log). */
  stale: LockBody | null;
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockSession(dir: string, now = new Date()): Promise<SessionLock> {
  const file = path.join(dir, LOCK_FILE);
  const body: LockBody = { pid: process.pid, host: hostname(), since: now.toISOString() };
  let stale: LockBody | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fsp.open(file, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(body) + '\n');
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        stale,
        async release() {
          if (released) return;
          released = true;
          await fsp.rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot lock ${dir} (${file}): ${(err as Error).message}`);
    }
    let held: Partial<LockBody> = {};
    try {
      const parsed = lockFileSchema.safeParse(JSON.parse(await fsp.readFile(file, 'utf8')));
      if (parsed.success) held = parsed.data;
    } catch {
      /* an empty or torn lock file: a hub died while writing it */
    }
    const sameHost = held.host === undefined || held.host === body.host;
    if (typeof held.pid === 'number' && (!sameHost || alive(held.pid))) {
      const who = sameHost ? `pid ${held.pid}` : `pid ${held.pid} on ${held.host}`;
      throw new Error(
        `${dir} is in use by another hub (${who}, since ${held.since ?? '?'}): stop that hub first. ` +
          `If you are sure no hub runs on it, delete ${file} and try again.`,
      );
    }
    // The owner is gone: take the lock over (once; a second EEXIST means another hub won the race).
    stale = { pid: held.pid ?? 0, host: held.host ?? body.host, since: held.since ?? '?' };
    await fsp.rm(file, { force: true });
  }
  throw new Error(`${dir} is in use by another hub that started at the same moment: ${file}`);
}
