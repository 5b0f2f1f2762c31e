/**
 * The soak: bot clusters play free play in timers mode, guard mode, while an instructor
 * connection throws random faults at them over the wire (lose, offline/online,
 * partition/heal, duplicate, delay), the hub process is killed with SIGKILL and resumed from
 * its directory several times, and bot processes are killed and restarted (they come back to
 * their seats with the tokens they saved, like a student's terminal). Bounded by `ms`.
 *
 * Afterwards the checker proves, from what the clients were told and what the journal holds:
 * - no accepted move was lost: every `ok` verdict a bot saw names a journal record that is
 *   that seat's move with that input;
 * - no move was doubled: no two verdicts share a record, and no seat took the same card twice;
 * - no safety violation: replaying the journal, every cluster's monitor (P1–P5) is clean, and
 *   no view a bot received showed a violation;
 * - every seat reconnected after the last crash.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HubConnection } from '../client/connection.js';
import { readJournal, type JournalRecord } from '../server/journal.js';
import { readSession } from '../server/session.js';
import { isDeepStrictEqual } from 'node:util';
import { gameEngine } from '../server/engine.js';
import { clusterNames } from './hub-load.js';
import { mulberry32 } from '../src/game/random.js';
import { forkChild, killChild, sleep, stopChild, tempDir, until, type Child } from './lib.js';
import type { Accepted } from './load-bot.js';

export interface SoakOptions {
  ms: number;
  clusters: number;
  seed?: number;
  hubKills: number;
  botKills: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  seconds: number;
  clusters: number;
  seats: number;
  hubKills: number;
  botKills: number;
  faults: number;
  accepted: number;
  journalRecords: number;
  lost: string[];
  doubled: string[];
  violations: string[];
  seenViolations: number;
  reconnected: number;
  refused: number;
  ok: boolean;
  /** Where the run's files are (the session directory and the clients' accepted verdicts). */
  work: string;
  dir: string;
}

const KEY = 'soak-instructor-key';


/** The instructor: a HubConnection (it reconnects by itself), sending commands and keeping the latest room view. */
class Instructor {
  room: { clusters: { id: string; inFlight: { card: { id: string } }[] }[] } | null = null;
  private readonly conn: HubConnection;

  constructor(url: string) {
    // Every 200 ms, not a person's backoff: the soak counts the faults it gets in between hub kills.
    this.conn = new HubConnection({ url, role: 'instructor', key: KEY, backoff: { firstMs: 200, maxMs: 200 }, firstConnectMs: 30_000 });
    this.conn.on('room', (m) => (this.room = (m as { view: Instructor['room'] }).view));
    // Refusals (a fault that no longer fits) are expected under random faults; an unheard 'error' would throw.
    this.conn.on('error', () => undefined);
  }

  get ready(): boolean {
    return this.conn.status === 'online';
  }

  start(): void {
    this.conn.start();
  }

  command(command: unknown): boolean {
    return this.conn.sendCommand(command) !== null;
  }

  stop(): void {
    this.conn.close();
  }
}

function randomFault(r: () => number, cluster: string, cards: string[]): unknown {
  const server = `i${1 + Math.floor(r() * 8)}`;
  const card = cards.length > 0 ? cards[Math.floor(r() * cards.length)] : null;
  const pick = r();
  if (pick < 0.15 && card) return { kind: 'lose', card };
  if (pick < 0.3) return { kind: 'offline', server };
  if (pick < 0.45) return { kind: 'online', server };
  if (pick < 0.55) {
    const cut = 1 + Math.floor(r() * 7);
    const all = Array.from({ length: 8 }, (_, i) => `i${i + 1}`).sort(() => r() - 0.5);
    return { kind: 'partition', groups: [all.slice(0, cut), all.slice(cut)] };
  }
  if (pick < 0.7) return { kind: 'heal' };
  if (pick < 0.85 && card) return { kind: 'duplicate', card };
  if (card) return { kind: 'delay', card, ms: 100 + Math.floor(r() * 900) };
  return { kind: 'heal' };
}

export async function soak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => {});
  const r = mulberry32(o.seed ?? 7);
  const work = tempDir('raft-soak-');
  const dir = path.join(work, 'session');
  const names = clusterNames(o.clusters);
  const hubConfig = { key: KEY, code: 'SOAK', rate: { capacity: 600, perSecond: 300 } };
  let hub: Child = forkChild('hub-child', { ...hubConfig, port: 0, data: dir, clusters: o.clusters, size: 8, room: { election: 'timers', electionTimeoutMs: [800, 1600] } });
  const { port } = await hub.wait<{ port: number }>('ready');
  const url = `ws://127.0.0.1:${port}/`;
  const botConfig = (i: number) => ({ mode: 'hub', url, key: KEY, clusters: Array.from({ length: 8 }, () => names[i]), size: 8, loop: false, tokensFile: path.join(work, `tokens-${i}.json`), acceptedFile: path.join(work, `accepted-${i}.jsonl`) });
  const bots: Child[] = names.map((_, i) => forkChild('load-child', botConfig(i)));
  const instructor = new Instructor(url);
  instructor.start();
  let hubKills = 0;
  let botKills = 0;
  let faults = 0;
  const t0 = Date.now();
  try {
    await until(() => instructor.ready, 10_000, 'the instructor');
    instructor.command({ type: 'script', action: 'start', game: 0 });
    const end = t0 + o.ms;
    // Crash moments spread over the run, away from its last fifth (which lets things settle).
    const hubAt = Array.from({ length: o.hubKills }, (_, i) => t0 + ((i + 1) * 0.8 * o.ms) / (o.hubKills + 1));
    const botAt = Array.from({ length: o.botKills }, (_, i) => t0 + ((i + 0.5) * 0.8 * o.ms) / (o.botKills + 1));
    while (Date.now() < end - 0.2 * o.ms) {
      await sleep(150 + r() * 350);
      if (hubAt.length > 0 && Date.now() >= hubAt[0]) {
        hubAt.shift();
        await killChild(hub);
        hubKills += 1;
        await sleep(100 + r() * 400);
        hub = forkChild('hub-child', { ...hubConfig, port, resume: dir });
        const ready = await hub.wait<{ replayed: number }>('ready', 30_000);
        log(`  soak: hub killed (SIGKILL) and resumed, ${ready.replayed} records replayed`);
        continue;
      }
      if (botAt.length > 0 && Date.now() >= botAt[0]) {
        botAt.shift();
        const i = Math.floor(r() * bots.length);
        await killChild(bots[i]);
        botKills += 1;
        await sleep(100 + r() * 400);
        bots[i] = forkChild('load-child', botConfig(i));
        log(`  soak: bot process of cluster ${names[i]} killed and restarted`);
        continue;
      }
      const cluster = names[Math.floor(r() * names.length)];
      const cards = instructor.room?.clusters.find((c) => c.id === cluster)?.inFlight.map((f) => f.card.id) ?? [];
      if (instructor.command({ type: 'fault', cluster, fault: randomFault(r, cluster, cards) })) faults += 1;
    }
    // Settle: heal every cluster, every server back online, then let the bots play on.
    for (const cluster of names) {
      instructor.command({ type: 'fault', cluster, fault: { kind: 'heal' } });
      for (let s = 1; s <= 8; s++) instructor.command({ type: 'fault', cluster, fault: { kind: 'online', server: `i${s}` } });
    }
    const seats = names.length * 8;
    const connected = async () => (await Promise.all(bots.map((b) => b.ask<{ connected: number }>('status')))).reduce((n, s) => n + s.connected, 0);
    await until(async () => (await connected()) === seats, 30_000, 'every seat reconnected', 200);
    await sleep(Math.max(0, end - Date.now()));
    const reconnected = await connected();
    const reports = await Promise.all(bots.map((b) => b.ask<{ violations: number; refused: number }>('report')));
    await Promise.all(bots.map((b) => stopChild(b, 2000)));
    instructor.stop();
    await stopChild(hub, 10_000);
    const check = await checkSoak(work, dir, names.length);
    const result: SoakResult = {
      seconds: (Date.now() - t0) / 1000,
      clusters: names.length,
      seats,
      hubKills,
      botKills,
      faults,
      ...check,
      seenViolations: Math.max(0, ...reports.map((x) => x.violations)),
      reconnected,
      refused: reports.reduce((n, x) => n + x.refused, 0),
      ok: false,
      work,
      dir,
    };
    result.ok = result.lost.length === 0 && result.doubled.length === 0 && result.violations.length === 0 && result.seenViolations === 0 && reconnected === seats && result.accepted > 0;
    return result;
  } finally {
    instructor.stop();
    await Promise.all(bots.map((b) => killChild(b)));
    await killChild(hub);
  }
}

/** Compares what the clients were told with the journal. */
export async function checkSoak(work: string, dir: string, clusters: number): Promise<Pick<SoakResult, 'accepted' | 'journalRecords' | 'lost' | 'doubled' | 'violations'>> {
  const { records } = await readJournal(dir);
  const byN = new Map<number, JournalRecord>(records.map((rec) => [rec.n, rec]));
  const accepted: Accepted[] = [];
  for (let i = 0; i < clusters; i++) {
    const file = path.join(work, `accepted-${i}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      // A bot process killed mid-write leaves at most one torn last line: it was never a report.
      if (line.trim()) {
        try {
          accepted.push(JSON.parse(line) as Accepted);
        } catch {
          /* torn by the kill */
        }
      }
    }
  }
  const lost: string[] = [];
  const doubled: string[] = [];
  const versions = new Map<number, Accepted>();
  for (const a of accepted) {
    const rec = byN.get(a.version);
    const ok = rec && rec.kind === 'command' && rec.by === a.seat && rec.command.type === 'move' && isDeepStrictEqual(rec.command.input, a.input);
    if (!ok) lost.push(`${a.seat} v${a.version} ${JSON.stringify(a.input)} → journal has ${rec ? JSON.stringify(rec).slice(0, 160) : 'nothing'}`);
    const twin = versions.get(a.version);
    if (twin) doubled.push(`verdict v${a.version} told twice: ${twin.seat} and ${a.seat}`);
    versions.set(a.version, a);
  }
  const taken = new Set<string>();
  for (const rec of records) {
    if (rec.kind !== 'command' || rec.command.type !== 'move' || rec.command.input.kind !== 'card') continue;
    const k = `${rec.by} ${rec.command.input.card}`;
    if (taken.has(k)) doubled.push(`journal: ${k} taken twice (record ${rec.n})`);
    taken.add(k);
  }
  const session = await readSession(dir);
  let room = gameEngine.createRoom(session.config);
  for (const rec of records) if (rec.kind === 'command' || rec.kind === 'refused') room = gameEngine.applyEvents(room, rec.events);
  const violations = Object.values(room.clusters).flatMap((c) => c.violations.map((v) => `${c.id}: ${JSON.stringify(v).slice(0, 200)}`));
  return { accepted: accepted.length, journalRecords: records.length, lost, doubled, violations };
}
