/**
 * `--ascii` replaces every symbol (issue 9, item 6): each app's main screens, drawn with the
 * ascii theme, hold nothing but printable ASCII — the sheet's own marks, the key help, the texts
 * the hub sends (prompts, refusals, announcements) and the box lines alike.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { HubConnection } from '../../client/connection.js';
import { ConsoleApp } from '../../client/console/console-app.js';
import { WatchApp, type WatchConnection } from '../../client/projector/watch-app.js';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { guideLines } from '../../client/solo/solo-app.js';
import { initialScreen, type KeyPress, type ScreenState } from '../../client/student/screen-state.js';
import { keys } from '../fixtures/screen-keys.js';
import { StudentScreen } from '../../client/student/student-screen.js';
import { ASCII_STAND_IN, asciiOnly, asciiStdout, makeTheme } from '../../client/theme.js';
import { widthOf } from '../../client/components/text-width.js';
import type { Room, SeatView } from '../../src/game/types.js';
import { simulate } from '../../src/game/simulator.js';
import { instructorView, seatView } from '../../src/game/views.js';
import { referee } from '../../src/raft/referee.js';
import { newServer } from '../../src/raft/step.js';
import type { AppendEntries, RequestVote, ServerState } from '../../src/raft/types.js';
import { CLUSTER8, card, seatView as fixtureView } from '../fixtures/seat-view.js';
import { until } from '../fixtures/until.js';
import { fixtureSession } from '../replay/session.js';

const ascii = makeTheme({ ascii: true, color: false });
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/**
 * What would reach the terminal under --ascii that should not: a frame goes out through
 * asciiOnly (full-screen.tsx), so every line must come out printable ASCII, as wide as Ink laid
 * it out, and with no symbol the stand-in table does not know (a `?` would be a guess).
 */
function nonAscii(frame: string): string[] {
  const problems: string[] = [];
  for (const line of plain(frame).split('\n')) {
    const out = asciiOnly(line);
    const unknown = [...line].filter((ch) => /[^\x00-\x7f\p{L}\p{M}]/u.test(ch) && !(ch in ASCII_STAND_IN));
    if (unknown.length) problems.push(`unknown ${unknown.join('')} in: ${line}`);
    if (/[^\x20-\x7e]/.test(out)) problems.push(`not ASCII: ${out}`);
    if (widthOf(out) !== widthOf(line)) problems.push(`width ${widthOf(line)} became ${widthOf(out)}: ${out}`);
  }
  return problems;
}

const rooms = new Map<string, Room>();
simulate({ seed: 7, games: [1, 2, 3, 4], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });
const at = (step: string) => rooms.get(step)!;

function student(view: SeatView, screen: ScreenState = initialScreen, guide?: string[], lang: 'en' | 'ru' = 'en', width = 80, height = 24): string {
  const app = render(<StudentScreen view={view} screen={screen} status="online" code="K7Q2" lang={lang} theme={ascii} width={width} height={height} guide={guide} />);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frame;
}


const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };

describe('--ascii: the stand-ins', () => {
  it('replace symbols column for column and keep letters of any script', () => {
    expect(asciiOnly('✋ i1 · t1→i2 ✔ «голос»')).toBe('C! i1 | t1>i2 y <голос>');
    expect(asciiOnly('⚑')).toBe('?');
  });

  it('the full-screen stdout writes every frame through them', () => {
    const written: string[] = [];
    const fake = { columns: 80, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const out = asciiStdout(fake);
    expect(out.columns).toBe(80);
    out.write('♛ i4 · t3');
    expect(written).toEqual(['L i4 | t3']);
  });
});

describe('--ascii: every app draws printable ASCII only', () => {
  it('the student: the sheet, inbox, a vote draft, a card by hand, a refusal, the help, a violation', () => {
    const frames: string[] = [];
    for (const step of ['2.4', '4.6', '3.3']) for (const id of ['i1', 'i2', 'i4', 'i8']) frames.push(student(seatView(at(step), 'A', id)));
    frames.push(student(seatView(at('4.6'), 'A', 'i4'), initialScreen, undefined, 'en', 120, 40));
    const i2 = newServer('i2', CLUSTER8);
    const vote = fixtureView(i2, [card('A-2', 'i1', 'i2', rv)], { prompt: { en: 'i2…i8, take i1’s RequestVote: write t1 — and tick ✔ → done', ru: '' }, announcements: [{ en: '« Pause » — back at 10:40 ✋', ru: '' }] });
    const open = keys(vote, [{ kind: 'enter' }, { kind: 'char', char: ' ' }]);
    frames.push(student(vote, open));
    const mistakes = referee(i2, { kind: 'receive', from: 'i1', message: rv }, open.draft!.move);
    frames.push(student(vote, { ...open, verdict: { accepted: false, mistakes } }));
    frames.push(student(vote, { ...open, overlay: 'help' }));
    frames.push(student(vote, { ...initialScreen, overlay: 'rules' }));
    const i1: ServerState = { ...newServer('i1', CLUSTER8), votes: ['i1'], log: [...'HighLoad'].map((value) => ({ term: 1, value })) };
    const ae: AppendEntries = { type: 'AppendEntries', term: 3, leaderId: 'i4', prevLogIndex: 4, prevLogTerm: 1, entries: [...' vol'].map((value) => ({ term: 3, value })), leaderCommit: 0 };
    const byHand = fixtureView(i1, [card('A-90', 'i4', 'i1', ae)], { assist: 'by-hand' });
    frames.push(student(byHand, keys(byHand, [{ kind: 'enter' }, { kind: 'char', char: 'y' }], 'by-hand')));
    for (const f of frames) expect(nonAscii(f)).toEqual([]);
  });

  it('the --ascii capture (docs/screens/student-ascii.txt): i4 after game 4, as the terminal shows it', () => {
    const frame = `${asciiOnly(plain(student(seatView(at('4.6'), 'A', 'i4')))).replace(/[ \t]+$/gm, '')}\n`;
    expect(frame).toContain('[L] Leader');
    const file = path.resolve('docs/screens/student-ascii.txt');
    if (process.env.UPDATE_SCREENS === '1' || !existsSync(file)) writeFileSync(file, frame);
    expect(readFileSync(file, 'utf8'), 'student-ascii.txt is stale: rerun with UPDATE_SCREENS=1').toBe(frame);
  });

  it('solo: the sheet with the guide line', () => {
    const view = seatView(at('1.1'), 'A', 'i1');
    const frame = student(view, initialScreen, guideLines('en', view, null));
    expect(plain(frame)).toMatch(/Done|Press/);
    expect(nonAscii(frame)).toEqual([]);
    const done = student(view, initialScreen, guideLines('en', view, '✔ Game 1 — done. Next: game 2 → you are i1, leader'));
    expect(nonAscii(done)).toEqual([]);
  });

  const { info, records } = fixtureSession();
  const timeline = new ReplayTimeline(info.config, records);

  it('the console: the table, a cluster’s sheets, the card picker and a prompt', async () => {
    class FakeConn extends EventEmitter {
      status = 'online';
      sendCommand() {
        return 1;
      }
    }
    const conn = new FakeConn();
    const banner = { code: 'K7Q2', join: ['raft-sheet join ws://192.168.1.20:7070 --code K7Q2'], key: 'KEY', dir: 'sessions/x' };
    const app = render(<ConsoleApp conn={conn as unknown as HubConnection} banner={banner} lang="en" theme={ascii} onQuit={() => {}} />);
    const half = Math.floor(records.length / 2);
    await until(() => conn.listenerCount('room') > 0);
    conn.emit('room', { type: 'room', version: half, view: instructorView(timeline.roomAt(half)), presence: {} });
    await until(() => (app.lastFrame() ?? '').includes('seats'));
    const frames = [app.lastFrame() ?? ''];
    app.stdin.write('\r');
    await until(() => (app.lastFrame() ?? '').includes('Cluster A'));
    frames.push(app.lastFrame() ?? '');
    app.stdin.write('\u001B');
    await until(() => !(app.lastFrame() ?? '').includes('Cluster A'));
    app.stdin.write('fl');
    await until(() => (app.lastFrame() ?? '').includes('Which card'));
    frames.push(app.lastFrame() ?? '');
    app.stdin.write('\u001B');
    await until(() => !(app.lastFrame() ?? '').includes('Which card'));
    app.stdin.write('fs');
    await until(() => (app.lastFrame() ?? '').includes('Partition'));
    frames.push(app.lastFrame() ?? '');
    app.unmount();
    for (const f of frames) expect(nonAscii(f)).toEqual([]);
  });

  it('the projector, one cluster large and all compact', async () => {
    for (const focus of ['A', null]) {
      const conn = new EventEmitter() as WatchConnection;
      (conn as { status: string }).status = 'online';
      const app = render(<WatchApp conn={conn} url="ws://192.168.1.20:7070" lang="en" theme={ascii} focus={focus} onEnd={() => {}} />);
      await until(() => conn.listenerCount('room') > 0);
      for (const k of [records.length - 3, records.length]) conn.emit('room', { type: 'room', version: k, view: instructorView(timeline.roomAt(k)), presence: {}, code: 'K7Q2' });
      await until(() => (app.lastFrame() ?? '').includes('Cluster A'));
      expect(nonAscii(app.lastFrame() ?? '')).toEqual([]);
      app.unmount();
    }
  });

  it('replay, at every tenth record', async () => {
    const app = render(<ReplayApp timeline={timeline} title="workshop" lang="en" theme={ascii} focus="A" start={0} />);
    for (let k = 0; k <= records.length; k += 10) {
      await until(() => (app.lastFrame() ?? '').includes(`record ${k} of`));
      expect(nonAscii(app.lastFrame() ?? '')).toEqual([]);
      app.stdin.write(']');
    }
    app.unmount();
  });
});
