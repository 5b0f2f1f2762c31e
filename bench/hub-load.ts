/**
 * Hub throughput and latency against the floor of a bare `ws` relay.
 *
 * Workload ("full pace"): rooms of N clusters × 8 bot seats, the bots in separate processes
 * (load-child.ts, many connections each). Timers mode (election timeout 1.5–3 s; 8–16 s from 50 clusters) elects a
 * leader per cluster and free play has it write "HighLoad"; from then on each leader runs
 * heartbeat rounds back to back: AppendEntries to its 7 followers as soon as the previous round
 * is answered, every follower takes its card at once, the leader takes the 7 answers. So each
 * round is 15 accepted moves, every one validated, refereed, journaled with fdatasync and
 * answered with a verdict and fresh views. The relay carries the same conversation (leader → 7
 * frames, 7 answers back, next round) with frames as large as the hub's average view, over the
 * same number of connections from the same number of processes: rounds per second compare
 * one to one.
 */
import WebSocket from 'ws';
import { forkChild, killChild, sleep, stats, stopChild, tempDir, until, type Child, type Stats } from './lib.js';
import type { BotMetrics } from './load-bot.js';
import { clusterIds } from '../src/game/room.js';

export interface LoadResult {
  what: 'hub' | 'relay';
  clusters: number;
  connections: number;
  heldConnections: number;
  seconds: number;
  moves: number;
  movesPerSec: number;
  roundsPerSec: number;
  latency: Stats;
  /** Server CPU over the measured window, in % of one core. */
  cpuPct: number;
  /** Load processes' CPU over the window, % of one core (all of them). */
  clientCpuPct: number;
  peakRssMiB: number;
  avgFrameBytes: number;
  refused: number;
}

export const KEY = 'bench-instructor-key';
export const CODE = 'BNCH';

type Report = BotMetrics & { cpuUs: number };
type ServerStats = { cpuUs: number; maxRss: number; connections: number };

/** Whole clusters per process (the relay peers number themselves i1…i8 within a process). */
export function slots(clusters: string[], size: number, parts: number): string[][] {
  const out: string[][] = Array.from({ length: Math.min(parts, clusters.length) }, () => []);
  clusters.forEach((c, i) => out[Math.floor((i * out.length) / clusters.length)].push(...Array.from({ length: size }, () => c)));
  return out;
}

/** The game's own names (A…Z, AA, …), so the relay's peers are numbered like the hub's clusters. */
export function clusterNames(n: number): string[] {
  return clusterIds(n);
}

export async function instructor(port: number, command: unknown): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?key=${KEY}`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'instructor' }));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no verdict for the instructor command')), 30_000);
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; id?: number; ok?: boolean };
      // Commands count only once the hello is answered.
      if (m.type === 'welcome') ws.send(JSON.stringify({ type: 'command', id: 1, command }));
      if (m.type === 'verdict' && m.id === 1) {
        clearTimeout(t);
        if (!m.ok) reject(new Error(`instructor command refused: ${d.toString().slice(0, 200)}`));
        else resolve();
      }
    });
  });
  ws.close();
}

/** Something else the hub does during the measured window only (the one-file downloads). */
export interface During {
  start(): Promise<void>;
  finish(): Promise<void>;
}

export async function measure(server: Child, loads: Child[], ms: number, during?: During): Promise<{ seconds: number; reports: Report[]; cpuPct: number; clientCpuPct: number; server: ServerStats }> {
  const before = await Promise.all(loads.map((l) => l.ask<Report>('report', { reset: true })));
  const s0 = await server.ask<ServerStats>('stats');
  const t0 = performance.now();
  await during?.start();
  await sleep(ms);
  await during?.finish();
  const s1 = await server.ask<ServerStats>('stats');
  const reports = await Promise.all(loads.map((l) => l.ask<Report>('report', { reset: true })));
  const seconds = (performance.now() - t0) / 1000;
  const clientCpu = reports.reduce((n, r, i) => n + (r.cpuUs - before[i].cpuUs), 0);
  return { seconds, reports, cpuPct: ((s1.cpuUs - s0.cpuUs) / 1e6 / seconds) * 100, clientCpuPct: (clientCpu / 1e6 / seconds) * 100, server: s1 };
}

export function result(what: 'hub' | 'relay', clusters: number, connections: number, m: Awaited<ReturnType<typeof measure>>): LoadResult {
  const sum = (k: 'moves' | 'rounds' | 'refused' | 'views' | 'viewBytes') => m.reports.reduce((n, r) => n + r[k], 0);
  const lat = m.reports.flatMap((r) => r.latencies);
  return {
    what,
    clusters,
    connections,
    heldConnections: m.server.connections,
    seconds: m.seconds,
    moves: sum('moves'),
    movesPerSec: sum('moves') / m.seconds,
    roundsPerSec: sum('rounds') / m.seconds,
    latency: stats(lat),
    cpuPct: m.cpuPct,
    clientCpuPct: m.clientCpuPct,
    peakRssMiB: m.server.maxRss / 2 ** 20,
    avgFrameBytes: sum('views') > 0 ? sum('viewBytes') / sum('views') : 0,
    refused: sum('refused'),
  };
}

export interface LoadOptions {
  clusters: number;
  /** Load processes. */
  processes: number;
  measureMs: number;
  log?: (line: string) => void;
  /** Serve this one-file client on the hub's port (bench/one-file.ts). */
  client?: string;
}

/** One measured window of a room: `ms` long, plus whatever `during` (given the hub's port) takes to finish. */
export interface Window {
  ms: number;
  during?: (port: number) => During;
}

/** Forks the load processes into `loads` (8 clients a cluster, spread over `processes`), once each is up; the client count. */
async function forkLoads(loads: Child[], names: string[], processes: number, config: (part: string[]) => object): Promise<number> {
  for (const part of slots(names, 8, processes)) loads.push(forkChild('load-child', config(part)));
  await Promise.all(loads.map((l) => l.wait('ready')));
  return names.length * 8;
}

/** A second to settle, then the measurement of `server` under its loads. */
async function settledMeasure(kind: 'hub' | 'relay', server: Child, loads: Child[], o: LoadOptions, connections: number): Promise<LoadResult> {
  await sleep(1000);
  return result(kind, o.clusters, connections, await measure(server, loads, o.measureMs));
}

export async function hubLoad(o: LoadOptions): Promise<LoadResult> {
  return (await hubLoadWindows(o, [{ ms: o.measureMs }]))[0];
}

/**
 * One room, measured over several windows in a row (bench/one-file.ts alternates windows with
 * and without downloads in the same room, so a drift of the shared machine falls on both).
 * Each result also carries its raw delivery latencies, for pooling.
 */
export async function hubLoadWindows(o: LoadOptions, windows: Window[]): Promise<(LoadResult & { raw: number[] })[]> {
  const log = o.log ?? (() => {});
  const names = clusterNames(o.clusters);
  const hub = forkChild('hub-child', {
    port: 0,
    key: KEY,
    code: CODE,
    data: `${tempDir('raft-bench-hub-')}/session`,
    clusters: o.clusters,
    size: 8,
    // A room past the hub's capacity answers slower: give its elections room to finish.
    room: { election: 'timers', electionTimeoutMs: o.clusters >= 50 ? [8000, 16000] : [1500, 3000] },
    // A leader at full pace makes far more than the 30 moves/s a person could: lift the
    // per-connection flood limit, which would otherwise drop its frames.
    rate: { capacity: 100_000, perSecond: 100_000 },
    ...(o.client ? { client: o.client } : {}),
  });
  const loads: Child[] = [];
  try {
    const { port } = await hub.wait<{ port: number }>('ready');
    await instructor(port, { type: 'script', action: 'start', game: 0 });
    const connections = await forkLoads(loads, names, o.processes, (part) => ({ mode: 'hub', url: `ws://127.0.0.1:${port}/`, key: KEY, clusters: part, size: 8, loop: true }));
    const status = async () => (await Promise.all(loads.map((l) => l.ask<{ connected: number; leaders: number }>('status')))).reduce((a, s) => ({ connected: a.connected + s.connected, leaders: a.leaders + s.leaders }), { connected: 0, leaders: 0 });
    await until(async () => (await status()).connected === connections, 120_000, `${connections} bots seated`, 250);
    log(`  hub ${o.clusters}×8: ${connections} bots seated; waiting for a leader in every cluster`);
    await until(async () => (await status()).leaders >= o.clusters, 90_000, 'a leader in every cluster', 250).catch(() => log('  (not every cluster elected a leader in 90 s; measuring anyway)'));
    await sleep(1000);
    const out: (LoadResult & { raw: number[] })[] = [];
    for (const w of windows) {
      const m = await measure(hub, loads, w.ms, w.during?.(port));
      out.push({ ...result('hub', o.clusters, connections, m), raw: m.reports.flatMap((r) => r.latencies) });
    }
    return out;
  } finally {
    await Promise.all(loads.map((l) => stopChild(l, 2000)));
    await stopChild(hub, 10_000);
    await killChild(hub);
  }
}

export async function relayLoad(o: LoadOptions & { frameBytes: number }): Promise<LoadResult> {
  const names = clusterNames(o.clusters);
  const relay = forkChild('relay-child', {});
  const loads: Child[] = [];
  try {
    const { port } = await relay.wait<{ port: number }>('ready');
    const connections = await forkLoads(loads, names, o.processes, (part) => ({ mode: 'relay', url: `ws://127.0.0.1:${port}/`, clusters: part, size: 8, pad: o.frameBytes }));
    await until(async () => (await Promise.all(loads.map((l) => l.ask<{ connected: number }>('status')))).reduce((n, s) => n + s.connected, 0) === connections, 120_000, `${connections} relay peers connected`, 250);
    await Promise.all(loads.map((l) => l.ask('start')));
    return await settledMeasure('relay', relay, loads, o, connections);
  } finally {
    await Promise.all(loads.map((l) => stopChild(l, 2000)));
    await stopChild(relay, 2000);
  }
}
