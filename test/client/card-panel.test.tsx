/**
 * The card panel (client/components/card-panel.tsx): cards kept or cut whole with `+N`, a
 * draft scrolled to the cursor's line with its card's title pinned, and on the student's screen:
 * every addressee of an AppendEntries draft reachable, `?` naming only the cell in sight.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fitPanel, type PanelBlock } from '../../client/components/card-panel.js';
import { initialScreen, reduceKey, type KeyPress, type ScreenState } from '../../client/student/screen-state.js';
import { newServer } from '../../src/raft/step.js';
import type { ServerState } from '../../src/raft/types.js';
import { CLUSTER8, seatView } from '../fixtures/seat-view.js';
import { closeAll, lay } from './render-at.js';

afterAll(closeAll);

const block = (key: string, lines: number, opts: { title?: boolean; focus?: number } = {}): PanelBlock => ({
  key,
  name: key,
  ...(opts.title === false ? {} : { title: { key: 't', node: key } }),
  lines: Array.from({ length: lines }, (_, i) => ({ key: String(i), node: `${key}${i}`, focus: opts.focus === i })),
});

describe('fitting cards into rows', () => {
  it('keeps everything when it fits', () => {
    const fit = fitPanel([block('a', 2), block('b', 3)], 7);
    expect(fit.parts.map((p) => [p.block, p.title, p.from, p.to])).toEqual([[0, true, 0, 2], [1, true, 0, 3]]);
    expect(fit.hidden).toEqual([]);
  });

  it('without a cursor, leaves out whole cards and counts them', () => {
    const fit = fitPanel([block('a', 2), block('b', 3), block('c', 1)], 6);
    expect(fit.parts.map((p) => p.block)).toEqual([0]); // a (3 rows) + b (4 rows) > 5 rows left for cards
    expect(fit.hidden).toEqual([1, 2]);
  });

  it('a card taller than the panel shows its title and first lines, and counts the rest', () => {
    const fit = fitPanel([block('a', 9)], 5);
    expect(fit.parts).toEqual([{ block: 0, title: true, from: 0, to: 3 }]);
    expect(fit.below).toBe(6);
  });

  it('with a cursor, scrolls to its line and pins the card’s title above it', () => {
    const blocks = [block('src', 2), block('sheet', 1, { title: false }), block('ae', 7, { focus: 6 })];
    const rows = 6;
    const fit = fitPanel(blocks, rows);
    const shown = fit.parts.flatMap((p) => [...(p.title ? [`${blocks[p.block].key}:title`] : []), ...blocks[p.block].lines.slice(p.from, p.to).map((l) => String(l.node))]);
    expect(shown).toContain('ae6');
    expect(shown[0]).toBe('ae:title');
    const used = shown.length + (fit.above > 0 ? 1 : 0) + (fit.below > 0 ? 1 : 0);
    expect(used).toBeLessThanOrEqual(rows);
    // Nothing is lost: what is shown and what is counted above and below add up to every line.
    const all = blocks.reduce((n, b) => n + b.lines.length + (b.title ? 1 : 0), 0);
    expect(shown.length + fit.above + fit.below).toBe(all);
  });
});

const highLoad = [...'HighLoad'].map((value) => ({ term: 1, value }));
const leader = (): ServerState => ({
  ...newServer('i1', CLUSTER8),
  role: 'leader',
  votes: ['i1'],
  log: highLoad,
  commitIndex: 4,
  lastApplied: 4,
  nextIndex: Object.fromEntries(CLUSTER8.slice(1).map((p) => [p, 5])),
  matchIndex: {},
});

function press(s: ScreenState, view: ReturnType<typeof seatView>, ...keys: KeyPress[]): ScreenState {
  for (const k of keys) s = reduceKey(s, k, view, 'prefilled').state;
  return s;
}

describe('the AppendEntries draft on the student screen at 80×24', () => {
  // A long prompt leaves the card panel few rows: seven addressees do not fit at once.
  const long = 'Send the entries to every follower: each card starts at that follower’s nextIndex, and the term on it is yours. '.repeat(2);
  const view = seatView(leader(), [], { prompt: { en: long, ru: long } });

  it('reaches every addressee: the cursor’s line is always drawn, with the card’s title and its term', () => {
    let s = press(initialScreen, view, { kind: 'char', char: 'a' });
    const seen = new Set<string>();
    for (let i = 0; i < 20 && seen.size < 7; i++) {
      const { frame, problems } = lay(view, s, 80, 24);
      expect(problems).toEqual([]);
      const cursorLine = frame.split('\n').find((l) => /i\d: .*\[\d+\]/.test(l)); // [Load] is the entries
      if (cursorLine) {
        seen.add(/(i\d):/.exec(cursorLine)![1]);
        expect(frame).toContain('AppendEntriesRPC');
        expect(cursorLine).toMatch(/term \[?1\]? prev/);
      }
      s = press(s, view, { kind: 'down' });
    }
    expect([...seen].sort()).toEqual(CLUSTER8.slice(1));
  });

  it('says how many lines are out of sight', () => {
    const s = press(initialScreen, view, { kind: 'char', char: 'a' });
    const frame = lay(view, s, 80, 24).frame;
    expect(frame).toMatch(/↓ \+\d/);
  });

  it('? names the cell under the cursor, which is on screen, and scrolls with ↓', () => {
    let s = press(initialScreen, view, { kind: 'char', char: 'a' });
    for (let i = 0; i < 6; i++) s = press(s, view, { kind: 'down' }); // to i8's line
    s = press(s, view, { kind: 'right' }); // prevLogIndex
    const before = lay(view, s, 80, 24).frame;
    expect(before).toMatch(/i8: term 1 prev \[4\]/);
    const help = press(s, view, { kind: 'char', char: '?' });
    const open = lay(view, help, 80, 24);
    expect(open.problems).toEqual([]);
    expect(open.frame).toContain('R16');
    expect(open.frame).toContain('prevLogIndex on your card to i8');
    expect(open.frame).toMatch(/correct value here is 4/);
    expect(open.frame).toContain(long.slice(0, 20)); // the footer keeps its rows
    const scrolled = lay(view, press(help, view, { kind: 'down' }, { kind: 'down' }), 80, 24).frame;
    expect(scrolled).toMatch(/↑ \+\d/);
    expect(scrolled).toContain('already matches.'); // the rule's last line
    expect(scrolled).not.toContain('prevLogIndex on your card to i8');
    expect(press(help, view, { kind: 'escape' }).overlay).toBe('none');
  });
});
