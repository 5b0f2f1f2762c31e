/**
 * Solo predictions (issue 14) in a real terminal (tmux, 80×24): `raft-sheet solo` at the bots'
 * human pace asks the player to predict a bot's key decision in each step (a vote, a log, who
 * leads, a commit), shows the answer with its rule, plays the decision, and the recap after game 1
 * says how many predictions were right.
 */
import { describe, expect, it } from 'vitest';
import { BIN, soloTerminal } from './solo-game.js';
import { flat, followGuide } from './tmux.js';

const { tmux, home } = soloTerminal('raft-solo-predict-');

async function play(open: () => void): Promise<void> {
  open();
  await tmux.waitFor('solo', /draft ◌|QUESTION/, 15_000);
  if (/draft ◌/.test(tmux.screen('solo'))) tmux.keys('solo', 'Enter');
  await tmux.waitFor('solo', (s) => !/draft ◌/.test(s), 15_000);
}

describe('solo asks for predictions', () => {
  it('game 1: each question answered by a key, the answer and rule shown, the recap counts the right ones', async () => {
    tmux.open('solo', `node ${BIN} solo`, { RAFT_SHEET_HOME: home });
    await tmux.waitFor('solo', /Press t/, 30_000);
    const asked = new Set<string>();
    const results: string[] = [];
    let recap = '';
    for await (const screen of tmux.screens('solo', 150_000)) {
      const text = flat(screen);
      if (/Game 1 — .*: recap/.test(text)) {
        recap = text;
        break;
      }
      const question = text.match(/\? QUESTION about A · (i\d) [^?]*?answered (.*?\?)/);
      if (question) {
        const key = `${question[1]} ${question[2]}`;
        if (/Press y or n/.test(text) && !asked.has(key)) {
          asked.add(key);
          tmux.type('solo', 'y');
          const shown = flat(await tmux.waitFor('solo', /Your answer was right|Not this time/, 20_000));
          results.push(/Your answer was right/.test(shown) ? 'right' : 'wrong');
          expect(shown).toMatch(/R\d+ · /); // the rule that decides it
        } else if (/Press 1–\d/.test(text) && !asked.has(key)) {
          asked.add(key);
          tmux.type('solo', '1');
          const shown = flat(await tmux.waitFor('solo', /Your answer was right|Not this time/, 20_000));
          results.push(/Your answer was right/.test(shown) ? 'right' : 'wrong');
        }
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!(await followGuide(tmux, 'solo', screen, play))) await new Promise((r) => setTimeout(r, 200));
    }
    expect(asked.size).toBeGreaterThanOrEqual(1);
    expect(results.length).toBe(asked.size);
    const right = results.filter((r) => r === 'right').length;
    expect(recap).toContain(`Predictions: ${right} of ${results.length} right`);
  }, 200_000);
});
