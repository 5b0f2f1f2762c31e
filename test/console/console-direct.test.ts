/** The console's keys for pausing the room or a cluster and directing a bot. */
import { describe, expect, it } from 'vitest';
import { initialConsole, reduceConsoleKey, type ConsoleKey, type ConsoleState } from '../../client/console/console-state.js';
import type { ClusterOverview } from '../../src/game/types.js';

const ch = (char: string): ConsoleKey => ({ kind: 'char', char });
const cluster = (id: string, paused?: number) => ({ id, sheets: { i1: {}, i5: {} }, inFlight: [], ...(paused !== undefined ? { paused } : {}) }) as unknown as ClusterOverview;

function press(keys: ConsoleKey[], clusters: ClusterOverview[]) {
  let s: ConsoleState = initialConsole;
  let effect: unknown;
  for (const k of keys) {
    const r = reduceConsoleKey(s, k, { clusters, moments: [] });
    s = r.state;
    if (r.effect) effect = r.effect;
  }
  return effect as { command: unknown; label: string } | undefined;
}

describe('pause from the console', () => {
  it('space pauses the whole room, and resumes it when anything is paused', () => {
    expect(press([ch(' ')], [cluster('A'), cluster('B')])).toMatchObject({ command: { type: 'pause', paused: true }, label: 'all clusters: paused (timers frozen, moves wait)' });
    expect(press([ch(' ')], [cluster('A'), cluster('B', 5)])).toMatchObject({ command: { type: 'pause', paused: false } });
  });

  it('m tab z pauses the selected cluster only', () => {
    expect(press([ch('B'), ch('m'), { kind: 'tab' }, ch('z')], [cluster('A'), cluster('B')])).toMatchObject({ command: { type: 'pause', cluster: 'B', paused: true }, label: 'B: paused (timers frozen, moves wait)' });
  });
});

describe('directing a bot', () => {
  const a = [cluster('A')];
  it('b t 5 fires i5’s timer', () => {
    expect(press([ch('b'), ch('t'), ch('5')], a)).toMatchObject({ command: { type: 'fire', cluster: 'A', server: 'i5' }, label: 'A: i5’s election timer fires' });
  });
  it('b o 5 holds bot i5, b r 5 releases it', () => {
    expect(press([ch('b'), ch('o'), ch('5')], a)).toMatchObject({ command: { type: 'bots', action: 'hold', cluster: 'A', server: 'i5' } });
    expect(press([ch('b'), ch('r'), ch('5')], a)).toMatchObject({ command: { type: 'bots', action: 'release', cluster: 'A', server: 'i5' } });
  });
});

describe('the rewind picker', () => {
  it('w opens the picker and asks the hub for the journal’s moments of the selected cluster', () => {
    expect(press([ch('w')], [cluster('A')])).toMatchObject({ command: { type: 'moments', cluster: 'A', lang: 'en' }, label: 'A: moments from the journal' });
  });
});

describe('a bot told to err', () => {
  it('b e 5 1: bot i5 grants any vote on its next RequestVote', () => {
    expect(press([ch('b'), ch('e'), ch('5'), ch('1')], [cluster('A')])).toMatchObject({ command: { type: 'bots', action: 'err', cluster: 'A', server: 'i5', mistake: 'grant-any-vote' } });
  });
});

describe('cards in flight name the student who holds them', () => {
  it('i1→i3 (Bob)', async () => {
    const { cardLine } = await import('../../client/console/console-screen.js');
    const { makeTheme } = await import('../../client/theme.js');
    const card = { id: 'A-7', from: 'i1', to: 'i3', batch: 'A-6', sentAt: 0, deliverAt: 0, message: { type: 'RequestVote' as const, term: 2, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 } };
    expect(cardLine(card, 3000, makeTheme({ color: false }), { i3: 'Bob' })).toBe('A-7 RequestVote i1→i3 (Bob) t2 last 0/t0 · 3s');
  });
});
