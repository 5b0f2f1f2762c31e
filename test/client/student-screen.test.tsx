import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StudentScreen } from '../../client/student/student-screen.js';
import { initialScreen, reduceKey } from '../../client/student/screen-state.js';
import { makeTheme } from '../../client/theme.js';
import { step } from '../../src/raft/step.js';
import type { ServerState } from '../../src/raft/types.js';
import { card, fresh, seatView } from '../fixtures/seat-view.js';

const theme = makeTheme({ color: false });

/** i2 after game 2 of the workshop: HighLoad, 1–4 applied. */
function i2AfterGame2(): ServerState {
  const s = fresh('i2');
  const log = [...'HighLoad'].map((value) => ({ term: 1, value }));
  return { ...s, votes: ['i1'], log, commitIndex: 4, lastApplied: 4 };
}

describe('the sheet on screen', () => {
  it('shows raft_id, role, the Terms row with votes and the log one letter per cell at 80×24', () => {
    const view = seatView(i2AfterGame2());
    const { lastFrame } = render(<StudentScreen view={view} screen={initialScreen} status="online" code="K7Q2" lang="en" theme={theme} width={80} height={24} />);
    const frame = lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23); // R: a frame as tall as the terminal clears it on redraw
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(frame).toContain('A · i2');
    expect(frame).toContain('Follower');
    expect(frame).toMatch(/vote\s+i1/);
    expect(frame).toMatch(/value\s+H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/);
    // applied 1–4 ✔, 5–8 persisted ○ (not committed on i2)
    expect(frame).toMatch(/applied\s+✔\s+✔\s+✔\s+✔\s+○\s+○\s+○\s+○/);
    expect(frame).toContain('code K7Q2');
  });

  it('says so when the terminal is smaller than 80×24', () => {
    const { lastFrame } = render(<StudentScreen view={seatView(fresh('i3'))} screen={initialScreen} status="online" code="K" lang="en" theme={theme} width={60} height={20} />);
    expect(lastFrame()).toContain('needs at least 80×24');
  });

  it('speaks Russian', () => {
    const { lastFrame } = render(<StudentScreen view={seatView(i2AfterGame2())} screen={initialScreen} status="online" code="K" lang="ru" theme={theme} width={80} height={24} />);
    expect(lastFrame()).toContain('Фолловер');
    expect(lastFrame()).toContain('Журнал');
  });

  it('draws the card in hand and the draft of the answer', () => {
    const rv = { type: 'RequestVote' as const, term: 2, candidateId: 'i8', lastLogIndex: 4, lastLogTerm: 1 };
    const view = seatView(i2AfterGame2(), [card('A-9', 'i8', 'i2', rv)]);
    const taken = reduceKey(initialScreen, { kind: 'enter' }, view, 'prefilled').state;
    const { lastFrame } = render(<StudentScreen view={view} screen={taken} status="online" code="K" lang="en" theme={theme} width={80} height={24} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('RequestVoteRPC');
    expect(frame).toContain('lastLogIndex 4');
    // The correct answer: i2's log (8/t1) is more up to date: ✗, and t2 is entered with vote —.
    // The cursor starts on the tick; without colour it is bracketed (inverse alone would vanish).
    expect(frame).toContain('Your answer to i8: ok [✗]');
    expect(frame).toMatch(/t1\s+t2/);
    const correct = step(view.sheet, { kind: 'receive', from: 'i8', message: rv });
    expect(correct.state.votes).toEqual(['i1', null]);
  });

  it('works in --ascii', () => {
    const ascii = makeTheme({ color: false, ascii: true });
    const { lastFrame } = render(<StudentScreen view={seatView(i2AfterGame2())} screen={initialScreen} status="online" code="K" lang="en" theme={ascii} width={80} height={24} />);
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/applied\s+\+\s+\+\s+\+\s+\+\s+o/);
    expect(frame).not.toMatch(/[✔●○◌♛]/);
  });
});

describe('the frame fits the terminal', () => {
  it('stays at most rows − 1 tall with a full inbox, a long prompt, a refusal with three mistakes and a violation', () => {
    const leader = { ...i2AfterGame2(), id: 'i1', role: 'leader' as const, nextIndex: {}, matchIndex: {} };
    const inbox = Array.from({ length: 7 }, (_, k) =>
      card(`A-${k}`, `i${k + 2}`, 'i1', { type: 'AppendEntriesReply', term: 1, success: true }, { type: 'AppendEntries', term: 1, leaderId: 'i1', prevLogIndex: 4, prevLogTerm: 1, entries: [], leaderCommit: 4 }),
    );
    const long = 'This prompt is long enough to wrap over several lines of an eighty column terminal, and then some more words. '.repeat(2);
    const violation = { property: 'P1' as const, servers: ['i1', 'i2'], term: 1, explain: { en: 'Two leaders in term 1: i1 and i2. '.repeat(3), ru: 'x' } };
    const view = seatView(leader, inbox, { prompt: { en: long, ru: long }, violations: [violation] });
    const mistake = (rule: string) => ({ rule: rule as 'R9', field: 'x', expected: 1, given: 2, explain: { en: `${rule}: a long explanation that wraps over two rows of the terminal for sure, because it keeps going on and on.`, ru: 'x' } });
    const screen = { ...initialScreen, verdict: { accepted: false, mistakes: [mistake('R22'), mistake('R23'), mistake('R19')] } };
    for (const [w, h] of [[80, 24], [100, 30], [120, 40]]) {
      const { lastFrame, unmount } = render(<StudentScreen view={view} screen={screen} status="online" code="K" lang="en" theme={theme} width={w} height={h} />);
      const lines = (lastFrame() ?? '').split('\n');
      expect(lines.length, `${w}×${h}`).toBeLessThanOrEqual(h - 1);
      expect(lines.at(-1)).toMatch(/q quit/); // the key help is never pushed off
      expect(lastFrame()).toContain('Refused by the referee');
      unmount();
    }
  });
});
