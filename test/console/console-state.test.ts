import { describe, expect, it } from 'vitest';
import { initialConsole, reduceConsoleKey, type ConsoleKey, type ConsoleState } from '../../client/console/console-state.js';
import type { ClusterOverview } from '../../src/game/types.js';

const ch = (char: string): ConsoleKey => ({ kind: 'char', char });
/** Just what the fault picker reads of a cluster: its id, sheets and cards in flight. */
const clusterA = {
  id: 'A',
  sheets: { i1: {}, i4: {} },
  inFlight: [{ card: { id: 'A-34', from: 'i1', to: 'i4' }, age: 0 }],
} as unknown as ClusterOverview;

function press(keys: ConsoleKey[], lang?: 'en' | 'ru') {
  let s: ConsoleState = initialConsole;
  let label: string | undefined;
  for (const k of keys) {
    const r = reduceConsoleKey(s, k, { clusters: [clusterA], moments: [], lang });
    s = r.state;
    if (r.effect?.kind === 'command') label = r.effect.label;
  }
  return label;
}

describe('the console speaks the instructor’s language', () => {
  it('n goes to the next step for every cluster, said in English or Russian', () => {
    expect(press([ch('n')])).toBe('next step (all clusters)');
    expect(press([ch('n')], 'ru')).toBe('следующий шаг (все кластеры)');
  });

  it('f l 4 tears up the card to i4 in the selected cluster', () => {
    expect(press([ch('f'), ch('l'), ch('4')])).toBe('A: tear up card A-34 i1→i4');
    expect(press([ch('f'), ch('l'), ch('4')], 'ru')).toBe('A: порвать карточку A-34 i1→i4');
  });

  it('modes for every cluster name the mode chosen', () => {
    expect(press([ch('m'), ch('o')], 'ru')).toBe('все кластеры: observe (неверные ходы происходят)');
  });
});

describe('the hint level from the console (m n / m r / m a)', () => {
  function commandOf(keys: ConsoleKey[]) {
    let s: ConsoleState = initialConsole;
    let sent: unknown;
    for (const k of keys) {
      const r = reduceConsoleKey(s, k, { clusters: [clusterA], moments: [] });
      s = r.state;
      if (r.effect?.kind === 'command') sent = r.effect.command;
    }
    return sent;
  }

  it('sets what ? gives the students of every cluster, or of the selected one after tab', () => {
    expect(commandOf([ch('m'), ch('n')])).toEqual({ type: 'mode', hints: 'none' });
    expect(commandOf([ch('m'), ch('r')])).toEqual({ type: 'mode', hints: 'rule' });
    expect(commandOf([ch('m'), { kind: 'tab' }, ch('a')])).toEqual({ type: 'mode', cluster: 'A', hints: 'answer' });
    expect(press([ch('m'), ch('n')])).toBe('all clusters: no hints');
  });
});

describe('g 5 starts game 5 (pre-vote, docs/rules-extended.md)', () => {
  it('g then 5 sends script start of game 5 for every cluster; 6 is no game', () => {
    let s: ConsoleState = initialConsole;
    const ctx = { clusters: [clusterA], moments: [] };
    s = reduceConsoleKey(s, ch('g'), ctx).state;
    const r = reduceConsoleKey(s, ch('5'), ctx);
    expect(r.effect).toMatchObject({ kind: 'command', command: { type: 'script', action: 'start', game: 5 } });
    expect(reduceConsoleKey(s, ch('6'), ctx).effect).toBeUndefined();
  });
});

describe('m v switches pre-vote (R24–R27) for the room or one cluster', () => {
  it('on when it is off, off when every cluster targeted has it on', () => {
    const ctx = (preVote?: boolean) => ({ clusters: [{ ...clusterA, ...(preVote ? { preVote } : {}) } as ClusterOverview], moments: [] });
    let s: ConsoleState = reduceConsoleKey(initialConsole, ch('m'), ctx()).state;
    expect(reduceConsoleKey(s, ch('v'), ctx()).effect).toMatchObject({ kind: 'command', command: { type: 'mode', preVote: true }, label: 'all clusters: pre-vote on (R24–R27)' });
    s = reduceConsoleKey(initialConsole, ch('m'), ctx(true)).state;
    expect(reduceConsoleKey(s, ch('v'), ctx(true)).effect).toMatchObject({ command: { type: 'mode', preVote: false } });
  });
});
