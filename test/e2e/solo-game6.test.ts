/**
 * Game 6 in a real terminal (tmux, 80×24): `raft-sheet solo --game 6` seats the player as i4,
 * the leader whose log outgrows the sheet. The player writes " zap" by keys (the sheet then shows
 * its snapshot box 12/t3 and the log from 13 on), follows the green guide line, and plays the
 * InstallSnapshot step by keys: `s` opens an InstallSnapshot card for i8 (the entries it lacks
 * are gone, R32), Enter hands it over, and i8 then holds the same box.
 */
import { describe, expect, it } from 'vitest';
import { capture, normalise } from './screens.js';
import { followGuideUntil, openSoloGame, soloTerminal, typeWord } from './solo-game.js';
import { flat } from './tmux.js';

const { tmux, home } = soloTerminal('raft-solo6-home-');

describe('solo game 6 in a real terminal', () => {
  it('as i4: w writes " zap" and the sheet shows the snapshot box; later s sends i8 InstallSnapshot', async () => {
    const first = await openSoloGame(tmux, 'g6', 6, home, /game 6·1\/9 ▶ Press w/);
    expect(first).toMatch(/A · i4 · ♛ Leader · term t8/);
    // Step 1 by keys: the client's word (R15); applying 1–12 past the threshold boxes them (R30).
    await tmux.playMove('g6', () => typeWord(tmux, 'g6', ' zap'));
    const boxed = await tmux.waitFor('g6', /game 6·2\/9/, 20_000);
    expect(boxed).toMatch(/snapshot ≤12\/t3 "High␣voltage"/);
    expect(boxed).toMatch(/index 13 14 15 16/);
    await followGuideUntil(tmux, 'g6', (guide) => /Press s \(InstallSnapshot/.test(guide));
    tmux.type('g6', 's');
    const snapshotDraft = await tmux.waitFor('g6', /InstallSnapshotRPC/, 10_000);
    expect(snapshotDraft).toMatch(/game 6·6\/9/);
    expect(flat(snapshotDraft)).toMatch(/InstallSnapshotRPC to i8 i8: term 8 last 12 t 3 "High␣voltage"/);
    capture('solo-snapshot.txt', normalise(snapshotDraft, {}), 'steady');
    tmux.keys('g6', 'Enter');
    // Handed over: the step is done and i8 takes the snapshot next.
    const after = await tmux.waitFor('g6', /game 6·7\/9/, 20_000);
    expect(after).toMatch(/i8, take the InstallSnapshot/);
    tmux.type('g6', 'c');
    const strip = await tmux.waitFor('g6', /i8 .*▣12/, 20_000);
    expect(strip).toMatch(/i8 +t8·i4 +High␣voltage +✔12●12 ▣12/);
    tmux.kill('g6');
  }, 200_000);
});
