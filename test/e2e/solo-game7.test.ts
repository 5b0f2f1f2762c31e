/**
 * Game 7 in a real terminal (tmux, 80×24): `raft-sheet solo --game 7` seats the player as i1 in
 * a cluster of nine. The player follows the green guide line (the election among i1…i8, "Raft",
 * the learner i9 catching up), and then adds i9 by keys: `w`, `+i9`, Enter opens a draft whose log
 * holds +i9 as one cell at index 5 (R33) and the header counts nine (R34); Enter hands it over,
 * and the next step begins.
 */
import { describe, expect, it } from 'vitest';
import { capture, normalise } from './screens.js';
import { followGuideUntil, openSoloGame, soloTerminal, typeWord } from './solo-game.js';

const { tmux, home } = soloTerminal('raft-solo7-home-');

describe('solo game 7 in a real terminal', () => {
  it('as i1: the guide leads to the change, then w +i9 writes one configuration cell and the step ends', async () => {
    const first = await openSoloGame(tmux, 'g7', 7, home);
    expect(first).toMatch(/A · i1 ·/);
    await followGuideUntil(tmux, 'g7', (guide) => /Press w, type "\+i9"/.test(guide));
    // The change, by keys: the draft's log holds +i9 in one cell, index 5, term t1.
    typeWord(tmux, 'g7', '+i9');
    const addDraft = await tmux.waitFor('g7', /draft ◌/, 10_000);
    expect(addDraft).toMatch(/game 7·8\/32/);
    expect(addDraft).toMatch(/A · i1 · ♛ Leader · term t1 · config 9/); // R34: the draft's log counts nine at once
    expect(addDraft).toMatch(/value R {3}a {3}f {3}t {3}\+i9/); // one cell, the columns widened for it
    expect(addDraft).toMatch(/term t1 {2}t1 {2}t1 {2}t1 {2}t1/);
    capture('solo-membership.txt', normalise(addDraft, {}), 'steady');
    tmux.keys('g7', 'Enter');
    // Handed over: the step is done and the next one (everyone takes +i9) starts.
    const after = await tmux.waitFor('g7', /game 7·9\/32/, 20_000);
    expect(after).toMatch(/A · i1 · ♛ Leader · term t1/);
    tmux.kill('g7');
  }, 200_000);
});
