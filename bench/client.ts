/**
 * The student client as a person runs it: `node dist/bin/raft-sheet.js join …` in a real
 * pseudo-terminal (util-linux `script`, 80×24), against a hub child with nobody else playing.
 * - start-up: spawn → the first output, and → the first frame that shows the sheet ("Terms");
 * - keypress → frame: `?` toggles the rules panel; the time from writing the key into the pty
 *   to the first output byte that answers it;
 * - idle: CPU of the client process (from /proc) and bytes it draws over an idle window while
 *   connected (no repaint without a change: both should be ~0); peak RSS (VmHWM);
 * - render cost: Ink's `renderToString` of the student screen for a changed view, against
 *   writing the same text straight to a file descriptor (/dev/null).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'ink';
import { StudentScreen } from '../client/student/student-screen.js';
import { initialScreen } from '../client/student/screen-state.js';
import { makeTheme } from '../client/theme.js';
import type { SeatView } from '../src/game/types.js';
import { BIN, forkChild, sleep, stats, stopChild, tempDir, until, type Stats } from './lib.js';
import { LoadBot, newMetrics } from './load-bot.js';

export interface ClientResult {
  startFirstOutputMs: number;
  startSheetMs: number;
  keyToFrame: Stats;
  idleSeconds: number;
  idleCpuPct: number;
  idleBytes: number;
  peakRssMiB: number;
  renderMs: Stats;
  directWriteMs: Stats;
  frameBytes: number;
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

function procCpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

function nodeChildOf(pid: number): number | null {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids[0] ?? null;
  } catch {
    return null;
  }
}

export async function clientBench(o: { idleMs: number; keys: number; log?: (l: string) => void }): Promise<ClientResult> {
  const log = o.log ?? (() => {});
  const hub = forkChild('hub-child', { port: 0, key: 'bench-instructor-key', code: 'BNCH', data: `${tempDir('raft-bench-client-')}/session`, clusters: 1 });
  try {
    const { port } = await hub.wait<{ port: number }>('ready');
    const home = tempDir('raft-bench-home-');
    const t0 = performance.now();
    const term = spawn('script', ['-qfec', `stty cols 80 rows 24; exec env CI=false TERM=xterm-256color RAFT_SHEET_HOME=${home} ${process.execPath} ${BIN} join ws://127.0.0.1:${port} --code BNCH`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let screen = '';
    let bytes = 0;
    let firstOutput = NaN;
    let sheetAt = NaN;
    let lastChunkAt = 0;
    term.stdout.on('data', (d: Buffer) => {
      const now = performance.now();
      lastChunkAt = now;
      bytes += d.length;
      if (Number.isNaN(firstOutput)) firstOutput = now - t0;
      screen = (screen + d.toString()).slice(-20_000);
      if (Number.isNaN(sheetAt) && strip(screen).includes('Terms')) sheetAt = now - t0;
    });
    try {
      await until(() => !Number.isNaN(sheetAt), 20_000, 'the sheet on screen');
      await sleep(500);
      const pid = nodeChildOf(term.pid!);
      // Keypress → frame: `?` opens and closes the rules panel.
      const lat: number[] = [];
      for (let i = 0; i < o.keys; i++) {
        const before = bytes;
        const sent = performance.now();
        term.stdin.write('?');
        await until(() => bytes > before, 5000, 'a frame after a key', 1);
        lat.push(lastChunkAt - sent);
        await sleep(100);
      }
      log(`  client: start ${sheetAt.toFixed(0)} ms to the sheet; key → frame p50 ${stats(lat).p50.toFixed(1)} ms`);
      // Idle: connected, nothing happens.
      await sleep(500);
      const b0 = bytes;
      const c0 = pid ? procCpuTicks(pid) : 0;
      const i0 = performance.now();
      await sleep(o.idleMs);
      const idleSeconds = (performance.now() - i0) / 1000;
      const ticks = pid ? procCpuTicks(pid) - c0 : NaN;
      const hwm = pid ? Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) : NaN;
      const render = await renderCost(port);
      return {
        startFirstOutputMs: firstOutput,
        startSheetMs: sheetAt,
        keyToFrame: stats(lat),
        idleSeconds,
        idleCpuPct: ((ticks / 100) / idleSeconds) * 100,
        idleBytes: bytes - b0,
        peakRssMiB: hwm / 1024,
        ...render,
      };
    } finally {
      term.kill('SIGTERM');
      const pid = nodeChildOf(term.pid!);
      if (pid) process.kill(pid, 'SIGTERM');
    }
  } finally {
    await stopChild(hub);
  }
}

/** Two real views of a seat (bots play a moment in cluster A), rendered alternately. */
async function renderCost(port: number): Promise<Pick<ClientResult, 'renderMs' | 'directWriteMs' | 'frameBytes'>> {
  const metrics = newMetrics();
  const views: SeatView[] = [];
  const bots = Array.from({ length: 7 }, () => new LoadBot({ url: `ws://127.0.0.1:${port}/`, key: 'bench-instructor-key', cluster: 'A', loop: false, metrics: () => metrics }).start());
  try {
    await until(() => bots.every((b) => b.view !== null), 10_000, 'bot views');
    views.push(bots[0].view!, bots[1].view!);
  } finally {
    bots.forEach((b) => b.stop());
  }
  const theme = makeTheme({ ascii: false, color: true });
  const frame = (v: SeatView) => renderToString(createElement(StudentScreen, { view: v, screen: initialScreen, status: 'online', code: 'BNCH', lang: 'en', theme, width: 80, height: 24 }), { columns: 80 });
  for (let i = 0; i < 20; i++) frame(views[i % 2]); // warm up the JIT
  const render: number[] = [];
  const direct: number[] = [];
  const fd = openSync('/dev/null', 'w');
  let text = '';
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    text = frame(views[i % 2]);
    render.push(performance.now() - t);
    const w = performance.now();
    writeSync(fd, text);
    direct.push(performance.now() - w);
  }
  closeSync(fd);
  return { renderMs: stats(render), directWriteMs: stats(direct), frameBytes: Buffer.byteLength(text) };
}
