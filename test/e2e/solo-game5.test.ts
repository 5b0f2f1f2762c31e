/**
 * Game 5 in a real terminal (tmux, 80×24): `raft-sheet solo --game 5` seats the player as i8,
 * the server that gets cut off. The player follows the green guide line through the first half
 * (its climbing term deposes i4), and then plays the pre-vote step by keys: `t` opens a PreVote
 * card (term t9) while the sheet stays in t8, Enter hands it over, and the term is still t8.
 */
import { describe, expect, it } from 'vitest';
import { capture, normalise } from './screens.js';
import { followGuideUntil, openSoloGame, soloTerminal } from './solo-game.js';
import { flat } from './tmux.js';

const { tmux, home } = soloTerminal('raft-solo5-home-');

describe('solo game 5 in a real terminal', () => {
  it('as i8: the guide leads through the first half, then t sends PreVote for t9 and the term stays t8', async () => {
    const first = await openSoloGame(tmux, 'g5', 5, home);
    expect(first).toMatch(/A · i8 ·/);
    await followGuideUntil(tmux, 'g5', (guide) => /Press t \(timer fires\), then Enter to send PreVote/.test(guide));
    // The pre-vote step, by keys: the draft shows a PreVote card, the sheet stays in t8.
    tmux.type('g5', 't');
    const preVoteDraft = await tmux.waitFor('g5', /PreVoteRPC/, 10_000);
    expect(preVoteDraft).toMatch(/game 5·10\/13/);
    expect(preVoteDraft).toMatch(/A · i8 · ∙ Follower · term t8 · pre-votes 1\/8 · draft ◌/); // R24: its own pre-vote counted
    expect(flat(preVoteDraft)).toMatch(/PreVoteRPC to 7 term 9 candidateId i8 lastLogIndex 8 lastLogTerm 3/);
    // The first half on the sheet: t4…t7 i8's own lost elections, t8 its vote for i4.
    expect(preVoteDraft).toMatch(/vote i1\s+i8\s+i4\s+i8\s+i8\s+i8\s+i8\s+i4/);
    capture('solo-prevote.txt', normalise(preVoteDraft, {}), 'steady');
    tmux.keys('g5', 'Enter');
    // Handed over: the step is done, the next one starts, and the term is still t8.
    const after = await tmux.waitFor('g5', /game 5·11\/13/, 20_000);
    expect(after).toMatch(/A · i8 · ∙ Follower · term t8 · pre-votes 1\/8/);
    tmux.kill('g5');
  }, 200_000);
});
