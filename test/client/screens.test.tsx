/**
 * Text captures of the student's screen at the moments the docs show (docs/screens/). They are
 * drawn from real game states (the simulator playing the workshop's games, the real referee and
 * monitor), so they stay true: this test fails when a capture no longer matches the screen.
 * Run with UPDATE_SCREENS=1 to rewrite them after a deliberate change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StudentScreen } from '../../client/student/student-screen.js';
import { initialScreen, type ScreenState, type KeyPress } from '../../client/student/screen-state.js';
import { keys } from '../fixtures/screen-keys.js';
import { makeTheme } from '../../client/theme.js';
import type { Lang } from '../../src/i18n/text.js';
import type { Room, SeatView } from '../../src/game/types.js';
import { simulate } from '../../src/game/simulator.js';
import { seatView } from '../../src/game/views.js';
import { createMonitor, monitorStep } from '../../src/raft/monitor.js';
import { referee } from '../../src/raft/referee.js';
import { newServer, step } from '../../src/raft/step.js';
import type { AppendEntries, RequestVote, ServerState } from '../../src/raft/types.js';
import { CLUSTER8, card, seatView as fixtureView } from '../fixtures/seat-view.js';

const DIR = path.resolve('docs/screens');
const theme = makeTheme({ color: false });

function frame(view: SeatView, screen: ScreenState, width: number, height: number, lang: Lang = 'en'): string {
  const app = render(<StudentScreen view={view} screen={screen} status="online" code="K7Q2" lang={lang} theme={theme} width={width} height={height} />);
  const text = (app.lastFrame() ?? '').replace(/[ \t]+$/gm, '');
  app.unmount();
  return `${text}\n`;
}

function capture(name: string, text: string): void {
  const file = path.join(DIR, name);
  const lines = text.split('\n');
  if (process.env.UPDATE_SCREENS === '1' || !existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, text);
  }
  expect(readFileSync(file, 'utf8'), `${name} is stale: rerun with UPDATE_SCREENS=1`).toBe(text);
  expect(lines.length).toBeGreaterThan(5);
}


/** The room as it stands after each step of the scripted games, seeded: always the same. */
const rooms = new Map<string, Room>();
simulate({ seed: 7, games: [1, 2, 3, 4], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });
const last = (game: number) => [...rooms.entries()].filter(([k]) => k.startsWith(`${game}.`)).at(-1)![1];

describe('screen captures (docs/screens)', () => {
  it('the sheet at 80×24: i2 after game 2', () => {
    const view = seatView(last(2), 'A', 'i2');
    const text = frame(view, initialScreen, 80, 24);
    expect(text).toMatch(/value\s+H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/);
    capture('student-80x24.txt', text);
  });

  it('the sheet at 120×40: i4, leader of t3, after game 4', () => {
    const view = seatView(last(4), 'A', 'i4');
    const text = frame(view, initialScreen, 120, 40);
    expect(text).toContain('♛ Leader');
    expect(text).toMatch(/value\s+H\s+i\s+g\s+h\s+␣\s+v\s+o\s+l\s+t\s+a\s+g\s+e/);
    capture('student-120x40.txt', text);
  });

  it('a card being filled by hand: i1 back online takes i4’s AppendEntries (game 4)', () => {
    // i1 as game 3 left it: HighLoad in t1, 1–4 applied, then offline (restart: commitIndex 0, R1).
    const i1: ServerState = { ...newServer('i1', CLUSTER8), votes: ['i1'], log: [...'HighLoad'].map((value) => ({ term: 1, value })) };
    const ae: AppendEntries = { type: 'AppendEntries', term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, entries: [...' vol'].map((value) => ({ term: 3, value })), leaderCommit: 0 };
    const view = fixtureView(i1, [card('A-90', 'i4', 'i1', ae)], { assist: 'by-hand', prompt: { en: 'i1 is back online: take i4’s card. Terms you missed get —; entries that conflict are overwritten.', ru: '' } });
    // Enter takes the card; the student ticks ✔, goes up to the Terms row and enters t2 — and t3 —.
    const screen = keys(view, [{ kind: 'enter' }, { kind: 'char', char: 'y' }, { kind: 'up' }, { kind: 'up' }, { kind: 'up' }, { kind: 'up' }, { kind: 'right' }, { kind: 'char', char: '-' }, { kind: 'right' }, { kind: 'char', char: '-' }], 'by-hand');
    const text = frame(view, screen, 80, 24);
    expect(text).toContain('AppendEntriesRPC');
    expect(text).toMatch(/t1\s+t2\s+t3/);
    capture('student-card-by-hand.txt', text);
  });

  it('NO_COLOR: the cursor on a filled cell is bracketed (i1 sends AppendEntries to all in game 2)', () => {
    // NO_COLOR drops every style, inverse included: brackets are what shows the cursor.
    const view = seatView(last(2), 'A', 'i1');
    const screen = keys(view, [{ kind: 'char', char: 'a' }, { kind: 'down' }, { kind: 'right' }], 'prefilled');
    const text = frame(view, screen, 80, 24);
    expect(text).toMatch(/i3: term \d+ prev \[\d+\]/);
    capture('student-no-color-cursor.txt', text);
    // On the sheet too: the vote cell of t1 (filled with i1) under the cursor.
    const onVote = keys(view, [{ kind: 'char', char: 'a' }, { kind: 'up' }, { kind: 'up' }, { kind: 'up' }, { kind: 'up' }], 'prefilled');
    const sheet = frame(view, onVote, 80, 24);
    expect(sheet).toMatch(/vote\s+\[i1\]/);
    capture('student-no-color-vote.txt', sheet);
  });

  it('a refused move: i2 refuses i1’s vote in game 1 (guard mode)', () => {
    const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };
    const i2 = newServer('i2', CLUSTER8);
    const view = fixtureView(i2, [card('A-2', 'i1', 'i2', rv)]);
    const open = keys(view, [{ kind: 'enter' }, { kind: 'char', char: ' ' }], 'prefilled');
    const proposed = open.draft!.move;
    const mistakes = referee(i2, { kind: 'receive', from: 'i1', message: rv }, { state: proposed.state, send: proposed.send.map((o) => ({ ...o })) });
    expect(mistakes.length).toBeGreaterThan(0);
    const text = frame(view, { ...open, verdict: { accepted: false, mistakes } }, 80, 24);
    expect(text).toContain('Refused by the referee');
    capture('student-refused.txt', text);
  });

  it('a violation banner: two leaders in term t1 (observe mode)', () => {
    // i1 and i2 both win t1 because i3 voted twice: what the monitor reports (P1).
    let mon = createMonitor();
    const ids = ['i1', 'i2', 'i3'];
    const sheets: Record<string, ServerState> = Object.fromEntries(ids.map((id) => [id, newServer(id, ids)]));
    const violations = [];
    for (const id of ['i1', 'i2']) {
      const before = sheets[id];
      const after = { ...step(before, { kind: 'timeout' }).state, role: 'leader' as const, votesGranted: [], nextIndex: {}, matchIndex: {} };
      sheets[id] = after;
      const r = monitorStep(mon, before, after, sheets);
      mon = r.monitor;
      violations.push(...r.violations);
    }
    expect(violations.map((v) => v.property)).toContain('P1');
    const view = fixtureView(sheets.i2, [], { mode: 'observe', violations, server: 'i2' });
    capture('student-violation.txt', frame(view, initialScreen, 80, 24));
  });

  it('a Russian screen: i8 counting its votes in game 3', () => {
    const view = seatView(last(3), 'A', 'i8');
    const text = frame(view, initialScreen, 80, 24, 'ru');
    expect(text).toContain('Кандидат');
    capture('student-ru.txt', text);
  });
});
