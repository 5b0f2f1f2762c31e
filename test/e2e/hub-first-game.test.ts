/**
 * The hub's `g 3` as the room's first game, in a real terminal (tmux, 80×24): game 3 starts from
 * its prepared state (the sheets as games 1–2 leave them), so bots can play it to its last frame:
 * i8 a candidate of t2 with 4 of 8 votes (its own, i5, i6, i7), nobody leading, "High" on every log.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-first-game-'));

afterAll(() => tmux.close());

/** The console's script line: game, step, and whether the cluster finished it. */
const scriptLine = (screen: string) => (screen.split('\n')[2] ?? '').match(/Game (\d) · step (\d)\/(\d).*?(all done)?/);

describe('g 3 as the first game of a hub', () => {
  it('reaches game 3\'s last frame with bots: i8 in t2 with 4 of 8 votes, High on every log', async () => {
    tmux.open('hub', `node ${BIN} hub --port 0 --clusters 1 --data ${path.join(home, 'session')}`);
    await tmux.waitFor('hub', /No game running: g chooses one/, 20_000);
    tmux.type('hub', 'b');
    await tmux.waitFor('hub', /Bots: f fill empty seats/);
    tmux.type('hub', 'F');
    await tmux.waitFor('hub', /b8/);
    tmux.type('hub', 'g');
    await tmux.waitFor('hub', /Game for every cluster/);
    tmux.type('hub', '3');
    for (let step = 1; step <= 4; step++) {
      // Each step finishes (bots only): fresh sheets would leave game 3 waiting forever.
      await tmux.waitFor('hub', (s) => {
        const m = scriptLine(s);
        return m !== null && Number(m[1]) === 3 && Number(m[2]) === step && /all done/.test(s.split('\n')[2] ?? '');
      }, 30_000);
      if (step < 4) tmux.type('hub', 'n');
    }
    tmux.keys('hub', 'Enter');
    const board = await tmux.waitFor('hub', /Cluster A · term t2 · no leader/, 10_000);
    const rows = board.split('\n').filter((l) => /^i\d/.test(l));
    expect(rows).toHaveLength(8);
    expect(rows.every((l) => /H i g h/.test(l))).toBe(true);
    expect(rows.filter((l) => /t2→i8/.test(l))).toHaveLength(4); // i5, i6, i7 and i8 itself
    expect(rows.find((l) => l.startsWith('i8'))).toMatch(/^i8✋ t2→i8/);
    expect(rows.filter((l) => /○ off/.test(l)).map((l) => l.slice(0, 2))).toEqual(['i1', 'i4']);
  }, 120_000);
});
