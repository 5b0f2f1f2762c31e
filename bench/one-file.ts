/**
 * The one-file client (issue 15) beside today's entry, in one run:
 * - first frame: spawn → the first frame that shows the sheet ("Terms") in a real pty (util-linux
 *   `script`, 80×24), for `node dist/bin/raft-sheet.js join …` (hundreds of files imported from
 *   node_modules) and for `node raft-sheet.mjs join …` copied alone into an empty folder, the two
 *   alternated run by run against one hub child; median and minimum of each; and beside them the
 *   floor: a one-box Ink app ("Terms" in a border) bundled the same way (esbuild, React's
 *   production build, minified), what any Ink client pays before its first frame here; and Node
 *   alone printing the word (the pty and Node's own start);
 * - the file: bytes, and gzipped bytes (what the hub sends to a client that accepts gzip, as
 *   Node's fetch does);
 * - delivery under downloads: the hub benchmark's full-pace room of 12 × 8 (bench/hub-load.ts),
 *   measured over windows in a row in the same room: 2-s windows without downloads alternate
 *   with windows that last exactly one wave of 100 simultaneous downloads of the file (a class
 *   arriving at once; bench/download-child.ts), latencies pooled per kind; then a longer pair,
 *   without vs waves back to back for the whole window (harsher than any class).
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { hubLoadWindows, type During, type Window } from './hub-load.js';
import { BIN, forkChild, ROOT, stats, stopChild, tempDir, until, type Stats } from './lib.js';

export const BUNDLE = path.join(ROOT, 'dist', 'raft-sheet.mjs');

export interface OneFileResult {
  bytes: number;
  gzipBytes: number;
  firstFrame: {
    dist: Stats;
    bundle: Stats;
    /** The one-box Ink app (buildFloor). */
    floor: Stats;
    /** Node alone: a module that prints "Terms" (the pty, Node's start, nothing else). */
    node: Stats;
    distMs: number[];
    bundleMs: number[];
    floorMs: number[];
    nodeMs: number[];
    distCpu: Stats;
    bundleCpu: Stats;
    floorCpu: Stats;
  };
  /** The downloader at its normal priority, then at nice 19 (deliveryUnderDownloads). */
  deliveryLowPriority: OneFileResult['delivery'];
  delivery: {
    /** Pooled over the plain windows between the waves. */
    plain: Stats;
    /** Pooled over the windows that are one wave of 100 downloads each. */
    oneWave: Stats;
    waves: { ms: number; downloads: number; failed: number; bytes: number }[];
    longPlain: Stats;
    longWaves: Stats;
    continuous: { waves: number; downloads: number; failed: number; waveMs: Stats } | null;
    movesPerSec: { plain: number; waves: number };
    hubCpu: { plainPct: number; oneWavePct: number; longPlainPct: number; longWavesPct: number; longPlainMsPerMove: number; longWavesMsPerMove: number };
  };
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

/** CPU time (user + system, ms; 10-ms ticks) the node process under `script` has used so far. */
function cpuMsOfNodeUnder(scriptPid: number): number {
  try {
    const kid = Number(readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/)[0]);
    const rest = readFileSync(`/proc/${kid}/stat`, 'utf8');
    const f = rest.slice(rest.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Spawn → the sheet on screen for `node <program> join ws://… --code BNCH`, run in `cwd`: the
 * wall-clock ms, and the CPU ms the client had used by then (on a shared machine the wall clock
 * also counts waiting for a core; the CPU time is the client's own work).
 */
async function firstFrame(program: string, cwd: string, port: number): Promise<{ wallMs: number; cpuMs: number }> {
  const home = tempDir('raft-bench-home-');
  const t0 = performance.now();
  const term = spawn('script', ['-qfec', `stty cols 80 rows 24; exec env CI=false TERM=xterm-256color RAFT_SHEET_HOME=${home} ${process.execPath} ${program} join ws://127.0.0.1:${port} --code BNCH`, '/dev/null'], {
    cwd,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // Node alone (and the one-box app) end by themselves: a 'q' to a pty already gone is no error.
  term.stdin.on('error', () => {});
  let screen = '';
  let at = NaN;
  let cpuMs = NaN;
  term.stdout.on('data', (d: Buffer) => {
    screen = (screen + d.toString()).slice(-20_000);
    if (Number.isNaN(at) && strip(screen).includes('Terms')) {
      at = performance.now() - t0;
      cpuMs = cpuMsOfNodeUnder(term.pid!);
    }
  });
  try {
    await until(() => !Number.isNaN(at), 20_000, `the sheet of ${program}`, 2);
    return { wallMs: at, cpuMs };
  } finally {
    term.stdin.write('q');
    term.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The floor: an Ink app that draws one bordered box with "Terms" and nothing else, bundled by
 * scripts/build-client.mjs with the bundle's own options (`--ink-floor`): Node's own start,
 * React, Ink, yoga's wasm and one frame. No client can show a sheet with Ink sooner than this
 * on this machine. Beside it, Node alone printing the word.
 */
function buildFloor(dir: string): string {
  writeFileSync(path.join(dir, 'node-alone.mjs'), "process.stdout.write('Terms\\n');\n");
  const outfile = path.join(dir, 'ink-floor.mjs');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-client.mjs'), '--ink-floor', outfile], { stdio: 'inherit' });
  return outfile;
}

/**
 * First frames, alternated run by run against one hub child: today's entry, the bundle alone in
 * an empty folder, the one-box Ink floor and Node alone.
 */
async function firstFrames(runs: number, log: (l: string) => void): Promise<OneFileResult['firstFrame']> {
  const empty = tempDir('raft-bench-onefile-');
  copyFileSync(BUNDLE, path.join(empty, 'raft-sheet.mjs'));
  const hub = forkChild('hub-child', { port: 0, key: 'bench-instructor-key', code: 'BNCH', data: `${tempDir('raft-bench-onefile-hub-')}/session`, clusters: 4, seatsPerAddress: 1000 });
  const distMs: number[] = [];
  const bundleMs: number[] = [];
  const distCpuMs: number[] = [];
  const bundleCpuMs: number[] = [];
  const floorMs: number[] = [];
  const floorCpuMs: number[] = [];
  const nodeMs: number[] = [];
  const floor = buildFloor(empty);
  try {
    const { port } = await hub.wait<{ port: number }>('ready');
    // One unmeasured start of each first: the page cache then holds them, as on a second start.
    await firstFrame(BIN, ROOT, port);
    await firstFrame('raft-sheet.mjs', empty, port);
    await firstFrame(floor, empty, port);
    await firstFrame('node-alone.mjs', empty, port);
    for (let i = 0; i < runs; i++) {
      const d = await firstFrame(BIN, ROOT, port);
      const b = await firstFrame('raft-sheet.mjs', empty, port);
      const f = await firstFrame(floor, empty, port);
      nodeMs.push((await firstFrame('node-alone.mjs', empty, port)).wallMs);
      distMs.push(d.wallMs);
      distCpuMs.push(d.cpuMs);
      bundleMs.push(b.wallMs);
      bundleCpuMs.push(b.cpuMs);
      floorMs.push(f.wallMs);
      floorCpuMs.push(f.cpuMs);
    }
  } finally {
    await stopChild(hub);
  }
  const firstFrameResult = {
    dist: stats(distMs),
    bundle: stats(bundleMs),
    floor: stats(floorMs),
    node: stats(nodeMs),
    distMs,
    bundleMs,
    floorMs,
    nodeMs,
    distCpu: stats(distCpuMs),
    bundleCpu: stats(bundleCpuMs),
    floorCpu: stats(floorCpuMs),
  };
  log(
    `  one-file: first frame median ${firstFrameResult.bundle.p50.toFixed(0)} ms, CPU ${firstFrameResult.bundleCpu.p50.toFixed(0)} ms ` +
      `(today's entry ${firstFrameResult.dist.p50.toFixed(0)} ms, CPU ${firstFrameResult.distCpu.p50.toFixed(0)} ms; ` +
      `the one-box Ink floor ${firstFrameResult.floor.p50.toFixed(0)} ms, CPU ${firstFrameResult.floorCpu.p50.toFixed(0)} ms; Node alone ${firstFrameResult.node.p50.toFixed(0)} ms)`,
  );
  return firstFrameResult;
}

/**
 * Delivery p99 with and without a class downloading the file, in one room. The downloader runs
 * at the given niceness: 0 competes with the hub and the bots for the two cores like any
 * process; 19 takes only the CPU nobody else wants, the nearer model of a class whose downloads
 * run on the students' own machines, so what remains is the hub's own cost of serving.
 */
async function deliveryUnderDownloads(o: { pairs: number; measureMs: number }, nice: number, log: (l: string) => void): Promise<OneFileResult['delivery']> {
  // Delivery p99 with and without a class downloading the file, in one room: plain windows
  // alternate with windows that are exactly one wave of 100 simultaneous downloads (the class
  // arriving at once), then a longer pair: plain vs waves back to back for the whole window.
  let child: ReturnType<typeof forkChild> | null = null;
  let ready: Promise<unknown> | null = null;
  /** The downloader, forked once for the room (its `ready` is awaited once). */
  const downloader = async (port: number) => {
    if (!child) {
      child = forkChild('download-child', { url: `http://127.0.0.1:${port}/raft-sheet.mjs`, clients: 100, nice });
      ready = child.wait('ready');
    }
    await ready;
    return child;
  };
  const waves: { ms: number; downloads: number; failed: number; bytes: number }[] = [];
  let continuous: { waves: number; downloads: number; failed: number; waveMs: number[] } | null = null;
  const oneWave = (port: number): During => {
    let reply: Promise<{ ms: number; downloads: number; failed: number; bytes: number }> | null = null;
    return {
      start: async () => {
        reply = (await downloader(port)).ask('wave', {}, 120_000);
      },
      finish: async () => {
        waves.push(await reply!);
      },
    };
  };
  const backToBack = (port: number): During => ({
    start: async () => {
      await (await downloader(port)).ask('start');
    },
    finish: async () => {
      continuous = await child!.ask('finish', {}, 120_000);
    },
  });
  const pairs = o.pairs;
  const windows: Window[] = [];
  for (let i = 0; i < pairs; i++) windows.push({ ms: 2000 }, { ms: 0, during: oneWave });
  windows.push({ ms: o.measureMs }, { ms: o.measureMs, during: backToBack });
  let results;
  try {
    results = await hubLoadWindows({ clusters: 12, processes: 2, measureMs: o.measureMs, client: BUNDLE }, windows);
  } finally {
    if (child) await stopChild(child);
  }
  const plainWindows = results.slice(0, 2 * pairs).filter((_, i) => i % 2 === 0);
  const waveWindows = results.slice(0, 2 * pairs).filter((_, i) => i % 2 === 1);
  const plainRaw = plainWindows.flatMap((r) => r.raw);
  const waveRaw = waveWindows.flatMap((r) => r.raw);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [longPlain, longWaves] = results.slice(2 * pairs);
  const c = continuous as { waves: number; downloads: number; failed: number; waveMs: number[] } | null;
  const delivery = {
    plain: stats(plainRaw),
    oneWave: stats(waveRaw),
    waves: waves.map((w) => ({ ...w })),
    longPlain: longPlain.latency,
    longWaves: longWaves.latency,
    continuous: c ? { waves: c.waves, downloads: c.downloads, failed: c.failed, waveMs: stats(c.waveMs) } : null,
    movesPerSec: { plain: longPlain.movesPerSec, waves: longWaves.movesPerSec },
    // The hub process's CPU (% of a core) and per accepted move: does serving the file cost the
    // hub itself, or do the downloads only compete for the machine's two cores?
    hubCpu: {
      plainPct: mean(plainWindows.map((r) => r.cpuPct)),
      oneWavePct: mean(waveWindows.map((r) => r.cpuPct)),
      longPlainPct: longPlain.cpuPct,
      longWavesPct: longWaves.cpuPct,
      longPlainMsPerMove: (longPlain.cpuPct * 10) / longPlain.movesPerSec,
      longWavesMsPerMove: (longWaves.cpuPct * 10) / longWaves.movesPerSec,
    },
  };
  log(
    `  one-file${nice ? ` (downloader at nice ${nice})` : ''}: 12×8 delivery p99 ${delivery.oneWave.p99.toFixed(1)} ms during ${waves.length} single waves of 100 downloads (wave p50 ${stats(waves.map((w) => w.ms)).p50.toFixed(0)} ms, ${waves.reduce((n, w) => n + w.failed, 0)} failed) vs ${delivery.plain.p99.toFixed(1)} ms in the windows between; ` +
      `${o.measureMs / 1000} s of waves back to back ${delivery.longWaves.p99.toFixed(1)} ms vs ${delivery.longPlain.p99.toFixed(1)} ms; ` +
      `hub CPU ${delivery.hubCpu.oneWavePct.toFixed(0)}% vs ${delivery.hubCpu.plainPct.toFixed(0)}% of a core, ${delivery.hubCpu.longWavesMsPerMove.toFixed(2)} vs ${delivery.hubCpu.longPlainMsPerMove.toFixed(2)} ms per move`,
  );
  return delivery;
}

export async function oneFileBench(o: { runs: number; pairs: number; measureMs: number; log?: (l: string) => void }): Promise<OneFileResult> {
  const log = o.log ?? (() => {});
  const bytes = statSync(BUNDLE).size;
  const gzipBytes = gzipSync(readFileSync(BUNDLE)).length;
  log(`  one-file: dist/raft-sheet.mjs ${(bytes / 1024).toFixed(0)} KiB (${(gzipBytes / 1024).toFixed(0)} KiB gzipped)`);

  const firstFrameResult = await firstFrames(o.runs, log);

  const delivery = await deliveryUnderDownloads(o, 0, log);
  const deliveryLowPriority = await deliveryUnderDownloads(o, 19, log);
  return { bytes, gzipBytes, firstFrame: firstFrameResult, delivery, deliveryLowPriority };
}
