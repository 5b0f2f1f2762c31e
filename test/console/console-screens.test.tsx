/**
 * The console as a class of eight sees it, drawn at 80×24, 120×40 and 160×45 from a real room:
 * two clusters, students with names (one disconnected for three minutes), bots, a partition in B,
 * an offline server in A, the modes, a paused cluster, a log longer than nine entries. The
 * 120×40 and 160×45 frames are committed under docs/screens/ (UPDATE_FIXTURES=1 rewrites them).
 */
import * as path from 'node:path';
import { renderToString } from 'ink';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, layElement } from '../client/render-at.js';
import { columnWidths, fitItems, leaderText, statusLine } from '../../client/console/cluster-table.js';
import { ConsoleScreen, type Banner } from '../../client/console/console-screen.js';
import { initialConsole, type ConsoleState } from '../../client/console/console-state.js';
import { widthOf } from '../../client/components/text-width.js';
import { makeTheme } from '../../client/theme.js';
import { botCommands } from '../../src/game/bots.js';
import { instructorView } from '../../src/game/views.js';
import type { InstructorView } from '../../src/game/types.js';
import type { Presence } from '../../src/protocol/messages.js';
import { Table } from '../game/helpers.js';
import { committed } from '../report/fixture.js';

const theme = makeTheme({ color: false });
const banner: Banner = { code: 'K7Q2', join: ['raft-sheet join ws://192.168.1.20:7070 --code K7Q2'], key: null, dir: 'sessions/2026-11-25' };

/** Cluster A: free play, i1 leads and writes a 12-letter message; Ann (i2) and Bob (i3) sit in it. */
function classRoom(): { view: InstructorView; presence: Presence } {
  const t = new Table({ clusters: 2, size: 8 });
  t.ok({ type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: 'Ann' } });
  t.ok({ type: 'seat', cluster: 'A', server: 'i3', seat: { kind: 'student', name: 'Bob' } });
  t.ok({ type: 'seat', cluster: 'B', server: 'i5', seat: { kind: 'student', name: 'Светлана' } });
  for (const c of ['A', 'B']) for (const s of ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8']) {
    if (t.room.clusters[c].seats[s].kind === 'empty') t.ok({ type: 'seat', cluster: c, server: s, seat: { kind: 'bot', pace: 'human' } });
  }
  t.ok({ type: 'script', action: 'start', game: 0, message: 'RaftIsSimple' });
  t.ok({ type: 'fire', cluster: 'A', server: 'i1' });
  // Ann answers i1's RequestVote without writing anything (guard mode refuses it: R-numbered mistakes).
  const vote = t.room.clusters.A.inFlight.find((k) => k.to === 'i2')!;
  t.exec({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: vote.id }, proposal: { state: t.room.clusters.A.servers.i2.state, send: [] } });
  // Everyone but Bob (who left) plays the correct move until the message is replicated.
  const seated = { ...t.room, clusters: { ...t.room.clusters } };
  for (let round = 0; round < 400; round++) {
    t.now += 100;
    const everyone = { ...seated, ...t.room, clusters: { A: { ...t.room.clusters.A, seats: Object.fromEntries(Object.keys(t.room.clusters.A.seats).map((s) => [s, s === 'i3' ? { kind: 'empty' as const } : { kind: 'bot' as const, pace: 'human' as const }])) } } };
    const cmds = botCommands(everyone);
    if (cmds.length === 0) break;
    for (const c of cmds) t.exec(c);
  }
  t.ok({ type: 'mode', cluster: 'A', mode: 'observe', assist: 'by-hand' });
  t.ok({ type: 'fault', cluster: 'A', fault: { kind: 'offline', server: 'i3' } });
  t.ok({ type: 'mode', cluster: 'B', election: 'timers' });
  t.ok({ type: 'fault', cluster: 'B', fault: { kind: 'partition', groups: [['i1', 'i2'], ['i3', 'i4', 'i5', 'i6', 'i7', 'i8']] } });
  t.ok({ type: 'pause', cluster: 'B', paused: true });
  t.now += 42_000;
  t.ok({ type: 'tick', now: t.now });
  const view = instructorView(t.room);
  const presence: Presence = {
    A: { i2: { seat: 'student', name: 'Ann', connected: true }, i3: { seat: 'student', name: 'Bob', connected: false, since: t.now - 180_000 } },
    B: { i5: { seat: 'student', name: 'Светлана', connected: true }, i4: { seat: 'bot', connected: false, driver: 'hub', held: true } },
  };
  return { view, presence };
}

const { view, presence } = classRoom();

function frame(width: number, height: number, state: ConsoleState = initialConsole): string {
  const out = renderToString(
    <ConsoleScreen view={view} presence={presence} banner={banner} state={state} moments={[]} status="online" width={width} height={height} lang="en" theme={theme} />,
    { columns: width },
  );
  return `${out.replace(/[ \t]+$/gm, '')}\n`;
}

describe('the console shows people, faults and modes at every width', () => {
  it.each([
    [80, 24],
    [120, 40],
    [160, 45],
  ])('%i×%i: names, disconnected since, offline, partition, modes and pause are on screen; no line overflows', (w, h) => {
    const f = frame(w, h);
    for (const line of f.split('\n')) expect(widthOf(line)).toBeLessThanOrEqual(w);
    expect(f.split('\n').length - 1).toBeLessThanOrEqual(h - 1);
    expect(f).toMatch(/Ann i2/);
    expect(f).toMatch(/Bob i3 ✗ 3m/);
    expect(f).toMatch(/○ off i3/);
    expect(f).toMatch(/split i1 i2 \| i3–i8/);
    expect(f).toMatch(/observe by hand on cue/);
    expect(f).toMatch(/guard prefilled timers 3–6s/);
    expect(f).toMatch(/⏸ paused 42s/);
    expect(f).toMatch(/⏸ paused: B/);
  });

  it('the table and the captures at 120×40 (table) and 160×45 (cluster A’s sheets) match docs/screens', () => {
    const table = frame(120, 40);
    const detail = frame(160, 45, { ...initialConsole, detail: true });
    expect(committed(path.resolve('docs/screens/console-120x40.txt'), table)).toBe(table);
    expect(committed(path.resolve('docs/screens/console-160x45.txt'), detail)).toBe(detail);
  });

  it('the cluster view numbers indexes past 9 in full and names the student at each server', () => {
    const detail = frame(160, 45, { ...initialConsole, detail: true });
    expect(detail).toMatch(/ 9 +10 +11 +12/);
    expect(detail).not.toMatch(/ 9 +0 +1 +2/);
    expect(detail).toMatch(/i2 .*Ann/);
  });

  it('k shows the web projector\'s address with the projector key in its fragment, in the blank line', () => {
    const address = 'http://192.168.1.20:7070/projector#key=proj-key';
    const at = (state: ConsoleState) =>
      renderToString(<ConsoleScreen view={view} presence={presence} banner={{ ...banner, projector: address }} state={state} moments={[]} status="online" width={120} height={40} lang="en" theme={theme} />, { columns: 120 }).split('\n');
    const hidden = at(initialConsole);
    const shownKey = at({ ...initialConsole, showKey: true });
    expect(hidden.join('\n')).not.toContain('/projector');
    expect(shownKey[3]).toContain(`projector (browser): ${address}`);
    // The frame keeps its height: the address takes the blank line under the banner.
    expect(shownKey.length).toBe(hidden.length);
  });

  it('an offline leader is not shown as the leader', () => {
    const a = view.clusters[0];
    expect(leaderText(a)).toBe('♛i1');
    expect(leaderText({ ...a, online: { ...a.online, i1: false } })).toBe('—');
  });
});

describe('columns never overflow', () => {
  it('a long list of mistakes shows whole items and how many more', () => {
    const items = ['R9×3', 'R18×2', 'R19×1', 'R4×1', 'R12×1'];
    expect(fitItems(items, 14)).toBe('R9×3 R18×2 +3');
    expect(widthOf(fitItems(items, 14))).toBeLessThanOrEqual(14);
    expect(fitItems(items, 40)).toBe(items.join(' '));
  });

  it('column widths add up to the terminal width at 80, 120 and 160', () => {
    for (const w of [80, 120, 160]) {
      const sum = Object.values(columnWidths(w)).reduce((a, b) => a + b, 0) + 1;
      expect(sum).toBeLessThanOrEqual(w);
      expect(sum).toBeGreaterThan(w - 4);
    }
  });

  it('the status line keeps faults and modes and cuts names first', () => {
    const b = view.clusters[1];
    const line = statusLine(b, presence, view.now, 60, theme);
    expect(line).toMatch(/^⏸ paused 42s · ○|^⏸ paused 42s · split/);
    expect(widthOf(line)).toBeLessThanOrEqual(60);
  });
});

describe('the console never draws one box over another (issue #9: honest layout in every app)', () => {
  afterAll(closeAll);
  const panels: [string, ConsoleState][] = [
    ['the table', initialConsole],
    ['cluster A’s sheets', { ...initialConsole, detail: true }],
    ['the card picker', { ...initialConsole, panel: { kind: 'pick-card', purpose: 'lose', index: 0 } as ConsoleState['panel'] }],
    ['the partition prompt, half typed', { ...initialConsole, panel: { kind: 'text', purpose: 'partition', text: '1 2 3 / 4 5', room: false } }],
    ['the modes', { ...initialConsole, panel: { kind: 'modes', room: true } }],
    ['the bots panel, with the key shown', { ...initialConsole, panel: { kind: 'bots' }, showKey: true }],
    ['a long verdict', { ...initialConsole, message: { text: 'A: tear up card A-34 i1→i4 — '.repeat(6), error: true } }],
  ];
  for (const [w, h] of [[80, 24], [120, 40], [160, 45]] as const) {
    it(`at ${w}×${h}: the table, the sheets, pickers, prompts and a long verdict`, () => {
      for (const [label, state] of panels) {
        const { problems } = layElement(
          <ConsoleScreen view={view} presence={presence} banner={banner} state={state} moments={[]} status="online" width={w} height={h} lang="en" theme={theme} />,
          w,
          h,
        );
        expect(problems, label).toEqual([]);
      }
    });
  }
});
