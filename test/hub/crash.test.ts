/**
 * Crash safety: the hub runs as a child process (`node dist/bin/raft-sheet.js hub`) and is
 * killed with SIGKILL at several points while eight network bots play. After each
 * `--resume DIR` the bots come back to their seats by themselves; at the end every move that
 * had been told "accepted" is in the journal at the version it was told, no card was sent twice,
 * and the four games complete with the golden state.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../server/journal.js';
import { RemoteBot } from '../../client/remote-bot.js';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import type { MoveInput } from '../../src/game/types.js';
import { logText } from '../../src/raft/log.js';
import { tempDir } from './harness.js';
import { ScriptDriver } from './script-driver.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/bin/raft-sheet.js');

function newest(dir: string, ext: RegExp): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (ext.test(name)) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

/** Build dist/ if any source is newer than the compiled hub (tsc emits even past type errors elsewhere). */
function ensureBuilt(): void {
  const compiled = path.join(ROOT, 'dist/server/hub.js');
  const sources = Math.max(...['server', 'src', 'bin'].map((d) => newest(path.join(ROOT, d), /\.tsx?$/)));
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= sources && existsSync(BIN)) return;
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'ignore' });
  if (!existsSync(compiled)) throw new Error('the build did not produce dist/server/hub.js');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  out: string;
}

/** Starts the hub and resolves once its banner is printed. */
function runHub(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'hub', '--host', '127.0.0.1', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const running: Running = { child, out: '' };
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      running.out += d.toString();
      if (running.out.includes('raft-sheet hub --resume')) resolve(running);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (running.out += d.toString()));
    child.once('exit', (code) => reject(new Error(`hub exited ${code}: ${running.out}`)));
  });
}

function kill(r: Running): Promise<void> {
  return new Promise((resolve) => {
    r.child.removeAllListeners('exit');
    r.child.once('exit', () => resolve());
    r.child.kill('SIGKILL');
  });
}

let hub: Running | null = null;
const bots: RemoteBot[] = [];
let driver: ScriptDriver | null = null;

beforeAll(() => ensureBuilt(), 120_000);
afterAll(async () => {
  driver?.stop();
  for (const b of bots) b.stop();
  if (hub) await kill(hub);
});

describe('a hub killed with SIGKILL while bots play', () => {
  it('loses no accepted move, duplicates no card, and the games complete after --resume', async () => {
    const port = await freePort();
    const dir = path.join(tempDir('raft-crash-'), 'session');
    hub = await runHub(['--port', String(port), '--data', dir]);
    const key = /Instructor key[^:]*: (\S+)/.exec(hub.out)?.[1];
    expect(key).toBeTruthy();
    const url = `ws://127.0.0.1:${port}/`;

    const accepted: { seat: string; version: number; input: MoveInput }[] = [];
    let moves = 0;
    let nextKillAt = 0;
    let killing: Promise<void> | null = null;
    // The four games take about 50 bot moves (words and Response rows are one move each).
    const killAt = [4, 20, 36];
    const restarts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const bot = new RemoteBot({ url, key: key!, cluster: 'A', pace: 'fast' });
      bot.on('moved', (version, input) => {
        accepted.push({ seat: `${bot.seat!.cluster}/${bot.seat!.server}`, version, input });
        moves += 1;
        // Kill the hub mid-flight, at several points of the games, and resume it at once.
        if (nextKillAt < killAt.length && moves >= killAt[nextKillAt] && !killing) {
          nextKillAt += 1;
          const victim = hub!;
          killing = kill(victim).then(async () => {
            restarts.push(moves);
            hub = await runHub(['--port', String(port), '--resume', dir]);
            killing = null;
          });
        }
      });
      bots.push(bot.start());
    }
    await Promise.all(bots.map((b) => new Promise<void>((r) => (b.seat ? r() : b.once('seat', () => r())))));
    driver = new ScriptDriver({ url, key: key! });
    await driver.finished;
    expect(restarts.length).toBe(killAt.length);
    expect(hub.out).toMatch(/resumed: \d+ journal records replayed|torn last line/);

    // Replay the journal from scratch, as --resume does.
    const { records } = await readJournal(dir);
    let room = createRoom({});
    for (const r of records) if (r.kind === 'command' || r.kind === 'refused') room = applyEvents(room, r.events);

    // Every move that was told "accepted" is in the journal, at the version it was told.
    const byN = new Map(records.map((r) => [r.n, r]));
    for (const a of accepted) {
      const rec = byN.get(a.version);
      expect(rec?.kind, `accepted move at version ${a.version} by ${a.seat}`).toBe('command');
      if (rec?.kind !== 'command') continue;
      expect(rec.by).toBe(a.seat);
      expect(rec.command).toMatchObject({ type: 'move', input: a.input });
    }

    // No card was sent twice.
    const sent = records.flatMap((r) => (r.kind === 'command' ? r.events : [])).filter((e) => e.type === 'card-sent');
    const ids = sent.map((e) => (e.type === 'card-sent' ? e.card.id : ''));
    expect(new Set(ids).size).toBe(ids.length);

    // The games completed with the golden state.
    const a = room.clusters.A;
    expect(a.script).toMatchObject({ game: 4, done: true });
    expect(a.servers.i4.state.role).toBe('leader');
    expect(a.servers.i4.state.commitIndex).toBe(8);
    for (const s of Object.values(a.servers)) {
      expect(logText(s.state.log).startsWith('High vol')).toBe(true);
      expect(s.state.log.slice(4, 8).map((e) => e.term)).toEqual([3, 3, 3, 3]);
    }
  }, 60_000);
});
