/**
 * The console's ask panels (issue 14) lay out honestly at 80×24, 120×40 and 160×45: the list of
 * decisions to ask about (seven RequestVotes waiting), and an open question counted, then revealed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, layElement } from '../client/render-at.js';
import { ConsoleScreen, type Banner } from '../../client/console/console-screen.js';
import { initialConsole, type ConsoleState } from '../../client/console/console-state.js';
import { makeTheme } from '../../client/theme.js';
import { instructorView } from '../../src/game/views.js';
import { Table } from '../game/helpers.js';

const theme = makeTheme({ color: false });
const banner: Banner = { code: 'K7Q2', join: ['raft-sheet join ws://192.168.1.20:7070 --code K7Q2'], key: null, dir: 'sessions/2026-11-25' };

afterAll(closeAll);

describe('the console’s ask panels', () => {
  it('the decisions to ask about, the question counted and revealed, at every size in en and ru', () => {
    const t = new Table({ size: 8 });
    for (const s of ['i2', 'i3', 'i4']) t.ok({ type: 'seat', cluster: 'A', server: s, seat: { kind: 'student', name: `Student ${s}` } });
    t.ok({ type: 'fire', cluster: 'A', server: 'i1' });
    const listing = instructorView(t.room);
    const card = t.inbox('i2')[0];
    t.ok({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id } });
    t.ok({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 1 });
    const counted = instructorView(t.room);
    t.ok({ type: 'reveal', cluster: 'A' });
    const revealed = instructorView(t.room);
    const cases: [string, typeof listing, ConsoleState][] = [
      ['the list', listing, { ...initialConsole, panel: { kind: 'ask', room: false } }],
      ['counted', counted, { ...initialConsole, panel: { kind: 'question' } }],
      ['revealed', revealed, { ...initialConsole, panel: { kind: 'question' } }],
    ];
    for (const [w, h] of [[80, 24], [120, 40], [160, 45]] as const) {
      for (const [label, view, state] of cases) {
        for (const lang of ['en', 'ru'] as const) {
          const { problems, frame } = layElement(<ConsoleScreen view={view} presence={{}} banner={banner} state={state} moments={[]} status="online" width={w} height={h} lang={lang} theme={theme} />, w, h);
          expect(problems, `${label} at ${w}×${h} in ${lang}`).toEqual([]);
          if (lang === 'en' && label === 'the list') expect(frame).toContain(" 7  i8 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?");
          if (lang === 'en' && label === 'counted') expect(frame).toContain('1 of 3 answered');
          if (lang === 'en' && label === 'revealed') expect(frame).toMatch(/Yes +█* +0 +✔ correct/);
        }
      }
    }
  });
});
