/**
 * Views carry a bounded number of cards and count the rest (issue 11, cards in flight): the
 * student's inbox and the console's card list show the true total and `+N`.
 */
import { render } from 'ink-testing-library';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { StudentScreen } from '../../client/student/student-screen.js';
import { initialScreen } from '../../client/student/screen-state.js';
import { ConsoleScreen, type Banner } from '../../client/console/console-screen.js';
import { initialConsole } from '../../client/console/console-state.js';
import { makeTheme } from '../../client/theme.js';
import { instructorView } from '../../src/game/views.js';
import type { Card, Room } from '../../src/game/types.js';
import { card, fresh, seatView } from '../fixtures/seat-view.js';
import { Table } from '../game/helpers.js';

const theme = makeTheme({ color: false });

describe('the student inbox counts the cards the view left out', () => {
  it('title and +N show the true total', () => {
    const rv = { type: 'RequestVote' as const, term: 2, candidateId: 'i8', lastLogIndex: 0, lastLogTerm: 0 };
    const inbox = Array.from({ length: 64 }, (_, i) => card(`A-${100 + i}`, 'i8', 'i2', rv));
    const view = { ...seatView(fresh('i2'), inbox), inboxMore: 436 };
    const { lastFrame } = render(<StudentScreen view={view} screen={initialScreen} status="online" code="K" lang="en" theme={theme} width={80} height={24} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Inbox (500)');
    const shown = (frame.match(/RequestVote\s+i8/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(frame).toContain(`+${500 - shown}`);
  });
});

describe('the console card list says how many more are in flight', () => {
  it('+N more under the oldest 64', () => {
    const t = new Table({ size: 3, election: 'cue' });
    t.elect('i1', 'i2', 'i3');
    t.send('i1', 'i2');
    const A = t.room.clusters.A;
    const one = A.inFlight.find((k) => k.to === 'i2')!;
    const inFlight: Card[] = Array.from({ length: 500 }, (_, i) => ({ ...one, id: `A-${1000 + i}` }));
    const room: Room = { ...t.room, clusters: { A: { ...A, inFlight } } };
    const view = instructorView(room);
    const banner: Banner = { code: 'K7Q2', join: ['raft-sheet join ws://h:7070 --code K7Q2'], key: null, dir: 'sessions/x' };
    const state = { ...initialConsole, panel: { kind: 'pick-card' as const, purpose: 'lose' as const, index: 0 } };
    const out = renderToString(<ConsoleScreen view={view} presence={{}} banner={banner} state={state} moments={[]} status="online" width={120} height={40} lang="en" theme={theme} />, { columns: 120 });
    expect(out).toContain('(500)');
    expect(out).toContain('+436 more');
  });
});
