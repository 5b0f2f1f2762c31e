/**
 * The one-file client (issue 15) beside today's entry, in one run:
 * - first frame: spawn → the first frame that shows the sheet ("Terms") in a real pty (util-linux
 *   `script`, 80×24), for `node dist/bin/raft-sheet.js join …` (hundreds of files imported from
 *   node_modules) and for `node raft-sheet.mjs join …` copied alone into an empty folder, the two
 *   alternated run by run against one hub child; median and minimum of each;
 * - the file: bytes, and gzipped bytes (what the hub sends to a client that accepts gzip, as
 *   Node's fetch does);
 * - delivery under downloads: the hub benchmark's full-pace room (bench/hub-load.ts), its card
 *   delivery p99 while waves of 100 simultaneous downloads of the file run through the whole
 *   measured window (bench/download-child.ts, each wave as soon as the last is complete),
 *   against the same room without downloads; the two alternate (without, with, with, without)
 *   so a drift of the shared machine falls on both.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { hubLoad, type LoadResult } from './hub-load.js';
import { BIN, forkChild, ROOT, stats, stopChild, tempDir, until, type Stats } from './lib.js';

export const BUNDLE = path.join(ROOT, 'dist', 'raft-sheet.mjs');

export interface OneFileResult {
  bytes: number;
  gzipBytes: number;
  firstFrame: { dist: Stats; bundle: Stats; distMs: number[]; bundleMs: number[] };
  delivery: { without: LoadResult[]; with: LoadResult[]; downloads: { waves: number; downloads: number; failed: number; waveMs: Stats }[] };
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

/** ms from spawn to the sheet on screen for `node <args…> join ws://… --code BNCH`, run in `cwd`. */
async function firstFrame(program: string, cwd: string, port: number): Promise<number> {
  const home = tempDir('raft-bench-home-');
  const t0 = performance.now();
  const term = spawn('script', ['-qfec', `stty cols 80 rows 24; exec env CI=false TERM=xterm-256color RAFT_SHEET_HOME=${home} ${process.execPath} ${program} join ws://127.0.0.1:${port} --code BNCH`, '/dev/null'], {
    cwd,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let screen = '';
  let at = NaN;
  term.stdout.on('data', (d: Buffer) => {
    screen = (screen + d.toString()).slice(-20_000);
    if (Number.isNaN(at) && strip(screen).includes('Terms')) at = performance.now() - t0;
  });
  try {
    await until(() => !Number.isNaN(at), 20_000, `the sheet of ${program}`, 2);
    return at;
  } finally {
    term.stdin.write('q');
    term.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function oneFileBench(o: { runs: number; measureMs: number; log?: (l: string) => void }): Promise<OneFileResult> {
  const log = o.log ?? (() => {});
  const bytes = statSync(BUNDLE).size;
  const gzipBytes = gzipSync(readFileSync(BUNDLE)).length;
  log(`  one-file: dist/raft-sheet.mjs ${(bytes / 1024).toFixed(0)} KiB (${(gzipBytes / 1024).toFixed(0)} KiB gzipped)`);

  // First frame, today's entry vs the bundle alone in an empty folder, alternated.
  const empty = tempDir('raft-bench-onefile-');
  copyFileSync(BUNDLE, path.join(empty, 'raft-sheet.mjs'));
  const hub = forkChild('hub-child', { port: 0, key: 'bench-instructor-key', code: 'BNCH', data: `${tempDir('raft-bench-onefile-hub-')}/session`, clusters: 4, seatsPerAddress: 1000 });
  const distMs: number[] = [];
  const bundleMs: number[] = [];
  try {
    const { port } = await hub.wait<{ port: number }>('ready');
    // One unmeasured start of each first: the page cache then holds both, as on a second start.
    await firstFrame(BIN, ROOT, port);
    await firstFrame('raft-sheet.mjs', empty, port);
    for (let i = 0; i < o.runs; i++) {
      distMs.push(await firstFrame(BIN, ROOT, port));
      bundleMs.push(await firstFrame('raft-sheet.mjs', empty, port));
    }
  } finally {
    await stopChild(hub);
  }
  const firstFrameResult = { dist: stats(distMs), bundle: stats(bundleMs), distMs, bundleMs };
  log(`  one-file: first frame median ${firstFrameResult.bundle.p50.toFixed(0)} ms (today's entry ${firstFrameResult.dist.p50.toFixed(0)} ms)`);

  // Delivery p99 with and without a class downloading the file.
  const room = { clusters: 12, processes: 2, measureMs: o.measureMs, client: BUNDLE };
  const without: LoadResult[] = [];
  const withDl: LoadResult[] = [];
  const downloads: OneFileResult['delivery']['downloads'] = [];
  const downloading = async () => {
    let child: ReturnType<typeof forkChild> | null = null;
    const r = await hubLoad({
      ...room,
      during: (port) => ({
        start: async () => {
          child = forkChild('download-child', { url: `http://127.0.0.1:${port}/raft-sheet.mjs`, clients: 100 });
          await child.wait('ready');
          await child.ask('start');
        },
        finish: async () => {
          const f = await child!.ask<{ waves: number; downloads: number; failed: number; waveMs: number[] }>('finish', {}, 120_000);
          downloads.push({ waves: f.waves, downloads: f.downloads, failed: f.failed, waveMs: stats(f.waveMs) });
          await stopChild(child!);
        },
      }),
    });
    withDl.push(r);
    const d = downloads[downloads.length - 1];
    log(`  one-file: 12×8 with downloads: delivery p99 ${r.latency.p99.toFixed(1)} ms; ${d.downloads} downloads in ${d.waves} waves of 100 (wave p50 ${d.waveMs.p50.toFixed(0)} ms), ${d.failed} failed`);
  };
  const plain = async () => {
    const r = await hubLoad(room);
    without.push(r);
    log(`  one-file: 12×8 without downloads: delivery p99 ${r.latency.p99.toFixed(1)} ms`);
  };
  await plain();
  await downloading();
  await downloading();
  await plain();
  return { bytes, gzipBytes, firstFrame: firstFrameResult, delivery: { without, with: withDl, downloads } };
}
