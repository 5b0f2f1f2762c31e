/**
 * The instructor's console in a real terminal (tmux, 80×24): `raft-sheet hub` from the compiled
 * bin with two clusters, bots filled from the console's keys, and one student (`raft-sheet
 * join`, cluster B seat i6) in another terminal. The instructor steps through games 1–4 by keys
 * only and reads on the console that both clusters finish every step; a fault chosen from the
 * console (lose the card to i4) hits cluster A only. The student plays i6 by keys whenever the
 * script asks i6 for something, so the seat never blocks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GAMES } from '../../src/game/scenarios.js';
import { capture, normalise } from './screens.js';
import { flat, sleep, Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const tmux = new Tmux(80, 24);
const home = mkdtempSync(path.join(tmpdir(), 'raft-console-'));
const dir = path.join(home, 'session');

afterAll(() => tmux.close());

/** `A  ♛i1 t1 4 6 …`: the cluster's row of the console table. */
const row = (screen: string, id: string) => screen.split('\n').find((l) => new RegExp(`^.${id}  `).test(l)) ?? '';
/** Columns: cl, leader, term, commit, cards in flight, … */
const cardsOf = (screen: string, id: string) => Number(row(screen, id).match(/^.\S+\s+\S+\s+t\d+\s+\d+\s+(\d+)/)?.[1]);

/** The console's script line: game, step, and whether every cluster finished it. */
function scriptLine(screen: string): { game: number; step: number; steps: number; allDone: boolean } | null {
  const line = screen.split('\n')[2] ?? '';
  const m = line.match(/Game (\d) · step (\d)\/(\d)/);
  return m ? { game: Number(m[1]), step: Number(m[2]), steps: Number(m[3]), allDone: /all done/.test(line) } : null;
}

/** The student at B/i6 takes every card in its inbox, by keys (Enter opens, Enter hands back). */
async function studentWorksInbox(): Promise<void> {
  // A game's recap (client/student/recap-screen.tsx) stands in front of the sheet: Enter closes it.
  if (/: recap/.test(tmux.screen('student'))) {
    tmux.keys('student', 'Enter');
    await tmux.waitFor('student', (s) => !/: recap/.test(s), 10_000);
  }
  const screen = tmux.screen('student');
  const n = Number(screen.match(/Inbox \((\d+)\)/)?.[1] ?? 0);
  if (n === 0 || /draft ◌/.test(screen)) return;
  await tmux.playMove('student', () => tmux.keys('student', 'Enter'));
}

describe('the instructor console in a real terminal', () => {
  it('steps two clusters of bots and a student through games 1–4 by keys; a console fault hits one cluster', async () => {
    tmux.open('hub', `node ${BIN} hub --port 0 --clusters 2 --data ${dir}`);
    const banner = await tmux.waitFor('hub', /join: raft-sheet join ws:\/\/\S+:(\d+) --code (\w+)/, 20_000);
    const [, port, code] = banner.match(/join: raft-sheet join ws:\/\/\S+:(\d+) --code (\w+)/)!;
    const vars = { code, port: Number(port), dir };
    expect(banner).toMatch(/No game running: g chooses one/);
    expect(banner).toMatch(/g game · n next · p prev · f fault · b bots/);

    // One student joins cluster B at i6; the console shows the seat taken and connected.
    tmux.open('student', `node ${BIN} join ws://127.0.0.1:${port} --code ${code} --cluster B --seat i6 --name Sam`, { RAFT_SHEET_HOME: path.join(home, 'student') });
    await tmux.waitFor('student', /B · i6 ·/, 20_000);
    await tmux.waitFor('hub', (s) => /s1\/1 e7/.test(row(s, 'B')));

    // The instructor key is shown on request only.
    tmux.type('hub', 'k');
    await tmux.waitFor('hub', /key: \S+/);
    // With it, the web projector's address, the read-only key in its fragment.
    await tmux.waitFor('hub', /projector \(browser\): http:\/\/\S+:\d+\/projector#key=\S+/);
    // `k` and `b` typed back to back may reach the console in one read: both count (key-chunk.ts);
    // the test still waits for the key to be hidden, so it checks the screen, not the timing.
    tmux.type('hub', 'k');
    await tmux.waitFor('hub', (s) => !/key: \S+/.test(s));

    // Bots fill the fifteen empty seats (fast pace), by keys.
    tmux.type('hub', 'b');
    await tmux.waitFor('hub', /Bots: f fill empty seats/);
    tmux.type('hub', 'F');
    await tmux.waitFor('hub', (s) => /b8/.test(row(s, 'A')) && /s1\/1 b7/.test(row(s, 'B')));

    // Game 1 for every cluster: g, 1. Then n after each step both clusters finished.
    tmux.type('hub', 'g');
    await tmux.waitFor('hub', /Game for every cluster/);
    tmux.type('hub', '1');
    const finished: string[] = [];
    let faultShown = '';
    for await (const screen of tmux.screens('hub', 150_000)) {
      const at = scriptLine(screen);
      if (!at) {
        await sleep(100);
        continue;
      }
      const task = GAMES[at.game].steps[at.step - 1].tasks.i6;
      if (!at.allDone) {
        if (task?.kind === 'inbox') await studentWorksInbox();
        else await sleep(100);
        continue;
      }
      // Both clusters finished this step, and the console says so.
      expect(flat(screen)).toMatch(/done A✔ B✔ all done/);
      finished.push(`${at.game}.${at.step}`);
      if (at.game === 2 && at.step === 4 && !faultShown) {
        // i1's second card is in flight to i2…i8 in both clusters: tear up A's card to i4.
        expect(cardsOf(screen, 'A')).toBe(7);
        expect(cardsOf(screen, 'B')).toBe(7);
        tmux.type('hub', 'A');
        tmux.type('hub', 'f');
        await tmux.waitFor('hub', /Fault in A: l lose a card/);
        tmux.type('hub', 'l');
        await tmux.waitFor('hub', /Which card \(lose\)\?/);
        tmux.type('hub', '4');
        faultShown = await tmux.waitFor('hub', /A: tear up card A-\d+ i1→i4 ✔/);
        // Cluster A lost exactly that card; cluster B still has all seven in flight.
        expect(cardsOf(faultShown, 'A')).toBe(6);
        expect(cardsOf(faultShown, 'B')).toBe(7);
        expect(faultShown).not.toMatch(/A-\d+ AppendEntries i1→i4/);
        capture('console.txt', normalise(faultShown, vars));
        // The cluster's sheets side by side (Enter), then back (Esc).
        tmux.keys('hub', 'Enter');
        const detail = await tmux.waitFor('hub', /Cluster A · term t1 · ♛ i1/);
        expect(detail).toMatch(/i1♛ t1→i1\s+H i g h L o a d/);
        capture('console-cluster.txt', normalise(detail, vars));
        tmux.keys('hub', 'Escape');
        await tmux.waitFor('hub', /holding/);
      }
      if (at.game === 4 && at.step === at.steps) {
        expect(screen).toMatch(/all done — the last step/);
        break;
      }
      tmux.type('hub', 'n');
      await tmux.waitFor('hub', (s) => {
        const next = scriptLine(s);
        return next !== null && (next.game !== at.game || next.step !== at.step);
      });
    }
    // Every step of the four games was finished by both clusters.
    const all = [1, 2, 3, 4].flatMap((g) => GAMES[g].steps.map((_, i) => `${g}.${i + 1}`));
    expect(finished).toEqual(all);
    expect(faultShown).not.toBe('');
    // Both clusters agree on "High vol…" with i4 leading t3 and committed up to 8 (game 4).
    tmux.keys('hub', 'Enter');
    const endA = await tmux.waitFor('hub', /Cluster A · term t3 · ♛ i4 \(t3\) · commit 8/);
    expect(endA).toMatch(/i4♛ t3→i4\s+H\s+i\s+g\s+h\s+␣\s+v\s+o\s+l\s+t\s+a\s+g\s+e/);
    expect(endA).toMatch(/i1\s+t3\s+H\s+i\s+g\s+h\s+␣\s+v\s+o\s+l\n/);
    tmux.keys('hub', 'Down');
    const endB = await tmux.waitFor('hub', /Cluster B · term t3 · ♛ i4 \(t3\) · commit 8/);
    expect(endB).toMatch(/i6\s+t3→i4\s+Sam\s+H\s+i\s+g\s+h\s+␣\s+v\s+o\s+l\n/);
    tmux.keys('hub', 'Escape');

    // Rewind B by keys: w lists its moments (newest first), ↓ picks an earlier one, Enter.
    tmux.type('hub', 'w');
    // The picker opens at once and fills with the journal's moments when the hub answers.
    const moments = await tmux.waitFor('hub', (s) => /Moments of B, newest first/.test(s) && /B: moments from the journal ✔/.test(s));
    expect(moments).toMatch(/v\d+\s+-\d+s\s+\(now\) /);
    capture('console-rewind.txt', normalise(moments, vars), 'frame');
    tmux.keys('hub', 'Down', 'Down');
    tmux.keys('hub', 'Enter');
    // The echo ends with ✔, or is cut with … at 80 columns when the moments undone changed many sheets.
    await tmux.waitFor('hub', /B: rewound to v\d+ .*(✔|…)/);
    // The rewind is a moment of its own (the bots then finish the step again); the picker now
    // lists the journal's moments, labelled as the replay says them.
    tmux.type('hub', 'w');
    await tmux.waitFor('hub', /v\d+\s+-\d+s\s+(\(now\) )?(rewound to v\d+|instructor: rewind cluster B to record \d+)/);
    tmux.keys('hub', 'Escape');

    // q asks, y stops the hub; the student's terminal says it lost the hub.
    tmux.type('hub', 'q');
    await tmux.waitFor('hub', /Stop the hub\?/);
    tmux.type('hub', 'y');
    const bye = await tmux.waitFor('hub', /\[exited \d+\]/, 15_000);
    expect(bye).toMatch(/raft-sheet hub stopped\. Resume with: raft-sheet hub --resume/);
    expect(bye).toMatch(/\[exited 0\]/);
  }, 200_000);
});
