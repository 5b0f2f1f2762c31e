/**
 * The cluster strip and the recap, drawn from real game states (the simulator plays the
 * workshop's games with the real referee): what a student sees of the other servers, at 80×24
 * with `c` and beside the cards from 100 columns, and the recap after a game. Writes the
 * captures docs/screens/cluster-strip-*.txt and recap.txt (UPDATE_SCREENS=1 after a change).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ClusterStrip, glanceLine } from '../../client/components/cluster-strip.js';
import { emptyRecapMemo, recapOf, recapStep } from '../../client/student/recap.js';
import { RecapScreen, recapLines } from '../../client/student/recap-screen.js';
import { initialScreen, reduceKey, type ScreenState } from '../../client/student/screen-state.js';
import { StudentScreen } from '../../client/student/student-screen.js';
import { makeTheme } from '../../client/theme.js';
import { simulate } from '../../src/game/simulator.js';
import type { Room, SeatView } from '../../src/game/types.js';
import { seatView } from '../../src/game/views.js';
import type { Mistake } from '../../src/raft/referee.js';

const DIR = path.resolve('docs/screens');
const theme = makeTheme({ color: false });
const rooms = new Map<string, Room>();
simulate({ seed: 7, games: [1, 2, 3, 4], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });
const view = (key: string, server: string) => seatView(rooms.get(key)!, 'A', server);

function capture(name: string, text: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_SCREENS === '1' || !existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, text);
  }
  expect(readFileSync(file, 'utf8'), `${name} is stale: rerun with UPDATE_SCREENS=1`).toBe(text);
}

function frame(node: React.ReactElement): string {
  const app = render(node);
  const text = (app.lastFrame() ?? '').replace(/[ \t]+$/gm, '');
  app.unmount();
  return `${text}\n`;
}

const screenFrame = (v: SeatView, s: ScreenState, width: number, height: number) =>
  frame(<StudentScreen view={v} screen={s} status="online" code="K7Q2" lang="en" theme={theme} width={width} height={height} />);

describe('the cluster strip', () => {
  it('one line per server: role, term·vote, the log tail, applied/committed counts, cards to it', () => {
    const g = view('4.4', 'i4').glance!;
    const i4 = glanceLine(g.find((s) => s.id === 'i4')!, 'i4', 60, theme);
    expect(i4.head).toMatch(/^▸i4♛ t3·i4 /);
    expect(i4.cells.map((c) => c.text).join('')).toBe('High␣voltage');
    expect(i4.cells[0].state).toBe('persisted'); // i4 never learnt that 1–4 were committed (game 2's lost card)
    const i1 = glanceLine(g.find((s) => s.id === 'i1')!, 'i4', 60, theme);
    expect(i1.head).toMatch(/^ i1  t1·i1 /);
    expect(i1.cells.map((c) => c.text).join('')).toBe('HighLoad');
    // i1 restarted: its ✔ on 1–4 are gone, and the strip says so (↻) and shows the card on its way.
    expect(i1.tail).toMatch(/✔0●0 ↻ ✉1 AEi4/);
    const i2 = glanceLine(g.find((s) => s.id === 'i2')!, 'i4', 60, theme);
    expect(i2.cells.slice(0, 4).every((c) => c.state === 'applied')).toBe(true);
  });

  it('a narrow strip keeps the newest entries and marks the cut with …', () => {
    const i4 = view('4.6', 'i4').glance!.find((s) => s.id === 'i4')!;
    const line = glanceLine(i4, 'i4', 20, theme);
    expect(line.head.endsWith('…')).toBe(true);
    expect(line.cells.map((c) => c.text).join('')).toMatch(/age$/);
  });

  it('c at 80×24 shows every server in place of the sheet (game 4: the overwrite in sight of i4); c again goes back', () => {
    const v = view('4.5', 'i4');
    const open = reduceKey(initialScreen, { kind: 'char', char: 'c' }, v, 'prefilled').state;
    expect(open.overlay).toBe('cluster');
    const text = screenFrame(v, open, 80, 24);
    for (const id of ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8']) expect(text).toMatch(new RegExp(`^.${id}`, 'm'));
    expect(text).toMatch(/i1\s+t3·—\s+High␣vol/);
    expect(text.split('\n').length).toBeLessThanOrEqual(24);
    capture('cluster-strip-80x24.txt', text);
    expect(reduceKey(open, { kind: 'char', char: 'c' }, v, 'prefilled').state.overlay).toBe('none');
  });

  it('from 100 columns it stands beside the cards, and not at 80', () => {
    const v = view('4.5', 'i4');
    const wide = screenFrame(v, initialScreen, 100, 30);
    expect(wide).toMatch(/Cluster · t3 · ♛ i4\n/);
    expect(wide).toMatch(/i8\s+t3·i4/);
    capture('cluster-strip-100x30.txt', wide);
    expect(screenFrame(v, initialScreen, 80, 24)).not.toMatch(/Cluster · t3/);
  });

  it('under --ascii every symbol has a plain stand-in', () => {
    const ascii = makeTheme({ ascii: true, color: false });
    const text = frame(<ClusterStrip glance={view('4.4', 'i4').glance!} me="i4" width={60} lang="en" theme={ascii} />);
    expect(text).toMatch(/^>i4L t3\|i4  High_voltage/m);
    expect(text).toMatch(/^ i1  t1\|i1  HighLoad +\+0\*0 \(r\) @1 AEi4/m);
    expect(text).not.toMatch(/[^\x20-\x7e\n]/);
  });

  it('draws without a seat view glance as nothing at all (a hub before the strip)', () => {
    const v = { ...view('1.1', 'i1'), glance: undefined };
    expect(reduceKey(initialScreen, { kind: 'char', char: 'c' }, v, 'prefilled').state.overlay).toBe('none');
    expect(frame(<ClusterStrip glance={[]} me="i1" width={40} lang="en" theme={theme} />)).toMatch(/no leader/);
  });
});

describe('the recap after a game', () => {
  it('is due once, when the last step of a game the player was seen playing is done', () => {
    let memo = emptyRecapMemo;
    const dues: number[] = [];
    for (const key of ['1.1', '1.2', '1.3', '2.1', '2.5', '2.5', '3.1', '3.4', '4.1', '4.6']) {
      const r = recapStep(memo, view(key, 'i1'));
      memo = r.memo;
      if (r.due) dues.push(r.due.game);
    }
    expect(dues).toEqual([1, 2, 3, 4]);
    // A late joiner, arriving when game 2 is already over, gets no recap of a game it missed.
    expect(recapStep(emptyRecapMemo, view('2.5', 'i5')).due).toBeNull();
  });

  it('says what happened, the rules played and only the mistakes made during this game', () => {
    const v = view('3.4', 'i8');
    const old: Mistake = { rule: 'R9', field: 'votedFor', expected: 'i1', given: null, explain: { en: 'an old one', ru: 'старая' } };
    const now: Mistake = { rule: 'R8', field: 'currentTerm', expected: 2, given: 1, explain: { en: 'A new election needs a new term.', ru: 'Новые выборы — новый терм.' } };
    const r = recapOf({ ...v, mistakes: [old, now] }, 1);
    expect(r).toMatchObject({ game: 3, leader: null, term: 2, mistakes: [now] });
    const text = recapLines(r, 'en', theme, 80, 24).map((l) => l.text).join('\n');
    expect(text).toMatch(/Game 3 — a term without a leader: recap/);
    expect(text).toMatch(/no leader \(highest term t2\)/);
    expect(text).toMatch(/R10 /);
    expect(r.rules).toEqual(['R4', 'R8', 'R9', 'R10', 'R11']); // R8 already among them: listed once
    expect(text).toMatch(/Your mistakes \(1\)\n  ✗ R8 · A new election needs a new term\./);
  });

  it('after game 4: the leader, the log the cluster agreed on, a clean record (capture)', () => {
    const r = recapOf(view('4.6', 'i4'));
    const text = frame(<RecapScreen recap={r} lang="en" theme={theme} width={80} height={24} />);
    expect(text).toMatch(/leader i4 of term t3 · the log: High␣voltage \(committed to 8\)/);
    expect(text).toMatch(/none: every move you made was right/);
    // At most rows − 1 tall (a full-height frame scrolls the terminal by a row on every redraw).
    expect(text.split('\n').length).toBeLessThanOrEqual(23);
    capture('recap.txt', text);
  });

  it('every game\'s recap, with many mistakes, is at most rows − 1 tall at 80×24 and 100×30 (a full-height frame scrolls the terminal on redraw)', () => {
    const m: Mistake = { rule: 'R9', field: 'votedFor', expected: 'i1', given: null, explain: { en: 'x', ru: 'x' } };
    for (const [key, seat] of [['1.3', 'i1'], ['2.5', 'i1'], ['3.4', 'i8'], ['4.6', 'i4']] as const) {
      for (const [w, h] of [[80, 24], [100, 30]]) {
        for (const mistakes of [[], Array.from({ length: 40 }, () => m)]) {
          const r = { ...recapOf(view(key, seat)), mistakes };
          const rows = frame(<RecapScreen recap={r} lang="en" theme={theme} width={w} height={h} />).replace(/\n$/, '').split('\n').length;
          expect(rows, `game ${key} at ${w}×${h} with ${mistakes.length} mistakes`).toBeLessThanOrEqual(h - 1);
        }
      }
    }
  });

  it('fits 24 rows with many mistakes: the newest stay, the rest are counted', () => {
    const m: Mistake = { rule: 'R9', field: 'votedFor', expected: 'i1', given: null, explain: { en: 'x', ru: 'x' } };
    const r = { ...recapOf(view('1.3', 'i1')), mistakes: Array.from({ length: 40 }, () => m) };
    const lines = recapLines(r, 'ru', theme, 80, 24);
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.some((l) => /… \+\d+/.test(l.text))).toBe(true);
  });
});

describe('a restart on the sheet (game 4: i1 back online)', () => {
  it('says why ✔ turned into ○: volatile commitIndex and lastApplied, and what brings them back', () => {
    const v = view('4.4', 'i1');
    const text = screenFrame(v, initialScreen, 80, 24);
    expect(v.sheet.lastApplied).toBe(0);
    expect(text.replace(/\s+/g, ' ')).toMatch(/↻ You restarted: commitIndex and lastApplied are volatile \(R1\) and dropped from 4\/4 to 0, so ✔ became ○; your log and terms are kept\. The leader's AppendEntries with its leaderCommit brings them back \(R19, R23\)\./);
    expect(text.split('\n').length).toBeLessThanOrEqual(24);
    // The others who never restarted (or lost nothing) get no such line.
    expect(screenFrame(view('4.4', 'i2'), initialScreen, 80, 24)).not.toMatch(/You restarted/);
  });
});
