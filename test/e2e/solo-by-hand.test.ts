/**
 * `raft-sheet solo --by-hand` in a real terminal (tmux, 80×24): drafts open blank and the prompt
 * states the goal, not the answer. The player wins game 1 typing every cell of every move
 * (term, vote, role, commit and the RequestVote card; the role once the Response row makes a quorum),
 * reads the recap, looks at the whole cluster with `c`, and quits with solo's own question.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flat, Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-solo-hand-'));

afterAll(() => tmux.close());

const W = 'hand';

/** Hands the open draft over and waits for the referee's word. */
async function handOver(): Promise<string> {
  tmux.keys(W, 'Enter');
  return tmux.waitFor(W, (s) => !/draft ◌/.test(s), 15_000);
}

describe('solo by hand in a real terminal', () => {
  it('wins game 1 typing every cell, with the goal as the prompt, then the recap and the cluster', async () => {
    tmux.open(W, `node ${BIN} solo --by-hand --pace fast --no-predict`, { RAFT_SHEET_HOME: home });
    const first = flat(await tmux.waitFor(W, /Press t/, 30_000));
    // The goal, not the recipe: nothing about t1, votes or lastLogIndex.
    expect(first).toMatch(/» i1, your election timer fired: start an election and ask everyone for their vote\./);
    expect(first).not.toMatch(/lastLogIndex 0|write term t1/);
    expect(first).toMatch(/· by hand · b h c \? q/);

    // Step 1: the timer fires. The draft opens blank (term t0, no vote, still a follower), the
    // cursor on the card's term. Every cell typed: card term 1, lastLogIndex 0, lastLogTerm 0;
    // up to the Terms row: vote i1 (entering t1); up to the plate: candidate, commitIndex 0.
    tmux.type(W, 't');
    const blank = await tmux.waitFor(W, /draft ◌/, 15_000);
    expect(blank).toMatch(/∙ Follower · term t0 · draft/);
    tmux.type(W, '1');
    tmux.keys(W, 'Right');
    tmux.type(W, '0');
    tmux.keys(W, 'Right');
    tmux.type(W, '0');
    tmux.keys(W, 'Up', 'Up', 'Up');
    tmux.type(W, '1');
    tmux.keys(W, 'Up');
    tmux.type(W, 'c');
    tmux.keys(W, 'Right');
    tmux.type(W, '0');
    await tmux.waitFor(W, /✋ Candidate · term t1 · draft/, 10_000);
    const sent = await handOver();
    expect(sent).not.toMatch(/Refused/);

    // Step 3: the Response row, read in one move (r) as on paper; a reply card taken alone is
    // Enter. With its own vote, every ✔ counts: once they make a quorum (5 of 8) the player
    // writes `leader` on the plate (R11). In game 1 every vote is granted.
    let leader = false;
    let reads = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const screen = await tmux.waitFor(W, (s) => /Press r to read|Enter takes the top card/.test(flat(s)) || /: recap/.test(s), 30_000);
      if (/: recap/.test(screen)) break;
      const row = flat(screen).match(/Press r to read the Response row \((\d+) replies/);
      if (row) tmux.type(W, 'r');
      else tmux.keys(W, 'Enter');
      await tmux.waitFor(W, /draft ◌/, 15_000);
      reads += row ? Number(row[1]) : 1;
      if (!leader && reads + 1 >= 5) {
        // The cursor starts on commitIndex (replies are about the count, not a card).
        tmux.keys(W, 'Left');
        tmux.type(W, 'l');
        await tmux.waitFor(W, /♛ Leader · term t1 · draft/, 10_000);
        leader = true;
      }
      const after = await handOver();
      expect(after, `after ${reads} replies`).not.toMatch(/Refused/);
    }
    expect(leader).toBe(true);

    // Game 1 is over: the recap says who leads, the rules, and that no move was wrong.
    const recap = flat(await tmux.waitFor(W, /Game 1 — leader election: recap/, 30_000));
    expect(recap).toMatch(/leader i1 of term t1/);
    expect(recap).toMatch(/R11 /);
    expect(recap).toMatch(/Your mistakes \(0\)/);
    tmux.keys(W, 'Enter');
    const back = await tmux.waitFor(W, (s) => /Raft Log/.test(s) && !/recap/.test(s), 15_000);
    expect(back).toMatch(/A · i1 · ♛ Leader · term t1/);

    // c: every server at a glance, all in t1 with their vote for i1; c again goes back.
    await tmux.waitFor(W, (s) => !/draft ◌/.test(s), 10_000);
    tmux.type(W, 'c');
    const strip = await tmux.waitFor(W, /Cluster · t1 · ♛ i1/, 10_000);
    expect(strip).toMatch(/▸i1♛ t1·i1/);
    for (const id of ['i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8']) expect(strip).toMatch(new RegExp(` ${id}  t1·i1`));
    tmux.type(W, 'c');
    await tmux.waitFor(W, /Raft Log/, 10_000);

    // q asks solo's own question (a new command starts a new session), y quits.
    let bye = '';
    for (let attempt = 0; attempt < 3 && !bye; attempt++) {
      tmux.type(W, 'q');
      const ask = flat(await tmux.waitFor(W, /Quit\?/, 10_000));
      expect(ask).toMatch(/Quit\? The game is recorded; solo --game N starts a new one at game N/);
      expect(ask).not.toMatch(/rejoin with the same command/);
      tmux.type(W, 'y');
      bye = await tmux.waitFor(W, /\[exited \d+\]/, 10_000).catch(() => '');
    }
    expect(bye).toMatch(/\[exited 0\]/);
  }, 240_000);
});
