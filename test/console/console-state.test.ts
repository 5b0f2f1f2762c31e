/**
 * The console reducer (client/console/console-state.ts) on what it SENDS: for each main key
 * sequence — games, steps, faults, bots, modes and hints, pause, announcements, partitions,
 * reset, rewind — the exact command the hub receives, that the hub's own schema accepts it
 * (instructorCommandSchema, the hub's boundary), and the echo on the verdict line in English and
 * Russian. Keys that must send nothing (an unknown server, a bad partition, n at the reset
 * question) are checked too.
 */
import { describe, expect, it } from 'vitest';
import { DELAY_MS, initialConsole, reduceConsoleKey, type ConsoleKey, type ConsoleReaction, type ConsoleState } from '../../client/console/console-state.js';
import type { Moment } from '../../client/console/moments.js';
import type { ClusterOverview } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import { instructorCommandSchema } from '../../src/protocol/messages.js';

const ch = (char: string): ConsoleKey => ({ kind: 'char', char });
const key = (kind: 'up' | 'down' | 'enter' | 'escape' | 'backspace' | 'tab'): ConsoleKey => ({ kind });
const typed = (text: string): ConsoleKey[] => [...text].map(ch);

/** Just what the console reads of a cluster: its id, sheets, cards in flight and pause. */
const cluster = (id: string, inFlight: [string, string, string][], paused?: number) =>
  ({
    id,
    sheets: { i1: {}, i2: {}, i3: {}, i4: {} },
    inFlight: inFlight.map(([card, from, to]) => ({ card: { id: card, from, to }, age: 0 })),
    ...(paused !== undefined ? { paused } : {}),
  }) as unknown as ClusterOverview;

const A = cluster('A', [['A-34', 'i1', 'i4'], ['A-35', 'i1', 'i2']]);
const B = cluster('B', []);
const moments: Moment[] = [
  { version: 40, now: 9000, label: 'i2 ♛' },
  { version: 31, now: 7000, label: 'i3 votes i2' },
  { version: 12, now: 2000, label: 'i2 times out' },
];

interface Run {
  /** Every command sent, in order. */
  sent: unknown[];
  /** The echo of the last command sent. */
  label?: string;
  state: ConsoleState;
  last: ConsoleReaction;
}

function press(keys: ConsoleKey[], opts: { lang?: Lang; clusters?: ClusterOverview[] } = {}): Run {
  let state: ConsoleState = initialConsole;
  const run: Partial<Run> & { sent: unknown[] } = { sent: [] };
  for (const k of keys) {
    const r = reduceConsoleKey(state, k, { clusters: opts.clusters ?? [A, B], moments, lang: opts.lang });
    state = r.state;
    run.last = r;
    if (r.effect?.kind === 'command') {
      run.sent.push(r.effect.command);
      run.label = r.effect.label;
    }
  }
  return { ...run, state } as Run;
}

/** The single command a key sequence sends; the hub's schema must accept it as it is. */
function sends(keys: ConsoleKey[], opts: { lang?: Lang; clusters?: ClusterOverview[] } = {}): { command: unknown; label: string } {
  const run = press(keys, opts);
  expect(run.sent).toHaveLength(1);
  const parsed = instructorCommandSchema.safeParse(run.sent[0]);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return { command: run.sent[0], label: run.label! };
}

describe('games and steps', () => {
  it('g 1…7 starts a game and g 0 free play, for every cluster; g 8 is no game', () => {
    expect(sends([ch('g'), ch('2')])).toEqual({ command: { type: 'script', action: 'start', game: 2 }, label: 'game 2 (all clusters)' });
    expect(sends([ch('g'), ch('0')]).command).toEqual({ type: 'script', action: 'start', game: 0 });
    expect(sends([ch('g'), ch('6')]).command).toEqual({ type: 'script', action: 'start', game: 6 });
    expect(press([ch('g'), ch('8')]).sent).toEqual([]);
    expect(sends([ch('g'), ch('7')]).command).toEqual({ type: 'script', action: 'start', game: 7 }); // game 7 needs a room of 9
  });
  it('n and p move every cluster one step on or back, said in English or Russian', () => {
    expect(sends([ch('n')])).toEqual({ command: { type: 'script', action: 'next' }, label: 'next step (all clusters)' });
    expect(sends([ch('n')], { lang: 'ru' }).label).toBe('следующий шаг (все кластеры)');
    expect(sends([ch('p')]).command).toEqual({ type: 'script', action: 'prev' });
  });
});

describe('faults in the selected cluster', () => {
  it('f l 4 tears up the first card to i4; ↓ enter picks the second card', () => {
    expect(sends([ch('f'), ch('l'), ch('4')])).toEqual({ command: { type: 'fault', cluster: 'A', fault: { kind: 'lose', card: 'A-34' } }, label: 'A: tear up card A-34 i1→i4' });
    expect(sends([ch('f'), ch('l'), ch('4')], { lang: 'ru' }).label).toBe('A: порвать карточку A-34 i1→i4');
    expect(sends([ch('f'), ch('l'), key('down'), key('enter')]).command).toEqual({ type: 'fault', cluster: 'A', fault: { kind: 'lose', card: 'A-35' } });
  });
  it('f d delays a card by DELAY_MS, f x duplicates one', () => {
    expect(sends([ch('f'), ch('d'), ch('2')]).command).toEqual({ type: 'fault', cluster: 'A', fault: { kind: 'delay', card: 'A-35', ms: DELAY_MS } });
    expect(sends([ch('f'), ch('x'), key('enter')]).command).toEqual({ type: 'fault', cluster: 'A', fault: { kind: 'duplicate', card: 'A-34' } });
  });
  it('f o / f u / f r N take a server offline, bring it back, reorder its inbox; in the cluster chosen with ↓', () => {
    expect(sends([ch('f'), ch('o'), ch('3')]).command).toEqual({ type: 'fault', cluster: 'A', fault: { kind: 'offline', server: 'i3' } });
    expect(sends([key('down'), ch('f'), ch('u'), ch('3')]).command).toEqual({ type: 'fault', cluster: 'B', fault: { kind: 'online', server: 'i3' } });
    expect(sends([ch('B'), ch('f'), ch('r'), ch('1')]).command).toEqual({ type: 'fault', cluster: 'B', fault: { kind: 'reorder', server: 'i1' } });
  });
  it('f h heals a partition', () => {
    expect(sends([ch('f'), ch('h')]).command).toEqual({ type: 'fault', cluster: 'A', fault: { kind: 'heal' } });
  });
  it('a server the cluster does not have, or a card to nobody, sends nothing and says why', () => {
    const run = press([ch('f'), ch('o'), ch('9')]);
    expect(run.sent).toEqual([]);
    expect(run.state.message).toMatchObject({ error: true });
    expect(press([ch('f'), ch('l'), ch('3')]).sent).toEqual([]);
    expect(press([ch('f'), ch('l'), key('escape'), ch('4')]).sent).toEqual([]);
  });
});

describe('partitions', () => {
  it('f s with groups of numbers splits the cluster; the echo shows the groups', () => {
    expect(sends([ch('f'), ch('s'), ...typed('1 2 / 3 4'), key('enter')])).toEqual({
      command: { type: 'fault', cluster: 'A', fault: { kind: 'partition', groups: [['i1', 'i2'], ['i3', 'i4']] } },
      label: 'A: partition i1 i2 | i3 i4',
    });
  });
  it('a single group is not a partition: nothing is sent, the help is shown', () => {
    const run = press([ch('f'), ch('s'), ...typed('1 2 3'), key('enter')]);
    expect(run.sent).toEqual([]);
    expect(run.state.message).toMatchObject({ error: true });
  });
  it('backspace edits the groups before they are sent', () => {
    expect(sends([ch('f'), ch('s'), ...typed('1/23'), key('backspace'), key('enter')]).command).toMatchObject({ fault: { groups: [['i1'], ['i2']] } });
  });
});

describe('bots', () => {
  it('b f / b F / b c fill the empty seats at human or fast pace, or clear them', () => {
    expect(sends([ch('b'), ch('f')]).command).toEqual({ type: 'bots', action: 'fill', pace: 'human' });
    expect(sends([ch('b'), ch('F')]).command).toEqual({ type: 'bots', action: 'fill', pace: 'fast' });
    expect(sends([ch('b'), ch('c')]).command).toEqual({ type: 'bots', action: 'clear' });
  });
  it('b t / o / r / h N fire a timer, hold, release, hand a bot seat in the selected cluster', () => {
    expect(sends([ch('b'), ch('t'), ch('2')]).command).toEqual({ type: 'fire', cluster: 'A', server: 'i2' });
    expect(sends([ch('b'), ch('o'), ch('2')]).command).toEqual({ type: 'bots', action: 'hold', cluster: 'A', server: 'i2' });
    expect(sends([ch('b'), ch('r'), ch('2')]).command).toEqual({ type: 'bots', action: 'release', cluster: 'A', server: 'i2' });
    expect(sends([ch('b'), ch('h'), ch('4')]).command).toEqual({ type: 'bots', action: 'hand', cluster: 'A', server: 'i4' });
  });
  it('b e N M makes bot iN err with mistake M on its next fitting card', () => {
    expect(sends([ch('b'), ch('e'), ch('3'), ch('2')]).command).toEqual({ type: 'bots', action: 'err', cluster: 'A', server: 'i3', mistake: 'ack-without-append' });
    expect(press([ch('b'), ch('e'), ch('3'), ch('9')]).sent).toEqual([]);
  });
});

describe('modes and hints', () => {
  it('m g / o / h / p / c / t set the referee, assist and election for every cluster', () => {
    const modes: [string, object][] = [['g', { mode: 'guard' }], ['o', { mode: 'observe' }], ['h', { assist: 'by-hand' }], ['p', { assist: 'prefilled' }], ['c', { election: 'cue' }], ['t', { election: 'timers' }]];
    for (const [k, set] of modes) expect(sends([ch('m'), ch(k)]).command).toEqual({ type: 'mode', ...set });
    expect(sends([ch('m'), ch('o')], { lang: 'ru' }).label).toBe('все кластеры: observe (неверные ходы происходят)');
  });
  it('m n / r / a set what ? gives the students; after tab, only the selected cluster', () => {
    expect(sends([ch('m'), ch('n')])).toEqual({ command: { type: 'mode', hints: 'none' }, label: 'all clusters: no hints' });
    expect(sends([ch('m'), ch('r')]).command).toEqual({ type: 'mode', hints: 'rule' });
    expect(sends([ch('m'), key('tab'), ch('a')]).command).toEqual({ type: 'mode', cluster: 'A', hints: 'answer' });
  });
});

describe('pause', () => {
  it('space pauses the whole room, and resumes it when any cluster is paused', () => {
    expect(sends([ch(' ')]).command).toEqual({ type: 'pause', paused: true });
    expect(sends([ch(' ')], { clusters: [A, cluster('B', [], 5000)] }).command).toEqual({ type: 'pause', paused: false });
  });
  it('m tab z pauses only the selected cluster', () => {
    expect(sends([key('down'), ch('m'), key('tab'), ch('z')]).command).toEqual({ type: 'pause', cluster: 'B', paused: true });
  });
});

describe('announcements', () => {
  it('a, the text, enter announces to the room in both languages; tab narrows it to the selected cluster', () => {
    expect(sends([ch('a'), ...typed('Look at i3'), key('enter')]).command).toEqual({ type: 'announce', text: { en: 'Look at i3', ru: 'Look at i3' } });
    expect(sends([ch('a'), key('tab'), ...typed('Hi'), key('enter')]).command).toEqual({ type: 'announce', cluster: 'A', text: { en: 'Hi', ru: 'Hi' } });
  });
  it('an empty announcement or escape sends nothing', () => {
    expect(press([ch('a'), ...typed('  '), key('enter')]).sent).toEqual([]);
    expect(press([ch('a'), ...typed('Hi'), key('escape')]).sent).toEqual([]);
  });
});

describe('reset, rewind, quit', () => {
  it('r y resets the selected cluster; r n does not', () => {
    expect(sends([ch('r'), ch('y')]).command).toEqual({ type: 'reset', cluster: 'A' });
    expect(press([ch('r'), ch('n')]).sent).toEqual([]);
  });
  it('w asks the hub for the moments, then enter rewinds to the chosen one', () => {
    const run = press([ch('w'), key('down'), key('enter')]);
    expect(run.sent).toEqual([
      { type: 'moments', cluster: 'A', lang: 'en' },
      { type: 'rewind', cluster: 'A', to: 12 },
    ]);
    for (const c of run.sent) expect(instructorCommandSchema.safeParse(c).success).toBe(true);
  });
  it('the newest moment is now: rewinding to it sends nothing and says so', () => {
    const run = press([ch('w'), key('up'), key('enter')]);
    expect(run.sent).toEqual([{ type: 'moments', cluster: 'A', lang: 'en' }]);
    expect(run.state.message).toMatchObject({ error: true });
  });
  it('q y quits without a command', () => {
    const run = press([ch('q'), ch('y')]);
    expect(run.sent).toEqual([]);
    expect(run.last.effect).toEqual({ kind: 'quit' });
  });
});

describe('g 5 and g 6 start games 5 and 6 (pre-vote, log compaction: docs/rules-extended.md)', () => {
  it('g then 5 or 6 sends script start of that game for every cluster; 8 is no game', () => {
    let s: ConsoleState = initialConsole;
    const ctx = { clusters: [A], moments: [] };
    s = reduceConsoleKey(s, ch('g'), ctx).state;
    expect(reduceConsoleKey(s, ch('5'), ctx).effect).toMatchObject({ kind: 'command', command: { type: 'script', action: 'start', game: 5 } });
    expect(reduceConsoleKey(s, ch('6'), ctx).effect).toMatchObject({ kind: 'command', command: { type: 'script', action: 'start', game: 6 } });
    expect(reduceConsoleKey(s, ch('8'), ctx).effect).toBeUndefined();
  });
});

describe('m s switches snapshots (R29–R32) for the room or one cluster', () => {
  it('on at game 6\'s threshold when off, off when every cluster targeted has them on', () => {
    const ctx = (every?: number) => ({ clusters: [{ ...A, ...(every ? { snapshotEvery: every } : {}) } as ClusterOverview], moments: [] });
    let s: ConsoleState = reduceConsoleKey(initialConsole, ch('m'), ctx()).state;
    expect(reduceConsoleKey(s, ch('s'), ctx()).effect).toMatchObject({ kind: 'command', command: { type: 'mode', snapshotEvery: 8 }, label: 'all clusters: snapshots every 8 applied entries (R29–R32)' });
    s = reduceConsoleKey(initialConsole, ch('m'), ctx(8)).state;
    expect(reduceConsoleKey(s, ch('s'), ctx(8)).effect).toMatchObject({ command: { type: 'mode', snapshotEvery: 0 } });
  });
});

describe('m v switches pre-vote (R24–R27) for the room or one cluster', () => {
  it('on when it is off, off when every cluster targeted has it on', () => {
    const ctx = (preVote?: boolean) => ({ clusters: [{ ...A, ...(preVote ? { preVote } : {}) } as ClusterOverview], moments: [] });
    let s: ConsoleState = reduceConsoleKey(initialConsole, ch('m'), ctx()).state;
    expect(reduceConsoleKey(s, ch('v'), ctx()).effect).toMatchObject({ kind: 'command', command: { type: 'mode', preVote: true }, label: 'all clusters: pre-vote on (R24–R27)' });
    s = reduceConsoleKey(initialConsole, ch('m'), ctx(true)).state;
    expect(reduceConsoleKey(s, ch('v'), ctx(true)).effect).toMatchObject({ command: { type: 'mode', preVote: false } });
  });
});
