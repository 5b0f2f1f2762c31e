/**
 * Shared helpers for the benchmarks: where the project is, forking the compiled children,
 * percentiles, and a way to wait without busy loops. Every loop in bench/ is bounded in time
 * and count and stops by itself; every socket is on 127.0.0.1.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file whether it runs as bench/*.ts (vitest) or dist/bench/*.js. */
export const ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above bench/');
    dir = up;
  }
  return dir;
})();

/** Children always run compiled (`npm run build` first): the same JS the product ships. */
export const DIST_BENCH = path.join(ROOT, 'dist', 'bench');
export const BIN = path.join(ROOT, 'dist', 'bin', 'raft-sheet.js');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves when `test()` holds, polling every `every` ms; rejects after `timeoutMs`. */
export async function until(test: () => boolean | Promise<boolean>, timeoutMs: number, what: string, every = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await test()) return;
    await sleep(every);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(values: number[]): Stats {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = Float64Array.from(values).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  let sum = 0;
  for (const v of s) sum += v;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1], mean: sum / s.length };
}

/** A child running dist/bench/NAME.js with an IPC channel; `ask` sends a request and awaits the reply of the same type. */
export interface Child {
  proc: ChildProcess;
  ask<T = Record<string, unknown>>(type: string, extra?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** The first message of this type (e.g. `ready`). */
  wait<T = Record<string, unknown>>(type: string, timeoutMs?: number): Promise<T>;
  exited: Promise<number | null>;
  stderr(): string;
}

export function forkChild(name: string, config: unknown, opts: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): Child {
  const proc = fork(path.join(DIST_BENCH, `${name}.js`), [JSON.stringify(config)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: opts.execArgv ?? [],
    env: { ...process.env, ...opts.env },
  });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const inbox: Record<string, unknown>[] = [];
  const waiters: { type: string; resolve: (m: Record<string, unknown>) => void }[] = [];
  proc.on('message', (m: Record<string, unknown>) => {
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(m);
    else inbox.push(m);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const wait = <T>(type: string, timeoutMs = 30_000): Promise<T> => {
    const i = inbox.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no "${type}" within ${timeoutMs} ms; stderr: ${err.slice(-800)}`)), timeoutMs);
      const w = {
        type,
        resolve: (m: Record<string, unknown>) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      };
      waiters.push(w);
      void exited.then((code) => {
        const j = waiters.indexOf(w);
        if (j >= 0) {
          waiters.splice(j, 1);
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code}) before "${type}"; stderr: ${err.slice(-800)}`));
        }
      });
    });
  };
  return {
    proc,
    wait,
    ask: <T>(type: string, extra: Record<string, unknown> = {}, timeoutMs = 30_000) => {
      const reply = wait<T>(type, timeoutMs);
      proc.send({ type, ...extra });
      return reply;
    },
    exited,
    stderr: () => err,
  };
}

/** SIGKILL and wait for the exit. */
export async function killChild(c: Child, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.proc.kill(signal);
  await c.exited;
}

/** Closes a child politely (`stop` message), then SIGKILL if it takes more than `ms`. */
export async function stopChild(c: Child, ms = 5000): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  try {
    c.proc.send({ type: 'stop' });
  } catch {
    /* gone already */
  }
  const t = setTimeout(() => c.proc.kill('SIGKILL'), ms);
  await c.exited;
  clearTimeout(t);
}

export function machine(): { nproc: number; cpu: string; memGiB: number; freeGiB: number; node: string; platform: string } {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Per-process figures a child reports: CPU seconds (user+system) and resident memory. */
export interface ProcStats {
  cpuUs: number;
  rss: number;
  maxRss: number;
}

export function procStats(): ProcStats {
  const c = process.cpuUsage();
  return { cpuUs: c.user + c.system, rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 };
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');
