/**
 * Seat tokens kept on disk, so a student whose terminal dies rejoins with the same command and
 * finds the same seat. One small JSON file, keyed by hub address and join code; written
 * atomically (temp file + rename) so a killed process never leaves it half written.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { tokenFileSchema } from '../src/protocol/disk-schemas.js';
import { describeZodError } from '../src/protocol/zod-issue.js';

export interface TokenStore {
  get(url: string, code: string): string | undefined;
  set(url: string, code: string, token: string): void;
  delete(url: string, code: string): void;
}

export function defaultTokenFile(env: Record<string, string | undefined> = process.env): string {
  return join(env.RAFT_SHEET_HOME ?? join(homedir(), '.raft-sheet'), 'seats.json');
}

/**
 * `onDamaged` hears, once per read, why a file that exists was not used (naming the file and the
 * field); the store then starts afresh, which only costs the automatic resume, never the game.
 */
export function fileTokenStore(file = defaultTokenFile(), onDamaged: (problem: string) => void = () => {}): TokenStore {
  const read = (): Record<string, string> => {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch {
      return {}; // no file yet (or unreadable): nothing to resume
    }
    try {
      const parsed = tokenFileSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
      onDamaged(`${file}: ${describeZodError(parsed.error)}`);
    } catch (err) {
      onDamaged(`${file} is not valid JSON (${(err as Error).message})`);
    }
    return {};
  };
  const write = (data: Record<string, string>) => {
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
  return {
    get: (url, code) => read()[key(url, code)],
    set: (url, code, token) => write({ ...read(), [key(url, code)]: token }),
    delete: (url, code) => {
      const data = read();
      delete data[key(url, code)];
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
