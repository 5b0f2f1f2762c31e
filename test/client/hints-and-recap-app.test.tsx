/**
 * What `?` gives at each hint level (a room mode), the keys solo adds to the sheet (b, h), solo's
 * quit question, and the recap the student app shows when a game ends (Enter goes back).
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { HubConnection } from '../../client/connection.js';
import { StudentApp } from '../../client/student/student-app.js';
import { initialScreen, reduceKey } from '../../client/student/screen-state.js';
import { rulePanel } from '../../client/student/rule-help.js';
import { footerLines } from '../../client/student/student-screen.js';
import { guideLines, nextHint } from '../../client/solo/solo-app.js';
import { keyLine, modeTag } from '../../client/solo/solo-guide.js';
import { makeTheme } from '../../client/theme.js';
import { t } from '../../client/i18n.js';
import { simulate } from '../../src/game/simulator.js';
import type { Room, SeatView } from '../../src/game/types.js';
import { seatView as viewOf } from '../../src/game/views.js';
import type { RequestVote } from '../../src/raft/types.js';
import { card, fresh, seatView } from '../fixtures/seat-view.js';
import { until } from '../fixtures/until.js';

const theme = makeTheme({ color: false });
const rv: RequestVote = { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 };
const withCard = (extra: Partial<SeatView> = {}) => seatView(fresh('i2'), [card('A-1', 'i1', 'i2', rv)], extra);
const press = (view: SeatView, ...chars: string[]) => {
  let s = initialScreen;
  for (const c of chars) s = reduceKey(s, c === '\r' ? { kind: 'enter' } : { kind: 'char', char: c }, view, view.assist).state;
  return s;
};

describe('hint levels: what ? gives', () => {
  it('none: no panel, a sentence saying there are no hints', () => {
    const view = withCard({ hints: 'none' });
    expect(press(view, '?')).toMatchObject({ overlay: 'none', notice: 'hints-off' });
    const inDraft = press(view, '\r', '?');
    expect(inDraft).toMatchObject({ overlay: 'none', notice: 'hints-off' });
    const lines = footerLines({ view, screen: inDraft, status: 'online', code: '', lang: 'en', theme, width: 80, height: 24 });
    expect(lines.map((l) => l.text)).toContain(t('en', 'hintsOff'));
  });

  it('rule: the rule at the cursor, never the correct value', () => {
    const view = withCard({ hints: 'rule', assist: 'by-hand' });
    const s = press(view, '\r', '?');
    expect(s.overlay).toBe('help');
    const panel = rulePanel(s, 'en', 'rule');
    expect(panel).toMatch(/vote/i);
    expect(panel).not.toMatch(/Hint: the correct value/);
  });

  it('answer: the rule and the correct value in a draft; with no draft, by hand, the step’s recipe', () => {
    const view = withCard({ assist: 'by-hand' });
    expect(rulePanel(press(view, '\r', '?'), 'en', 'answer')).toMatch(/Hint: the correct value here is ✔/);
    const recipe = { en: 'i2, write t1, vote i1 and tick ✔.', ru: 'x' };
    expect(rulePanel(press(view, '?'), 'en', 'answer', recipe)).toMatch(/The answer, step by step: i2, write t1, vote i1/);
  });
});

describe('solo keys and words', () => {
  it('h goes none → rule → answer → none; the guide names b, h and c with their state', () => {
    expect(nextHint(withCard())).toBe('none');
    expect(nextHint(withCard({ hints: 'none' }))).toBe('rule');
    expect(nextHint(withCard({ hints: 'rule' }))).toBe('answer');
    expect(modeTag('en', withCard({ assist: 'by-hand', hints: 'rule' }))).toBe('by hand · hints: rule · b h c ? q');
    expect(modeTag('en', withCard())).toBe('b h c ? q');
    expect(modeTag('ru', withCard({ hints: 'none' }))).toBe('подсказки: нет · b h c ? q');
  });

  it('by hand, the key line says to fill the draft in; prefilled, to hand it back', () => {
    const rooms = new Map<string, Room>();
    simulate({ seed: 7, games: [1], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });
    const started = { ...viewOf(rooms.get('1.1')!, 'A', 'i2'), script: { game: 1, step: 2, steps: 3, title: { en: '', ru: '' }, done: false } };
    const handView = { ...started, inbox: [card('A-1', 'i1', 'i2', rv)], task: { kind: 'inbox' as const }, sheet: fresh('i2') };
    expect(keyLine('en', { ...handView, assist: 'by-hand' })).toMatch(/write your answer on the sheet and the card/);
    expect(keyLine('en', handView)).toMatch(/Enter again hands your answer back/);
    expect(guideLines('en', { ...handView, assist: 'by-hand' }, null).at(-1)).toMatch(/· by hand · b h c \? q$/);
  });
});

class FakeConn extends EventEmitter {
  status = 'online';
  seat = null;
  moves: unknown[] = [];
  sendMove(...args: unknown[]) {
    this.moves.push(args);
    return this.moves.length;
  }
}

describe('the student app: solo keys, the quit question, the recap', () => {
  it('a letter with nothing open goes to solo first (b, h); taken keys do not reach the sheet', async () => {
    const conn = new FakeConn();
    const taken: string[] = [];
    const app = render(
      <StudentApp conn={conn as unknown as HubConnection} code="" lang="en" theme={theme} onEnd={() => undefined} onIdleKey={(c) => (c === 'b' ? (taken.push(c), true) : false)} quitQuestion="Quit solo? [y/n]" />,
    );
    conn.emit('view', withCard());
    await until(() => (app.lastFrame() ?? '').includes('RequestVoteRPC'));
    app.stdin.write('b');
    app.stdin.write('q');
    await until(() => (app.lastFrame() ?? '').includes('Quit solo? [y/n]'));
    expect(taken).toEqual(['b']);
    app.unmount();
  });

  it('when the last step of a game is done the recap replaces the sheet; Enter goes back', async () => {
    const rooms = new Map<string, Room>();
    simulate({ seed: 7, games: [1], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });
    const conn = new FakeConn();
    const app = render(<StudentApp conn={conn as unknown as HubConnection} code="" lang="en" theme={theme} onEnd={() => undefined} />);
    conn.emit('view', viewOf(rooms.get('1.2')!, 'A', 'i1'));
    await until(() => (app.lastFrame() ?? '').includes('Raft Log'));
    conn.emit('view', viewOf(rooms.get('1.3')!, 'A', 'i1'));
    await until(() => (app.lastFrame() ?? '').includes('Game 1 — leader election: recap'));
    expect(app.lastFrame()).toMatch(/leader i1 of term t1/);
    app.stdin.write('\r');
    await until(() => (app.lastFrame() ?? '').includes('Raft Log'));
    app.unmount();
  });
});
