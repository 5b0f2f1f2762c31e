/** Replay shows a question asked of the room (issue 14): the count while open, then the tally and the rule. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ReplayApp } from '../../client/replay/replay-app.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { makeTheme } from '../../client/theme.js';
import { session } from '../report/question-session.js';
import { until } from '../fixtures/until.js';

const records = session();
const timeline = new ReplayTimeline({ size: 3 }, records);

describe('replay of a session with a question', () => {
  it('shows the question with its count after the answers, and the tally and rule after the reveal', async () => {
    const at = async (k: number) => {
      const app = render(<ReplayApp timeline={timeline} title="asked" lang="en" theme={makeTheme({ color: false })} focus="A" start={k} />);
      await until(() => (app.lastFrame() ?? '').includes(`record ${k} of`));
      const frame = app.lastFrame()!;
      app.unmount();
      return frame;
    };
    const answered = await at(8); // the three answers are in, not yet revealed
    expect(answered).toContain("i2 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?");
    expect(answered).toContain('3 of 3 answered');
    expect(answered).toContain('Cy (A/i3): answers A-q1: Yes');
    expect(answered).toContain('27 s left'); // the recorded moment: asked 3 s before, 30 s to answer
    expect(answered).not.toContain('correct');
    const revealed = await at(9);
    expect(revealed).toMatch(/y {2}Yes +█+ +2 {2}✔ correct/);
    expect(revealed).toContain('R10');
    const played = await at(10);
    expect(played).not.toContain('QUESTION');
  });
});
