/**
 * `npm start` in a real terminal (tmux, 80×24): `raft-sheet solo` from the compiled bin. The
 * player reads only the screen — the green guide line names the key — and wins game 1 (the
 * election, as i1) and game 2 (replicating HighLoad, as the leader) by key presses; then quits
 * with q, y, and the embedded hub stops cleanly. Also: `--game 4` begins at game 4's first frame
 * (its prepared state), and a legal move off the script (i2's `t` in game 1) never stalls the guide.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capture, normalise } from './screens.js';
import { soloHubLog } from './solo-game.js';
import { flat, followGuide, Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-solo-home-'));

afterAll(() => tmux.close());

/** One move: the keys that open the draft, then Enter hands it over; wait until it is gone. */
const play = (open: () => void) => tmux.playMove('solo', open);

describe('npm start: solo mode in a real terminal', () => {
  it('a first-time player wins games 1 and 2 by the keys the screen names, then quits', async () => {
    tmux.open('solo', `node ${BIN} solo --pace fast --no-predict`, { RAFT_SHEET_HOME: home });
    tmux.explainWith('solo', () => soloHubLog(home));
    // The first screen: what you are, and the key to press.
    const firstScreen = await tmux.waitFor('solo', /Press t/, 20_000);
    const code = firstScreen.match(/code (\w{4}) ·/)?.[1];
    const first = flat(firstScreen);
    expect(first).toMatch(/You are server i1 in a Raft cluster of 8; the other seven are bots/);
    expect(first).toMatch(/▶ Press t/);
    capture('solo.txt', normalise(firstScreen, { code }));
    let leaderShown = false;
    let lastAtI1 = '';
    const words: string[] = [];

    let moves = 0;
    let won = '';
    for await (const screen of tmux.screens('solo', 120_000)) {
      const text = flat(screen);
      // The last screen at i1 (solo moves the player to i8 for game 3 at once, at fast pace).
      if (/A · i1 ·/.test(screen) && /value\s+H\s+i\s+g\s+h\s+L/.test(screen)) lastAtI1 = screen;
      // Game 2 ends with its recap (the sheet behind it moves on to game 3's seat).
      if (/Game 2 — log replication: recap/.test(text)) break;
      if (/♛ Leader/.test(screen) && !won) won = screen;
      const guide = text.match(/▶ ([^↑←]*)/)?.[1] ?? '';
      // After each game a recap (client/student/recap-screen.tsx): Enter goes back to the sheet.
      if (await followGuide(tmux, 'solo', screen, play)) {
        // a key the guide named, played
      } else if (/Press w, type "([^"]+)"/.test(guide)) {
        const word = guide.match(/Press w, type "([^"]+)"/)![1].replace(/␣/g, ' ');
        words.push(word);
        if (word === 'HighLoad' && !leaderShown) {
          // Game 2 begins: the new leader is told the word to write.
          capture('solo-leader.txt', normalise(screen, { code }), 'steady');
          leaderShown = true;
        }
        await play(() => {
          tmux.type('solo', 'w');
          void tmux.waitFor('solo', /Type the client's message/).then(() => {
            tmux.type('solo', word);
            tmux.keys('solo', 'Enter');
          });
        });
      } else {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      moves += 1;
    }
    // Game 1 won: i1 became the leader by its own keys.
    expect(won).toMatch(/A · i1 · ♛ Leader · term t1/);
    // Game 2: i1 wrote HighLoad in one move, replicated it and read the ticks in one move.
    const end = flat(await tmux.waitFor('solo', /Game 2 — log replication: recap/, 20_000));
    expect(moves).toBeGreaterThanOrEqual(1 + 1 + 1 + 1 + 1);
    expect(words).toEqual(['HighLoad']); // the whole word in one move, typed as one burst
    expect(lastAtI1).toMatch(/value\s+H\s+i\s+g\s+h\s+L\s+o\s+a\s+d/);
    expect(end).toMatch(/leader i1 of term t1 · the log: HighLoad \(committed to 4\)/);
    // Enter goes back to the sheet, which is game 3's seat once solo has moved the player there.
    tmux.keys('solo', 'Enter');
    await tmux.waitFor('solo', (s) => /A · i8 ·/.test(s) && !/: recap/.test(s), 20_000);

    // q asks, y quits; the embedded hub stops and says where the session is.
    // Solo moves the player to game 3's seat by itself; a seat switch draws a fresh sheet, so a
    // question asked just before it is asked again, as a player would.
    let bye = '';
    // Under load the hub may take a while to stop: an exit that comes late still ends the loop.
    for (let attempt = 0; attempt < 3 && !bye; attempt++) {
      tmux.type('solo', 'q');
      const asked = await tmux.waitFor('solo', /Quit\?|\[exited \d+\]/, 5_000).catch(() => '');
      if (!asked) continue; // lost in a seat switch: ask again
      if (/\[exited \d+\]/.test(asked)) bye = asked;
      else tmux.type('solo', 'y');
      bye ||= await tmux.waitFor('solo', /\[exited \d+\]/, 15_000).catch(() => '');
    }
    expect(bye).toMatch(/session recorded in/);
    expect(bye).toMatch(/\[exited 0\]/);
  }, 180_000);

  it('solo --game 4 begins at game 4\'s first frame: i4 back, i1 offline, the sheets as game 3 left them', async () => {
    tmux.open('g4', `node ${BIN} solo --pace fast --game 4 --no-predict`, { RAFT_SHEET_HOME: home });
    const screen = await tmux.waitFor('g4', /game 4·1\/6/, 20_000);
    const text = flat(screen);
    expect(screen).toMatch(/A · i4 · ∙ Follower · term t2/); // heard of t2 while rebooting (adopt-term)
    expect(text).toMatch(/▶ Press t/); // start the election for t3
    expect(screen).toMatch(/value\s+H\s+i\s+g\s+h/); // High, from game 2
    tmux.kill('g4');
  }, 60_000);

  it('as i2 in game 1, t while i1\'s RequestVote waits is a legal move: the guide explains and offers retry / skip; R goes back, N goes on', async () => {
    tmux.open('i2', `node ${BIN} solo --pace fast --seat i2 --no-predict`, { RAFT_SHEET_HOME: home, RAFT_SHEET_STALL_MS: '1500' });
    await tmux.waitFor('i2', /Enter takes the top card/, 20_000);
    /** i2 times out (legal, off the script) and takes every card that reaches it, until the guide offers a way on. */
    const offTheScript = async (): Promise<string> => {
      await play2('i2', () => tmux.type('i2', 't')); // i2 starts its own election in t1
      for await (const screen of tmux.screens('i2', 60_000)) {
        const text = flat(screen);
        if (/Off the script/.test(text)) return text;
        if (/Press r to read/.test(text)) await play2('i2', () => tmux.type('i2', 'r'));
        else if (/Enter takes the top card/.test(text)) await play2('i2', () => tmux.keys('i2', 'Enter'));
        else await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no offer: ${tmux.screen('i2')}`);
    };
    let offer = await offTheScript();
    expect(offer).toMatch(/i2's vote in t1 is i2, the step expects i1/);
    expect(offer).toMatch(/Press R to retry the step, N to skip it/);
    // R: back to where the step began — i2 in t0, i1's RequestVote waiting in the inbox.
    tmux.type('i2', 'R');
    const again = await tmux.waitFor('i2', (s) => /A · i2 · ∙ Follower · term t0/.test(s) && /Enter takes the top card/.test(flat(s)), 20_000);
    expect(again).toMatch(/RequestVote\s+i1\s+t1/);
    offer = await offTheScript();
    tmux.type('i2', 'N');
    // Skipped: i1 counts its votes (6 of 8 is a quorum), game 1 ends with its recap (Enter
    // closes it) and the games go on to game 2.
    const next = await tmux.waitFor('i2', /game 2·|Game 1 — leader election: recap/, 30_000);
    if (/: recap/.test(next)) tmux.keys('i2', 'Enter');
    await tmux.waitFor('i2', /game 2·/, 30_000);
    tmux.kill('i2');
  }, 120_000);
});

/** One move of another session: the keys that open the draft, then Enter; wait until it is gone. */
async function play2(name: string, open: () => void): Promise<void> {
  open();
  await tmux.waitFor(name, /draft ◌/, 10_000);
  tmux.keys(name, 'Enter');
  await tmux.waitFor(name, (s) => !/draft ◌/.test(s), 10_000);
}
