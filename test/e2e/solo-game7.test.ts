/**
 * Game 7 in a real terminal (tmux, 80×24): `raft-sheet solo --game 7` seats the player as i1 in
 * a cluster of nine. The player follows the green guide line (the election among i1…i8, "Raft",
 * the learner i9 catching up), and then adds i9 by keys: `w`, `+i9`, Enter opens a draft whose log
 * holds +i9 as one cell at index 5 (R33) and the header counts nine (R34); Enter hands it over,
 * and the next step begins.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capture, normalise } from './screens.js';
import { flat, followGuide, sleep, Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-solo7-home-'));

afterAll(() => tmux.close());

async function play(open: () => void): Promise<string> {
  open();
  const draft = await tmux.waitFor('g7', /draft ◌/, 10_000);
  tmux.keys('g7', 'Enter');
  await tmux.waitFor('g7', (s) => !/draft ◌/.test(s), 10_000);
  return draft;
}

/** `w`, the word, Enter: the client's message as a draft (the guide's "Press w, type …"). */
function write(word: string): () => void {
  return () => {
    tmux.type('g7', 'w');
    tmux.type('g7', word);
    tmux.keys('g7', 'Enter');
  };
}

describe('solo game 7 in a real terminal', () => {
  it('as i1: the guide leads to the change, then w +i9 writes one configuration cell and the step ends', async () => {
    tmux.open('g7', `node ${BIN} solo --pace fast --game 7 --no-predict`, { RAFT_SHEET_HOME: home });
    const first = await tmux.waitFor('g7', /game 7·/, 20_000);
    expect(first).toMatch(/A · i1 ·/);
    let addDraft = '';
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !addDraft) {
      const screen = tmux.screen('g7');
      const guide = flat(screen).match(/▶ ([^↑←]*)/)?.[1] ?? '';
      const word = /Press w, type "([^"]+)"/.exec(guide)?.[1];
      if (word === '+i9' && !/draft ◌/.test(screen)) {
        // The change, by keys: the draft's log holds +i9 in one cell, index 5, term t1.
        write('+i9')();
        addDraft = await tmux.waitFor('g7', /draft ◌/, 10_000);
      } else if (word && !/draft ◌/.test(screen)) await play(write(word));
      else if (!(await followGuide(tmux, 'g7', screen, play))) await sleep(100);
    }
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
