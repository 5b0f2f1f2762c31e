/** Replay on screen: → and ← show the room as it was after that record, with who did what. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { makeTheme } from '../../client/theme.js';
import { fixtureSession, positionOfWrite } from './session.js';
import { until } from '../fixtures/until.js';

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';

const { info, records } = fixtureSession();
const timeline = new ReplayTimeline(info.config, records);

/** The row of `server` in the large board: its id, role mark and term, then its letters. */
const row = (frame: string, server: string) => frame.split('\n').find((l) => l.startsWith(`${server}`) && / t\d/.test(l)) ?? '';

describe('replay app', () => {
  it('steps forward over the record where i1 writes HighLoad in one move, and back again', async () => {
    const k = positionOfWrite(records, 'A', 'i1', 'HighLoad'); // after it, i1's log reads HighLoad
    const app = render(<ReplayApp timeline={timeline} title="workshop" lang="en" theme={makeTheme({ color: false })} focus="A" start={k - 1} />);
    await until(() => (app.lastFrame() ?? '').includes(`record ${k - 1} of`));
    let frame = app.lastFrame()!;
    expect(frame).toContain(`record ${k - 1} of ${records.length}`);
    expect(row(frame, 'i1')).not.toMatch(/H/);

    app.stdin.write(RIGHT);
    await until(() => (app.lastFrame() ?? '').includes(`record ${k} of`));
    frame = app.lastFrame()!;
    expect(frame).toContain(`record ${k} of ${records.length}`);
    expect(frame).toContain("A/i1 (bot): wrote 'HighLoad' at index 1");
    expect(row(frame, 'i1')).toMatch(/H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/);

    app.stdin.write(LEFT);
    await until(() => (app.lastFrame() ?? '').includes(`record ${k - 1} of`));
    frame = app.lastFrame()!;
    expect(frame).toContain(`record ${k - 1} of ${records.length}`);
    expect(row(frame, 'i1')).not.toMatch(/H/);
    app.unmount();
  });

  it('n jumps to the next game step; a shows every cluster compact; the frame stays below the terminal height', async () => {
    const app = render(<ReplayApp timeline={timeline} title="workshop" lang="en" theme={makeTheme({ color: false })} focus="A" />);
    await until(() => (app.lastFrame() ?? '').includes('the start'));
    expect(app.lastFrame()).toContain('the start');
    app.stdin.write('n');
    await until(() => (app.lastFrame() ?? '').includes(`record ${timeline.steps[0]} of`));
    expect(app.lastFrame()).toContain(`record ${timeline.steps[0]} of`);
    expect(app.lastFrame()).toContain('Game 1 · step 1/3');
    app.stdin.write('a');
    await until(() => (app.lastFrame() ?? '').includes('Cluster B'));
    const frame = app.lastFrame()!;
    expect(frame).toContain('Cluster A');
    expect(frame).toContain('Cluster B');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    app.unmount();
  });
});
