/**
 * Seat tokens kept on disk, so a student whose terminal dies rejoins with the same command and
 * finds the same seat. One small JSON file, keyed by hub address and join code; written
 * atomically (temp file + rename) so a killed process never leaves it half written.
 *
 * Each token remembers the process that holds it (pid and machine): a second terminal of the
 * same user (two students on one lab account, a student who opens another window) does not
 * resume a seat whose terminal is still running on this machine — that took the seat over and
 * ended the first terminal — but draws its own. A seat whose process is gone (a crash, a killed
 * terminal) is resumed, and claimed by the process that resumes it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { tokenFileSchema, type HeldToken } from '../src/protocol/disk-schemas.js';
import { describeZodError } from '../src/protocol/zod-issue.js';

export interface TokenStore {
  get(url: string, code: string): string | undefined;
  set(url: string, code: string, token: string): void;
  delete(url: string, code: string): void;
  /**
   * Before the first hello: when every seat kept for this hub is held by a running terminal of
   * this machine, wait up to `ms` for one of them to end. A terminal closed and its command run
   * again at once finds its old process still exiting; it gets its seat back instead of a new one.
   */
  settle?(url: string, code: string, ms: number): Promise<void>;
}

/** How long `join` waits for the terminal that held its seat to finish exiting (settle). */
export const HOLDER_EXIT_WAIT_MS = 2000;

export function defaultTokenFile(env: Record<string, string | undefined> = process.env): string {
  return join(env.RAFT_SHEET_HOME ?? join(homedir(), '.raft-sheet'), 'seats.json');
}

/** Whether process `pid` of this machine is running (EPERM: it is, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How many terminals' seats one hub and code keep (the oldest go first). */
const KEPT = 8;

export interface TokenStoreOptions {
  /** Hears, once per read, why a file that exists was not used (naming the file and the field). */
  onDamaged?: (problem: string) => void;
  /** This process and machine, and how to tell a process of this machine is running (tests). */
  self?: { pid: number; host: string };
  alive?: (pid: number) => boolean;
}

/**
 * A damaged file starts afresh, which only costs the automatic resume, never the game.
 * `onDamaged` may be given alone (the earlier signature).
 */
export function fileTokenStore(file = defaultTokenFile(), options: TokenStoreOptions | ((problem: string) => void) = {}): TokenStore {
  const o = typeof options === 'function' ? { onDamaged: options } : options;
  const self = o.self ?? { pid: process.pid, host: hostname() };
  const alive = o.alive ?? processAlive;
  const read = (): Record<string, HeldToken[]> => {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      return {}; // no file yet (or unreadable): nothing to resume
    }
    try {
      const parsed = tokenFileSchema.safeParse(JSON.parse(raw));
      // A bare token (earlier versions): its holder is unknown, so it counts as gone.
      if (parsed.success) return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, typeof v === 'string' ? [{ token: v, pid: 1, host: '' }] : v]));
      o.onDamaged?.(`${file}: ${describeZodError(parsed.error)}`);
    } catch (err) {
      o.onDamaged?.(`${file} is not valid JSON (${(err as Error).message})`);
    }
    return {};
  };
  const write = (data: Record<string, HeldToken[]>) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // A read-only home only costs the automatic resume, never the game.
    }
  };
  const key = (url: string, code: string) => `${url}#${code}`;
  const mine = (h: HeldToken) => h.pid === self.pid && h.host === self.host;
  // Another running terminal of this machine holds it; a seat of another machine may be
  // resumed here (a student whose laptop died moves to a neighbour's).
  const heldElsewhere = (h: HeldToken) => !mine(h) && h.host === self.host && alive(h.pid);
  /** This key's seats with `token` held by this process, first (the newest first). */
  const withMine = (held: HeldToken[], token: string): HeldToken[] =>
    [{ token, ...self }, ...held.filter((h) => h.token !== token && !mine(h))].slice(0, KEPT);
  return {
    get: (url, code) => {
      const data = read();
      const held = data[key(url, code)] ?? [];
      const own = held.find(mine);
      if (own) return own.token;
      const free = held.find((h) => !heldElsewhere(h));
      if (!free) return undefined;
      // Claimed at once: a third terminal started now does not resume the same seat.
      write({ ...data, [key(url, code)]: withMine(held, free.token) });
      return free.token;
    },
    set: (url, code, token) => {
      const data = read();
      write({ ...data, [key(url, code)]: withMine(data[key(url, code)] ?? [], token) });
    },
    settle: async (url, code, ms) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const held = read()[key(url, code)] ?? [];
        if (held.length === 0 || !held.every(heldElsewhere) || Date.now() >= deadline) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    // The seat this process holds is gone (released by the instructor, or an unknown token).
    delete: (url, code) => {
      const data = read();
      const rest = (data[key(url, code)] ?? []).filter((h) => !mine(h));
      if (rest.length) data[key(url, code)] = rest;
      else delete data[key(url, code)];
      write(data);
    },
  };
}

export function memoryTokenStore(): TokenStore {
  const m = new Map<string, string>();
  return {
    get: (u, c) => m.get(`${u}#${c}`),
    set: (u, c, t) => void m.set(`${u}#${c}`, t),
    delete: (u, c) => void m.delete(`${u}#${c}`),
  };
}
