/**
 * Every character of an input chunk is one key (issue 9, item 2). Ink hands a chunk read at once
 * (a paste, fast typing, a laggy SSH link) to useInput as one string; each app splits it and
 * applies the characters in order. Checked at the reducer level and through the real Ink apps
 * (ink-testing-library's stdin.write of a multi-character string is one chunk).
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { blankKey, keysOf } from '../../client/components/key-chunk.js';
import type { HubConnection } from '../../client/connection.js';
import { ConsoleApp, toConsoleKeys } from '../../client/console/console-app.js';
import { initialConsole, reduceConsoleKey, type ConsoleState } from '../../client/console/console-state.js';
import { WatchApp, type WatchConnection } from '../../client/projector/watch-app.js';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { replayKey, toReplayPresses, type ReplayState } from '../../client/replay/replay-keys.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { initialScreen, reduceKey, type KeyPress, type ScreenState } from '../../client/student/screen-state.js';
import { StudentApp, toKeyPresses } from '../../client/student/student-app.js';
import { makeTheme } from '../../client/theme.js';
import { instructorView } from '../../src/game/views.js';
import type { ClusterOverview, SeatView } from '../../src/game/types.js';
import type { ServerState } from '../../src/raft/types.js';
import { fresh, seatView } from '../fixtures/seat-view.js';
import { until } from '../fixtures/until.js';
import { fixtureSession } from '../replay/session.js';

const RIGHT = '\u001B[C';

/** Ink's key object for a chunk of plain text (what useInput receives for `kb`, `ighLoad`). */
const plainKey = (): Key => blankKey();

/** i1, leader of term 1 with an empty log: `w` then a letter starts writing a message (R15). */
function leaderView(): SeatView {
  const s: ServerState = { ...fresh('i1'), role: 'leader', votes: ['i1'] };
  return seatView(s);
}

const logText = (s: ScreenState) => (s.draft?.move.state.log ?? []).map((e) => e.value).join('');

/** The console's Ink app on a fake connection that records the commands sent, showing a workshop's room. */
async function consoleOnline() {
  class FakeConn extends EventEmitter {
    status = 'online';
    commands: unknown[] = [];
    sendCommand(c: unknown) {
      this.commands.push(c);
      return this.commands.length;
    }
  }
  const { info, records } = fixtureSession();
  const timeline = new ReplayTimeline(info.config, records);
  const conn = new FakeConn();
  const banner = { code: 'K7Q2', join: ['raft-sheet join ws://192.168.1.20:7070 --code K7Q2'], key: 'SECRETKEY123', dir: 'sessions/x' };
  const app = render(<ConsoleApp conn={conn as unknown as HubConnection} banner={banner} lang="en" theme={makeTheme({ color: false })} onQuit={() => {}} />);
  await until(() => conn.listenerCount('room') > 0);
  conn.emit('room', { type: 'room', version: 1, view: instructorView(timeline.roomAt(records.length)), presence: {} });
  await until(() => (app.lastFrame() ?? '').includes('K7Q2'));
  return { app, conn };
}

describe('a chunk is split into keys', () => {
  it('plain text is one key per character, in order; Enter, Tab and Backspace inside it keep their meaning', () => {
    const keys = keysOf('kb\t1\x7f\r', plainKey());
    expect(keys.map((k) => k.input)).toEqual(['k', 'b', '', '1', '', '']);
    expect(keys.map((k) => (k.key.tab ? 'tab' : k.key.delete ? 'del' : k.key.return ? 'enter' : 'char'))).toEqual(['char', 'char', 'tab', 'char', 'del', 'enter']);
    expect(keysOf('A', { ...plainKey(), shift: true })).toHaveLength(1);
    expect(keysOf('AB', plainKey())[1].key.shift).toBe(true);
  });

  it('a single key or a key Ink parsed (an arrow, Ctrl+letter) passes through once', () => {
    const arrow = { ...plainKey(), rightArrow: true };
    expect(keysOf('', arrow)).toEqual([{ input: '', key: arrow }]);
    expect(keysOf('q', plainKey())).toHaveLength(1);
    const ctrl = { ...plainKey(), ctrl: true };
    expect(keysOf('c', ctrl)).toEqual([{ input: 'c', key: ctrl }]);
    // Ink flags Esc itself as meta too: still one Escape.
    const esc = { ...plainKey(), escape: true, meta: true };
    expect(keysOf('', esc)).toEqual([{ input: '', key: esc }]);
    // A lone line feed (Ctrl+J; Enter read in cooked mode) is Enter too, as inside a chunk.
    expect(keysOf('\n', plainKey())).toEqual([{ input: '', key: { ...plainKey(), return: true } }]);
    // A pasted Windows line break is one Enter, not two.
    expect(keysOf('a\r\nb', plainKey()).map((k) => k.input)).toEqual(['a', '', 'b']);
    // A letter with its combining accent is one key (one cell), not two.
    expect(keysOf('e\u0301t', plainKey()).map((k) => k.input)).toEqual(['e\u0301', 't']);
  });
});

describe('student: a paste into a draft fills consecutive cells', () => {
  it('reducer: w H ⏎ opens the draft; → then the chunk ighLoad writes HighLoad into cells 1–8', () => {
    const view = leaderView();
    let s = initialScreen;
    const presses: KeyPress[] = [...toKeyPresses('wH\r', plainKey()), { kind: 'right' }, ...toKeyPresses('ighLoad', plainKey())];
    expect(presses).toHaveLength(11);
    for (const p of presses) s = reduceKey(s, p, view, 'prefilled').state;
    expect(logText(s)).toBe('HighLoad');
  });

  it('the Ink app: the same keys as three chunks, and Enter at the end of the paste hands the log over', async () => {
    class FakeConn extends EventEmitter {
      status = 'online';
      seat = null;
      moves: { proposal: { state: ServerState } }[] = [];
      sendMove(_c: string, _s: string, _i: unknown, proposal: { state: ServerState }) {
        this.moves.push({ proposal });
        return this.moves.length;
      }
    }
    const conn = new FakeConn();
    const app = render(<StudentApp conn={conn as unknown as HubConnection} code="K7Q2" lang="en" theme={makeTheme({ color: false })} onEnd={() => {}} />);
    await until(() => conn.listenerCount('view') > 0);
    conn.emit('view', leaderView());
    await until(() => (app.lastFrame() ?? '').includes('i1'));
    app.stdin.write('wH\r');
    await until(() => (app.lastFrame() ?? '').includes('draft'));
    app.stdin.write(RIGHT);
    app.stdin.write('ighLoad\r');
    await until(() => conn.moves.length > 0);
    expect(conn.moves).toHaveLength(1);
    expect(conn.moves[0].proposal.state.log.map((e) => e.value).join('')).toBe('HighLoad');
    app.unmount();
  });
});

describe('student: keys typed past a hand-over wait for its verdict', () => {
  it('`wH⏎⏎wi⏎⏎` in one read hands over H, then, once H is accepted, i', async () => {
    class FakeConn extends EventEmitter {
      status = 'online';
      seat = null;
      moves: { input: { kind: string; value?: string } }[] = [];
      sendMove(_c: string, _s: string, input: { kind: string; value?: string }) {
        this.moves.push({ input });
        return this.moves.length;
      }
    }
    const conn = new FakeConn();
    const app = render(<StudentApp conn={conn as unknown as HubConnection} code="K7Q2" lang="en" theme={makeTheme({ color: false })} onEnd={() => {}} />);
    const view = leaderView();
    await until(() => conn.listenerCount('view') > 0);
    conn.emit('view', view);
    await until(() => (app.lastFrame() ?? '').includes('i1'));
    // w, the message, Enter opens the draft, Enter hands it over (R15: a whole word is one move).
    app.stdin.write('wH\r\rwi\r\r');
    await until(() => conn.moves.length === 1);
    expect(conn.moves[0].input).toEqual({ kind: 'client', value: 'H' });
    // The hub takes H: a new view (H in the log), then the verdict.
    conn.emit('view', { ...view, sheet: { ...view.sheet, log: [{ term: 1, value: 'H' }] } });
    conn.emit('verdict', { type: 'verdict', id: 1, ok: true, code: 'move/accepted', message: { en: 'ok', ru: 'ok' } });
    await until(() => conn.moves.length === 2);
    expect(conn.moves[1].input).toEqual({ kind: 'client', value: 'i' });
    app.unmount();
  });
});

/** Cluster A as the console's text prompts read it. */
const clusterA = { id: 'A', sheets: { i1: {}, i2: {} }, inFlight: [] } as unknown as ClusterOverview;

function consoleType(chunks: string[]) {
  let s: ConsoleState = initialConsole;
  const commands: unknown[] = [];
  for (const chunk of chunks) {
    const key = chunk === '\r' ? { ...plainKey(), return: true } : plainKey();
    for (const k of toConsoleKeys(chunk === '\r' ? '' : chunk, key)) {
      const r = reduceConsoleKey(s, k, { clusters: [clusterA], moments: [] });
      s = r.state;
      if (r.effect?.kind === 'command') commands.push(r.effect.command);
    }
  }
  return { s, commands };
}

describe('console: prompts take a typed or pasted line whole', () => {
  it('reducer: f s then the chunk `1 2 3 / 4 5 6 7 8` partitions into those two groups', () => {
    const { commands } = consoleType(['fs', '1 2 3 / 4 5 6 7 8', '\r']);
    expect(commands).toEqual([{ type: 'fault', cluster: 'A', fault: { kind: 'partition', groups: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']] } }]);
  });

  it('reducer: an announcement pasted with its Enter is sent word for word', () => {
    const { commands } = consoleType(['a', 'Pause: game 2 starts at 10:40\r']);
    expect(commands).toEqual([{ type: 'announce', text: { en: 'Pause: game 2 starts at 10:40', ru: 'Pause: game 2 starts at 10:40' } }]);
  });

  it('the Ink app: `kb` read at once shows the key and opens the bots panel; prompts get every character', async () => {
    const { app, conn } = await consoleOnline();
    expect(app.lastFrame()).not.toContain('SECRETKEY123');
    app.stdin.write('kb');
    await until(() => (app.lastFrame() ?? '').includes('SECRETKEY123'));
    app.stdin.write('F');
    await until(() => conn.commands.length === 1);
    expect(conn.commands[0]).toEqual({ type: 'bots', action: 'fill', pace: 'fast' });
    app.stdin.write('fs1 2 3 / 4 5 6 7 8\r');
    await until(() => conn.commands.length === 2);
    expect(conn.commands[1]).toMatchObject({ type: 'fault', fault: { kind: 'partition', groups: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']] } });
    app.stdin.write('aPause, then game 2\r');
    await until(() => conn.commands.length === 3);
    expect(conn.commands[2]).toEqual({ type: 'announce', text: { en: 'Pause, then game 2', ru: 'Pause, then game 2' } });
    app.unmount();
  });
});

describe('Esc and the next key read at once', () => {
  // A quick `Esc q`, or tmux and SSH writing both at once, reaches Ink as "\x1bq": one Meta+q.
  it('Meta+key is Esc, then the key: q, Enter, an arrow', () => {
    const kinds = (input: string, key: Key) => keysOf(input, key).map((k) => (k.key.escape ? 'esc' : k.key.return ? 'enter' : k.key.upArrow ? 'up' : k.input));
    expect(kinds('q', { ...plainKey(), meta: true })).toEqual(['esc', 'q']);
    expect(kinds('Q', { ...plainKey(), meta: true, shift: true })).toEqual(['esc', 'Q']);
    expect(kinds('', { ...plainKey(), meta: true, return: true })).toEqual(['esc', 'enter']);
    expect(kinds('', { ...plainKey(), meta: true, upArrow: true })).toEqual(['esc', 'up']);
    expect(keysOf('q', { ...plainKey(), meta: true })[1].key.meta).toBe(false);
  });

  it('the console: "\x1bq" in one read closes the bots panel and asks to stop the hub', async () => {
    const { app } = await consoleOnline();
    app.stdin.write('b');
    await until(() => (app.lastFrame() ?? '').includes('Bots: f fill')); // the bots panel is open
    app.stdin.write('\x1bq');
    await until(() => (app.lastFrame() ?? '').includes('Stop the hub?'));
    expect(app.lastFrame()).not.toContain('Bots: f fill');
    app.unmount();
  });
});

describe('watch: every key of a chunk counts', () => {
  it('`a⇥` read at once: one cluster large (a), then the next cluster (Tab)', async () => {
    const { info, records } = fixtureSession();
    const timeline = new ReplayTimeline(info.config, records);
    const conn = Object.assign(new EventEmitter(), { status: 'online' }) as unknown as WatchConnection;
    const app = render(<WatchApp conn={conn} url="ws://192.168.1.20:7070" lang="en" theme={makeTheme({ color: false })} focus={null} onEnd={() => {}} />);
    const k = records.length;
    await until(() => (conn as unknown as EventEmitter).listenerCount('room') > 0);
    (conn as unknown as EventEmitter).emit('room', { type: 'room', version: k, view: instructorView(timeline.roomAt(k)), presence: {}, code: 'K7Q2' });
    const shows = (id: string) => (app.lastFrame() ?? '').includes(`Cluster ${id}`);
    await until(() => shows('A') && shows('B'));
    app.stdin.write('a\t');
    await until(() => shows('B') && !shows('A'));
    app.unmount();
  });
});

describe('replay: every key of a chunk moves the record', () => {
  const { info, records } = fixtureSession();
  const timeline = new ReplayTimeline(info.config, records);

  it('reducer: `]]` is twenty records forward and `gnn` two steps from the start', () => {
    let s: ReplayState = { k: 0, focus: 'A', lastFocus: 'A' };
    for (const p of toReplayPresses(']]', plainKey())) s = replayKey(s, p, timeline, ['A', 'B']) as ReplayState;
    expect(s.k).toBe(20);
    const presses = toReplayPresses('gnn', plainKey());
    expect(presses).toEqual(['home', 'nextStep', 'nextStep']);
  });

  it('the Ink app: the chunk `]]]` shows record 30', async () => {
    const app = render(<ReplayApp timeline={timeline} title="workshop" lang="en" theme={makeTheme({ color: false })} focus="A" start={0} />);
    await until(() => (app.lastFrame() ?? '').includes(`record 0 of`));
    app.stdin.write(']]]');
    await until(() => (app.lastFrame() ?? '').includes(`record 30 of`));
    app.stdin.write('[');
    await until(() => (app.lastFrame() ?? '').includes(`record 20 of`));
    app.unmount();
  });
});
