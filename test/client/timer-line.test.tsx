/**
 * The student's countdown in timers mode: seconds left with a bar, "↺ reset" when a heartbeat
 * moved the deadline on, "fired" at zero, the leader's heartbeat pace, and the pause banner.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StudentScreen } from '../../client/student/student-screen.js';
import { initialScreen } from '../../client/student/screen-state.js';
import { makeTheme } from '../../client/theme.js';
import type { SeatView } from '../../src/game/types.js';
import { fresh, seatView } from '../fixtures/seat-view.js';

const theme = makeTheme({ color: false });
const timers = (extra: Partial<SeatView>) => seatView(fresh('i3'), [], { election: 'timers', electionTimeoutMs: [20_000, 40_000], heartbeatMs: 6_666, ...extra });
const screen = (view: SeatView, width = 80, height = 24) => <StudentScreen view={view} screen={initialScreen} status="online" code="K7Q2" lang="en" theme={theme} width={width} height={height} />;

describe('the election timer on the sheet', () => {
  it('counts down in whole seconds and still fits 80×24', () => {
    const app = render(screen(timers({ now: 1_000, timerDeadline: 18_200 })));
    const frame = app.lastFrame()!;
    expect(frame).toMatch(/⏱ election timer 18 s ▓+░+/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    app.rerender(screen(timers({ now: 6_000, timerDeadline: 18_200 })));
    expect(app.lastFrame()).toMatch(/⏱ election timer 13 s/);
    expect(app.lastFrame()).not.toContain('↺ reset');
  });

  it('a heartbeat that resets the timer refills the bar and says ↺ reset', () => {
    const app = render(screen(timers({ now: 15_000, timerDeadline: 18_200 })));
    expect(app.lastFrame()).toMatch(/⏱ election timer 4 s ▓░{9}/);
    app.rerender(screen(timers({ now: 15_500, timerDeadline: 51_000 })));
    expect(app.lastFrame()).toMatch(/⏱ election timer 36 s ▓{9}░ ↺ reset/);
  });

  it('says when the timer fired and which key starts the election', () => {
    const app = render(screen(timers({ now: 20_000, timerDeadline: 19_000 })));
    expect(app.lastFrame()).toContain('your election timer fired: t starts an election');
  });

  it('a leader has no timer but a heartbeat pace', () => {
    const app = render(screen(timers({ sheet: { ...fresh('i3'), role: 'leader', votes: ['i3'] } })));
    expect(app.lastFrame()).toContain('leader: no election timer · heartbeat at least every 7 s (R13)');
  });

  it('a pause shows a banner and the seconds the timer keeps', () => {
    const app = render(screen(timers({ now: 30_000, paused: 10_000, timerDeadline: 22_000 })));
    expect(app.lastFrame()).toContain('⏸ PAUSED by the instructor — moves wait · your timer stopped at 12 s');
    const cue = render(screen(seatView(fresh('i3'), [], { paused: 0 })));
    expect(cue.lastFrame()).toContain('⏸ PAUSED by the instructor — moves wait');
  });

  it('cue mode without a pause draws no timer line', () => {
    const app = render(screen(seatView(fresh('i3'))));
    expect(app.lastFrame()).not.toContain('⏱');
  });
});
