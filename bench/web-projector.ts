/**
 * The web projector under load (issue 13): a room of 12 clusters × 8 bot seats at full pace
 * (hub-load.ts's workload), measured three times in one run: no page, five projector pages open
 * in Debian's Chromium, no page again. Reported: the hub's delivery p99 in each window (the pages
 * are five more instructor connections that receive every room view), and, on the pages, the
 * time each frame's drawing takes (frame(): coalesced views → SVG) and the interval between
 * animation frames (drawing, layout and paint together: what the room sees as smoothness).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { clusterNames, instructor, KEY, measure, result, slots, type LoadResult } from './hub-load.js';
import { forkChild, killChild, sleep, stats, stopChild, tempDir, until, type Child, type Stats } from './lib.js';

export interface WebProjectorResult {
  clusters: number;
  pages: number;
  none: LoadResult;
  withPages: LoadResult;
  noneAfter: LoadResult;
  /** ms of drawing per frame, all pages together. */
  drawMs: Stats;
  /** ms between animation frames on the pages (rAF to rAF). */
  frameIntervalMs: Stats;
  /** Room views received and frames drawn per second, per page (coalescing: frames ≤ 60/s). */
  viewsPerSec: number;
  framesPerSec: number;
  /** CPU the browser's processes used over the window with pages, in ms per second (all pages) and per frame drawn. */
  browserCpuMsPerSec: number;
  browserCpuMsPerFrame: number;
  /**
   * Where the pages' main threads spent their time (Chrome's Performance domain), ms per second
   * per page: script, style, layout, and every task together (the rest of the browser's CPU is
   * painting, rasterising and compositing on other threads, and the network).
   */
  mainThread: { scriptMs: number; styleMs: number; layoutMs: number; taskMs: number };
  /** The largest room view a page received in the window, in bytes of JSON. */
  viewBytes: number;
  /** The machine's 1-minute load average at the start and the end (two cores shared with others). */
  load: [number, number];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What the benchmark reads and sets on the projector page inside page.evaluate: the page's own
 * counters (client/web/main.ts sets window.__projector), the rAF intervals this file collects, and
 * the browser's requestAnimationFrame, which Node's types (no DOM lib here) do not declare.
 */
declare global {
  var __projector: { status: string; frames: number; views: number; frameMs: number[]; largestView?: number };
  var __intervals: number[];
  function requestAnimationFrame(tick: (t: number) => void): number;
}

interface PageStats {
  frames: number;
  views: number;
  frameMs: number[];
  intervals: number[];
}

type Metrics = () => Promise<Record<string, number>>;

/** Chrome's own counters of a page's main thread (seconds, cumulative from `Performance.enable`). */
async function metrics(page: Page): Promise<Metrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const got = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(got.metrics.map((m) => [m.name, m.value]));
  };
}

/** CPU time (ms) of this process's Chromium descendants, from /proc (Linux; 0 elsewhere). */
function browserCpuMs(): number {
  const root = process.pid;
  try {
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    const parent = new Map<number, number>();
    const cpu = new Map<number, number>();
    for (const d of procs) {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(d), Number(f[1]));
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('chrom')) cpu.set(Number(d), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
      } catch {
        /* gone meanwhile */
      }
    }
    let total = 0;
    for (const [pid, ms] of cpu) {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
        if (p === root) {
          total += ms;
          break;
        }
      }
    }
    return total;
  } catch {
    return 0;
  }
}

async function openPage(browser: Browser, port: number, clusters: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`http://127.0.0.1:${port}/projector#key=${KEY}`);
  // Polled from here (not by the page's animation frames, which a busy page delays).
  const state = () =>
    Promise.all([page.evaluate(() => globalThis.__projector.status), page.locator('svg.cluster').count()]).then(([status, clusters]) => ({ status, clusters }));
  await until(async () => {
    const s = await state();
    return s.status === 'online' && s.clusters === clusters;
  }, 120_000, `${clusters} clusters on the page`, 500);
  return page;
}

/** Starts counting on the page: its own frames and views from zero, and rAF intervals. */
async function reset(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis;
    g.__projector.frames = 0;
    g.__projector.views = 0;
    g.__projector.frameMs.length = 0;
    g.__intervals = [];
    let last = -1;
    const tick = (t: number) => {
      if (last >= 0) g.__intervals.push(t - last);
      last = t;
      g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
  });
}

async function collect(page: Page): Promise<PageStats> {
  return page.evaluate(() => {
    const g = globalThis;
    return { frames: g.__projector.frames, views: g.__projector.views, frameMs: [...g.__projector.frameMs], intervals: [...g.__intervals] };
  });
}

export async function webProjectorBench(o: { clusters: number; processes: number; pages: number; measureMs: number; log?: (line: string) => void }): Promise<WebProjectorResult> {
  const log = o.log ?? (() => {});
  const names = clusterNames(o.clusters);
  const loadBefore = loadavg()[0]!;
  const hub = forkChild('hub-child', {
    port: 0,
    key: KEY,
    code: 'BNCH',
    data: `${tempDir('raft-bench-web-')}/session`,
    clusters: o.clusters,
    size: 8,
    room: { election: 'timers', electionTimeoutMs: [1500, 3000] },
    rate: { capacity: 100_000, perSecond: 100_000 },
  });
  const loads: Child[] = [];
  let browser: Browser | null = null;
  try {
    const { port } = await hub.wait<{ port: number }>('ready');
    await instructor(port, { type: 'script', action: 'start', game: 0 });
    for (const part of slots(names, 8, o.processes)) loads.push(forkChild('load-child', { mode: 'hub', url: `ws://127.0.0.1:${port}/`, key: KEY, clusters: part, size: 8, loop: true }));
    await Promise.all(loads.map((l) => l.wait('ready')));
    const connections = names.length * 8;
    const status = async () => (await Promise.all(loads.map((l) => l.ask<{ connected: number; leaders: number }>('status')))).reduce((a, s) => ({ connected: a.connected + s.connected, leaders: a.leaders + s.leaders }), { connected: 0, leaders: 0 });
    await until(async () => (await status()).connected === connections, 120_000, `${connections} bots seated`, 250);
    await until(async () => (await status()).leaders >= o.clusters, 90_000, 'a leader in every cluster', 250).catch(() => log('  (not every cluster elected a leader in 90 s; measuring anyway)'));
    await sleep(1000);

    log(`  web ${o.clusters}×8: no page`);
    const none = result('hub', o.clusters, connections, await measure(hub, loads, o.measureMs));

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Pages in background tabs must keep drawing as a projector's would.
      args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
    });
    const pages: Page[] = [];
    for (let i = 0; i < o.pages; i++) pages.push(await openPage(browser, port, o.clusters));
    await sleep(1000);
    log(`  web ${o.clusters}×8: ${o.pages} pages open`);
    await Promise.all(pages.map(reset));
    const counters = await Promise.all(pages.map(metrics));
    const m0 = await Promise.all(counters.map((c) => c()));
    const cpu0 = browserCpuMs();
    const t0 = performance.now();
    // WEB_TRACE=file: a Chrome trace of the first page over the window (where its time goes).
    const trace = process.env.WEB_TRACE;
    if (trace) await browser.startTracing(pages[0], { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'viz', 'gpu', 'toplevel'] });
    const withPages = result('hub', o.clusters, connections, await measure(hub, loads, o.measureMs));
    if (trace) await browser.stopTracing();
    const seconds = (performance.now() - t0) / 1000;
    const browserCpu = browserCpuMs() - cpu0;
    const m1 = await Promise.all(counters.map((c) => c()));
    const got = await Promise.all(pages.map(collect));
    const perPageSec = (name: string) => (m1.reduce((a, m, i) => a + (m[name] ?? 0) - (m0[i]![name] ?? 0), 0) * 1000) / o.pages / seconds;
    const viewBytes = await pages[0]!.evaluate(() => globalThis.__projector.largestView ?? 0);
    await browser.close();
    browser = null;
    await sleep(1000);

    log(`  web ${o.clusters}×8: pages closed`);
    const noneAfter = result('hub', o.clusters, connections, await measure(hub, loads, o.measureMs));
    return {
      clusters: o.clusters,
      pages: o.pages,
      none,
      withPages,
      noneAfter,
      drawMs: stats(got.flatMap((g) => g.frameMs)),
      frameIntervalMs: stats(got.flatMap((g) => g.intervals)),
      viewsPerSec: got.reduce((n, g) => n + g.views, 0) / o.pages / seconds,
      framesPerSec: got.reduce((n, g) => n + g.frames, 0) / o.pages / seconds,
      browserCpuMsPerSec: browserCpu / seconds,
      browserCpuMsPerFrame: browserCpu / Math.max(1, got.reduce((n, g) => n + g.frames, 0)),
      mainThread: { scriptMs: perPageSec('ScriptDuration'), styleMs: perPageSec('RecalcStyleDuration'), layoutMs: perPageSec('LayoutDuration'), taskMs: perPageSec('TaskDuration') },
      viewBytes,
      load: [loadBefore, loadavg()[0]!],
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all(loads.map((l) => stopChild(l, 2000)));
    await stopChild(hub, 10_000);
    await killChild(hub);
  }
}
