/**
 * `npm start` in a real terminal (tmux, 80×24): `raft-sheet solo` from the compiled bin. The
 * player reads only the screen — the green guide line names the key — and wins game 1 (the
 * election, as i1) and game 2 (replicating HighLoad, as the leader) by key presses; then quits
 * with q, y, and the embedded hub stops cleanly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capture, normalise } from './screens.js';
import { Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-solo-home-'));

afterAll(() => tmux.close());

/** The screen as one line of words: the guide wraps at 80 columns. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

/** One move: the keys that open the draft, then Enter hands it over; wait until it is gone. */
async function play(open: () => void): Promise<void> {
  open();
  await tmux.waitFor('solo', /draft ◌/, 10_000);
  tmux.keys('solo', 'Enter');
  await tmux.waitFor('solo', (s) => !/draft ◌/.test(s), 10_000);
}

describe('npm start: solo mode in a real terminal', () => {
  it('a first-time player wins games 1 and 2 by the keys the screen names, then quits', async () => {
    tmux.open('solo', `node ${BIN} solo --pace fast`, { RAFT_SHEET_HOME: home });
    // The first screen: what you are, and the key to press.
    const firstScreen = await tmux.waitFor('solo', /Press t/, 20_000);
    const code = firstScreen.match(/code (\w{4}) ·/)?.[1];
    const first = flat(firstScreen);
    expect(first).toMatch(/You are server i1 in a Raft cluster of 8; the other seven are bots/);
    expect(first).toMatch(/▶ Press t/);
    capture('solo.txt', normalise(firstScreen, { code }));
    let leaderShown = false;

    const deadline = Date.now() + 120_000;
    let moves = 0;
    let won = '';
    while (Date.now() < deadline) {
      const screen = tmux.screen('solo');
      const text = flat(screen);
      if (/game 3·|Game 2 — log replication — done/.test(text)) break;
      if (/♛ Leader/.test(screen) && !won) won = screen;
      const guide = text.match(/▶ ([^↑←]*)/)?.[1] ?? '';
      if (/draft ◌/.test(screen)) tmux.keys('solo', 'Escape');
      else if (/Press t/.test(guide)) await play(() => tmux.type('solo', 't'));
      else if (/Enter takes the top card/.test(guide)) await play(() => tmux.keys('solo', 'Enter'));
      else if (/Press s/.test(guide)) await play(() => tmux.type('solo', 's'));
      else if (/Press w, then the letter (\S)/.test(guide)) {
        const letter = guide.match(/the letter (\S)/)![1];
        if (letter === 'H' && !leaderShown) {
          // Game 2 begins: the new leader is told which letter to write first.
          capture('solo-leader.txt', normalise(screen, { code }));
          leaderShown = true;
        }
        await play(() => {
          tmux.type('solo', 'w');
          void tmux.waitFor('solo', /Type the letter/).then(() => tmux.type('solo', letter));
        });
      } else {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      moves += 1;
    }
    // Game 1 won: i1 became the leader by its own keys.
    expect(won).toMatch(/A · i1 · ♛ Leader · term t1/);
    // Game 2: i1 wrote HighLoad letter by letter, replicated it and committed 1–4.
    const end = await tmux.waitFor('solo', /game 3·|Game 2 — log replication — done/, 20_000);
    expect(moves).toBeGreaterThanOrEqual(1 + 7 + 8 + 1 + 7);
    expect(end).toMatch(/value\s+H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/);
    expect(end).toMatch(/commit 4/);

    // q asks, y quits; the embedded hub stops and says where the session is.
    // Solo moves the player to game 3's seat by itself; a seat switch draws a fresh sheet, so a
    // question asked just before it is asked again, as a player would.
    let bye = '';
    // Under load the hub may take a while to stop: an exit that comes late still ends the loop.
    for (let attempt = 0; attempt < 3 && !bye; attempt++) {
      tmux.type('solo', 'q');
      const asked = await tmux.waitFor('solo', /Quit\?|\[exited \d+\]/);
      if (/\[exited \d+\]/.test(asked)) bye = asked;
      else tmux.type('solo', 'y');
      bye ||= await tmux.waitFor('solo', /\[exited \d+\]/, 15_000).catch(() => '');
    }
    expect(bye).toMatch(/session recorded in/);
    expect(bye).toMatch(/\[exited 0\]/);
  }, 180_000);
});
