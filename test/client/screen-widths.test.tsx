/**
 * No line wider than its terminal (issue 9, item 3), as string-width measures it: ✋ and CJK
 * take two columns, so a line that counts 80 characters may take 81 columns and wrap.
 * 1. Every committed capture in docs/screens against the size it was made at.
 * 2. The screens those captures come from (the fixtures: simulated games, the recorded session)
 *    drawn again at 80×24, 100×30 and 120×40, including wide glyphs in names and announcements.
 */
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { widthOf } from '../../client/components/text-width.js';
import type { HubConnection } from '../../client/connection.js';
import { ConsoleApp } from '../../client/console/console-app.js';
import { WatchApp, type WatchConnection } from '../../client/projector/watch-app.js';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { guideLines } from '../../client/solo/solo-app.js';
import { initialScreen, reduceKey, type KeyPress, type ScreenState } from '../../client/student/screen-state.js';
import { keys } from '../fixtures/screen-keys.js';
import { StudentScreen } from '../../client/student/student-screen.js';
import { makeTheme } from '../../client/theme.js';
import type { Room, SeatView } from '../../src/game/types.js';
import { simulate } from '../../src/game/simulator.js';
import { instructorView, seatView } from '../../src/game/views.js';
import { referee } from '../../src/raft/referee.js';
import { newServer, step } from '../../src/raft/step.js';
import type { RequestVote } from '../../src/raft/types.js';
import { CLUSTER8, card, seatView as fixtureView } from '../fixtures/seat-view.js';
import { until } from '../fixtures/until.js';
import { fixtureSession } from '../replay/session.js';

const SCREENS = path.resolve('docs/screens');

/**
 * The size each capture is made at: the tmux e2e tests run 80×24 (test/e2e/*.test.ts), the
 * student captures name theirs (test/client/screens.test.tsx), and ink-testing-library draws
 * the projector and replay captures 100 columns wide with the default 24 rows.
 */
const CAPTURE_SIZE: Record<string, { cols: number; rows: number } | 'markdown'> = {
  'console.txt': { cols: 80, rows: 24 },
  'console-cluster.txt': { cols: 80, rows: 24 },
  'console-rewind.txt': { cols: 80, rows: 24 },
  'solo.txt': { cols: 80, rows: 24 },
  'solo-leader.txt': { cols: 80, rows: 24 },
  'solo-prevote.txt': { cols: 80, rows: 24 },
  'solo-snapshot.txt': { cols: 80, rows: 24 },
  'solo-membership.txt': { cols: 80, rows: 24 },
  'student-80x24.txt': { cols: 80, rows: 24 },
  'student-120x40.txt': { cols: 120, rows: 40 },
  'student-card-by-hand.txt': { cols: 80, rows: 24 },
  'student-refused.txt': { cols: 80, rows: 24 },
  'student-violation.txt': { cols: 80, rows: 24 },
  'student-ru.txt': { cols: 80, rows: 24 },
  'student-ascii.txt': { cols: 80, rows: 24 },
  'student-no-color-cursor.txt': { cols: 80, rows: 24 },
  'student-no-color-vote.txt': { cols: 80, rows: 24 },
  'cluster-strip-80x24.txt': { cols: 80, rows: 24 },
  'cluster-strip-100x30.txt': { cols: 100, rows: 30 },
  'recap.txt': { cols: 80, rows: 24 },
  'console-120x40.txt': { cols: 120, rows: 40 },
  'console-160x45.txt': { cols: 160, rows: 45 },
  'projector-one-cluster.txt': { cols: 100, rows: 24 },
  'projector-all-clusters.txt': { cols: 100, rows: 24 },
  'replay.txt': { cols: 100, rows: 24 },
  // Asking the room (issue 14), from test/e2e/ask-the-room.test.ts.
  'student-question.txt': { cols: 80, rows: 24 },
  'projector-question.txt': { cols: 80, rows: 24 },
  // The debrief is a Markdown document (`raft-sheet report`), not a terminal frame.
  'report.txt': 'markdown',
};

/** Lines wider than `cols` columns, with their width. */
function tooWide(text: string, cols: number): string[] {
  return text
    .split('\n')
    .filter((l) => widthOf(l) > cols)
    .map((l) => `${widthOf(l)} > ${cols}: ${l}`);
}

describe('committed captures fit the terminal they were made in', () => {
  const files = readdirSync(SCREENS).filter((f) => f.endsWith('.txt'));

  it('every capture has a known size', () => {
    expect(files.filter((f) => !(f in CAPTURE_SIZE))).toEqual([]);
  });

  for (const file of files) {
    const size = CAPTURE_SIZE[file];
    if (!size || size === 'markdown') continue;
    it(`${file} at ${size.cols}×${size.rows}`, () => {
      const text = readFileSync(path.join(SCREENS, file), 'utf8').replace(/\n$/, '');
      expect(tooWide(text, size.cols)).toEqual([]);
      expect(text.split('\n').length).toBeLessThanOrEqual(size.rows);
    });
  }
});

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/** A terminal of a given size for Ink: what ink-testing-library does, with columns and rows. */
class SizedStdout extends EventEmitter {
  frame = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (s: string) => {
    this.frame = s;
    return true;
  };
}

class Keys extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

function renderAt(tree: ReactElement, cols: number, rows: number) {
  const stdout = new SizedStdout(cols, rows);
  const stdin = new Keys();
  const instance = inkRender(tree, { stdout: stdout as never, stderr: new SizedStdout(cols, rows) as never, stdin: stdin as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  return { frame: () => plain(stdout.frame), keys: (s: string) => stdin.write(s), unmount: () => instance.unmount() };
}

const SIZES = [
  { cols: 80, rows: 24 },
  { cols: 100, rows: 30 },
  { cols: 120, rows: 40 },
];
const theme = makeTheme({ color: false });

const rooms = new Map<string, Room>();
simulate({ seed: 7, games: [1, 2, 3, 4], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });

/** The terminal projector given one room message: cluster A large, then every cluster. */
async function projectorFrames(room: object, cols: number, rows: number): Promise<string[]> {
  const frames: string[] = [];
  for (const focus of ['A', null]) {
    const watch = new EventEmitter() as WatchConnection;
    (watch as { status: string }).status = 'online';
    const app = renderAt(<WatchApp conn={watch} url="ws://192.168.100.200:65535" lang="en" theme={theme} focus={focus} onEnd={() => {}} />, cols, rows);
    await until(() => app.frame().includes('projector'));
    watch.emit('room', room);
    await until(() => app.frame().includes('Cluster A'));
    frames.push(app.frame());
    app.unmount();
  }
  return frames;
}


/** The student's screens: every seat after every step, a draft, a refusal, help, wide glyphs. */
function studentStates(): { view: SeatView; screen: ScreenState; guide?: string[]; lang: 'en' | 'ru' }[] {
  const out: { view: SeatView; screen: ScreenState; guide?: string[]; lang: 'en' | 'ru' }[] = [];
  // The seats with something to do at the end of each game (the captures' moments), one in Russian.
  for (const game of [1, 2, 3, 4]) {
    const room = [...rooms.entries()].filter(([k]) => k.startsWith(`${game}.`)).at(-1)![1];
    for (const id of ['i1', 'i2', 'i4', 'i8']) out.push({ view: seatView(room, 'A', id), screen: initialScreen, lang: id === 'i8' ? 'ru' : 'en' });
  }
  const solo = seatView(rooms.get('2.1')!, 'A', 'i1');
  out.push({ view: solo, screen: initialScreen, guide: guideLines('en', solo, null), lang: 'en' });
  const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };
  const i2 = newServer('i2', CLUSTER8);
  const wide = fixtureView(i2, [card('A-2', 'i1', 'i2', rv)], {
    seat: { kind: 'student', name: '✋✋ 学生 Ada ✋✋' },
    prompt: { en: `✋ ${'Take the card ✋ and vote; '.repeat(5)}`, ru: `✋ ${'Возьми карточку ✋ и проголосуй; '.repeat(5)}` },
    announcements: [{ en: `📣 ${'休憩 — back at 10:40 ✋ '.repeat(4)}`, ru: `📣 ${'перерыв ✋ '.repeat(8)}` }],
  });
  const open = keys(wide, [{ kind: 'enter' }, { kind: 'char', char: ' ' }]);
  const mistakes = referee(i2, { kind: 'receive', from: 'i1', message: rv }, open.draft!.move);
  for (const lang of ['en', 'ru'] as const) {
    out.push({ view: wide, screen: initialScreen, lang });
    out.push({ view: wide, screen: open, lang });
    out.push({ view: wide, screen: { ...open, verdict: { accepted: false, mistakes } }, lang });
    out.push({ view: wide, screen: { ...open, overlay: 'help' }, lang });
  }
  return out;
}

describe('game 7: nine servers on every terminal screen', () => {
  const end = simulate({ seed: 7, games: [7], config: { size: 9 } }).room;
  for (const { cols, rows } of SIZES) {
    it(`the console (seats and cluster), the projector and each seat with the cluster strip fit ${cols}×${rows}`, async () => {
      const frames: string[] = [];
      const room = { type: 'room', version: 1, view: instructorView(end), presence: {} };
      const conn = Object.assign(new EventEmitter(), { status: 'online', sendCommand: () => 1 });
      const banner = { code: 'K7Q2', join: ['raft-sheet join ws://192.168.100.200:65535 --code K7Q2'], key: 'KEY', dir: '/home/instructor/raft-sheet/sessions/2026-11-30T10-00-00' };
      const console_ = renderAt(<ConsoleApp conn={conn as unknown as HubConnection} banner={banner} lang="en" theme={theme} onQuit={() => {}} />, cols, rows);
      await until(() => console_.frame().includes('K7Q2'));
      conn.emit('room', room);
      await until(() => console_.frame().includes('seats'));
      frames.push(console_.frame());
      console_.keys('\r');
      await until(() => console_.frame().includes('Cluster A'));
      const cluster = console_.frame();
      expect(cluster).toContain('i9');
      frames.push(cluster);
      console_.unmount();
      frames.push(...(await projectorFrames({ ...room, code: 'K7Q2' }, cols, rows)));
      for (const id of ['i1', 'i5', 'i9']) {
        const view = seatView(end, 'A', id);
        for (const screen of [initialScreen, keys(view, [{ kind: 'char', char: 'c' }])]) {
          const app = renderAt(<StudentScreen view={view} screen={screen} status="online" code="K7Q2" lang="en" theme={theme} width={cols} height={rows} />, cols, rows);
          frames.push(app.frame());
          app.unmount();
        }
      }
      expect(frames.flatMap((f) => tooWide(f, cols))).toEqual([]);
      frames.forEach((f, k) => expect(f.replace(/\n+$/, "").split("\n").length, `frame ${k}:\n${f}`).toBeLessThanOrEqual(rows));
    });
  }
});

describe('the student header is one row', () => {
  it('a candidate (✋) drafting while offline, at 80 columns, in English and Russian', () => {
    const s = step(newServer('i8', CLUSTER8), { kind: 'timeout' }).state;
    const view = fixtureView(s, [], { online: false });
    const screen = reduceKey(initialScreen, { kind: 'char', char: 't' }, { ...view, online: true }, 'prefilled').state;
    expect(screen.draft).not.toBeNull();
    for (const lang of ['en', 'ru'] as const) {
      for (const status of ['online', 'reconnecting'] as const) {
        const app = renderAt(<StudentScreen view={view} screen={screen} status={status} code="K7Q2" lang={lang} theme={theme} width={80} height={24} />, 80, 24);
        const lines = app.frame().split('\n');
        app.unmount();
        expect(lines[0]).toMatch(/^raft-sheet · A · i8 · ✋/);
        expect(lines[0]).toMatch(/code K7Q2 · ○/);
        expect(widthOf(lines[0])).toBeLessThanOrEqual(80);
        expect(lines[1]).toMatch(/^(Terms|Термы)/);
      }
    }
  });
});

describe('the fixtures drawn at 80×24, 100×30 and 120×40 fit', () => {
  for (const { cols, rows } of SIZES) {
    it(`the student and solo screens at ${cols}×${rows}`, () => {
      const wide: string[] = [];
      for (const s of studentStates()) {
        const app = renderAt(<StudentScreen view={s.view} screen={s.screen} status="online" code="K7Q2" lang={s.lang} theme={theme} width={cols} height={rows} guide={s.guide} />, cols, rows);
        wide.push(...tooWide(app.frame(), cols));
        app.unmount();
      }
      expect(wide).toEqual([]);
    });
  }

  const { info, records } = fixtureSession();
  const timeline = new ReplayTimeline(info.config, records);

  for (const { cols, rows } of SIZES) {
    it(`the console, projector and replay at ${cols}×${rows}`, async () => {
      const frames: string[] = [];
      const conn = Object.assign(new EventEmitter(), { status: 'online', sendCommand: () => 1 });
      const banner = { code: 'K7Q2', join: ['raft-sheet join ws://192.168.100.200:65535 --code K7Q2', 'raft-sheet join ws://10.0.0.2:65535 --code K7Q2'], key: 'KEY', dir: '/home/instructor/raft-sheet/sessions/2026-11-30T10-00-00' };
      const console_ = renderAt(<ConsoleApp conn={conn as unknown as HubConnection} banner={banner} lang="en" theme={theme} onQuit={() => {}} />, cols, rows);
      await until(() => console_.frame().includes('K7Q2'));
      conn.emit('room', { type: 'room', version: records.length, view: instructorView(timeline.roomAt(records.length)), presence: {} });
      await until(() => console_.frame().includes('seats'));
      frames.push(console_.frame());
      console_.keys('\r');
      await until(() => console_.frame().includes('Cluster A'));
      frames.push(console_.frame());
      console_.unmount();
      frames.push(...(await projectorFrames({ type: 'room', version: records.length, view: instructorView(timeline.roomAt(records.length)), presence: {}, code: 'K7Q2' }, cols, rows)));
      const replay = renderAt(<ReplayApp timeline={timeline} title="workshop" lang="ru" theme={theme} focus="B" start={records.length} />, cols, rows);
      await until(() => replay.frame().includes('B'));
      frames.push(replay.frame());
      replay.unmount();
      expect(frames.flatMap((f) => tooWide(f, cols))).toEqual([]);
    });
  }
});
