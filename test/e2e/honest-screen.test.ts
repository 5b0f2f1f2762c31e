/**
 * The terminal shows what the sheet holds (issue #9): one student in a real terminal (tmux,
 * 80×24) at i1 plays the workshop's games 1–4 by keys against seven fast network bots, so
 * replies pile up in the inbox while nobody presses anything (game 2: i1 is the leader; game 4:
 * i1 comes back online to i4's cards). At quiet moments the screen is read twice: the card panel
 * must be whole (every field line under its card's title, no line made of two), and what the
 * terminal holds must equal what it holds after a forced full redraw (the window is resized by
 * one column and back; the app clears and draws everything again). An overlap the app drew
 * would survive the redraw and fail the first check; a terminal out of step with the app's
 * frames would fail the second.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import type { RemoteBot } from '../../client/remote-bot.js';
import { seatedBots } from '../hub/harness.js';
import { botMove } from '../../src/game/bots.js';
import { seatView } from '../../src/game/views.js';
import { ScriptDriver } from '../hub/script-driver.js';
import { endClass, sleep, Tmux } from './tmux.js';

const CODE = 'K7Q2';
const KEY = 'e2e-key';
const BIN = path.resolve('dist/bin/raft-sheet.js');
const ME = 'i1';

let hub: Hub;
const tmux = new Tmux(80, 24);
const bots: RemoteBot[] = [];
const home = mkdtempSync(path.join(tmpdir(), 'raft-honest-home-'));

beforeAll(async () => {
  hub = await startHub({ port: 0, host: '127.0.0.1', code: CODE, key: KEY, seed: 11, data: path.join(home, 'session') });
  tmux.open(ME, `node ${BIN} join ws://127.0.0.1:${hub.port} --code ${CODE} --seat ${ME} --name ada`, { RAFT_SHEET_HOME: path.join(home, ME) });
  await tmux.waitFor(ME, /A · i1 ·/, 20_000);
  bots.push(...(await seatedBots(hub, 7, KEY)));
}, 60_000);

afterAll(() => endClass(tmux, bots, hub));

/** One move by keys, as a person would: open the draft, see it, hand it over, see the verdict. */
async function play(open: () => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    open();
    const opened = await tmux.waitFor(ME, /draft ◌/, 5_000).then(() => true, () => false);
    if (opened) break;
    if (attempt === 2) throw new Error(`no draft opened:\n${tmux.screen(ME)}`);
  }
  tmux.keys(ME, 'Enter');
  // The move that ends a game is answered by the game's recap, drawn over the verdict.
  await tmux.waitFor(ME, /Accepted\.|: recap\n/, 10_000);
}

/** What a careful player does now (the bot policy on the seat's own view), by keys. */
async function act(): Promise<boolean> {
  // A recap closes each game (client/student/recap-screen.tsx): Enter goes back to the sheet.
  if (/: recap\n/.test(tmux.screen(ME))) {
    tmux.keys(ME, 'Enter');
    await tmux.waitFor(ME, (s) => !/: recap\n/.test(s), 10_000);
    return true;
  }
  const decision = botMove(seatView(hub.room(), 'A', ME));
  if (!decision) return false;
  const input = decision.input;
  if (input.kind === 'card') await play(() => tmux.keys(ME, 'Enter'));
  else if (input.kind === 'timeout') await play(() => tmux.type(ME, 't'));
  else if (input.kind === 'send') await play(() => tmux.type(ME, 's'));
  else if (input.kind === 'replies') await play(() => tmux.type(ME, 'r'));
  // A leader writes the client's whole word in one move: w, the word, Enter opens the draft.
  else await play(() => (tmux.type(ME, 'w'), tmux.type(ME, input.value), tmux.keys(ME, 'Enter')));
  return true;
}

const INBOX_LINE = /^(Inbox \(\d+\)|[▸ ] .{15} i\d\s+t\d+|\s*\+\d+|no cards|)$/;
const TITLE = /^(RequestVoteRPC|AppendEntriesRPC|RequestVote reply|AppendEntries reply) (from i\d|your card|to .+)$/;
/** A card's field as the card draws it: its name, one space, a value of the field's own shape. */
const FIELD = /^(term t\d+|candidateId i\d|lastLogIndex \d+|lastLogTerm t\d+|leaderId i\d|prev \d+\/t\d+|index (\d+( \d+)*|—)|value (\S( \S)*|—)|terms (t\d+( t\d+)*|—)|leaderCommit \d+|vote [✔✗]|ok [✔✗])$/;
const RESPONSE = [/^Response( +i\d)+$/, /^ok +[✔✗·✂ ]*$/];
const MARK = /^([↑↓] \+\d+|\+\d+: .*|Replies: .*)$/;

/** The card panel: the right-hand part (from column 29) of the rows under `Inbox (n)`. */
function panelOf(screen: string): string[] {
  const lines = screen.split('\n');
  const from = lines.findIndex((l) => l.startsWith('Inbox ('));
  const out: string[] = [];
  for (const l of lines.slice(from)) {
    if (!INBOX_LINE.test([...l].slice(0, 28).join('').trimEnd())) break;
    out.push([...l].slice(29).join('').trimEnd());
  }
  return out;
}

/** Problems with the card panel as the terminal shows it: lines that are no card's, fields without a title. */
function panelProblems(screen: string): string[] {
  const problems: string[] = [];
  let inCard = false;
  for (const line of panelOf(screen)) {
    if (line === '') inCard = false;
    else if (TITLE.test(line)) inCard = true;
    else if (MARK.test(line)) continue;
    else if (line.split(' · ').every((part) => FIELD.test(part)) || RESPONSE.some((r) => r.test(line))) {
      if (!inCard) problems.push(`fields without a title: "${line}"`);
    } else problems.push(`not a line of any card: "${line}"`);
  }
  return problems;
}

/** Three reads 100 ms apart that agree, with the room unchanged: the app has drawn its last frame. */
async function settled(): Promise<string> {
  let last = '';
  let same = 0;
  let version = hub.version();
  return tmux.waitFor(
    ME,
    (s) => {
      same = s === last && hub.version() === version ? same + 1 : 0;
      last = s;
      version = hub.version();
      return same >= 2;
    },
    20_000,
  );
}

/** Every quiet moment checked: where the game stood (the room may have moved on while waiting). */
const checked: { label: string; game: number; inbox: number; screen: string }[] = [];
let where = (): number => 0;

/** A quiet moment: the panel is whole, and a forced full redraw draws exactly what is there. */
async function checkQuiet(label: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await settled();
    const version = hub.version();
    tmux.resize(ME, 81, 24);
    await tmux.waitFor(ME, (s) => s !== before, 5_000).catch(() => undefined);
    tmux.resize(ME, 80, 24);
    const after = await tmux.waitFor(ME, (s) => s === before, 5_000).catch(() => tmux.screen(ME));
    if (hub.version() !== version) continue; // the room moved on meanwhile: not a quiet moment
    expect(panelProblems(before), `${label}:\n${before}`).toEqual([]);
    expect(after, `${label}: the redraw differs`).toBe(before);
    checked.push({ label, game: where(), inbox: seatView(hub.room(), 'A', ME).inbox.length, screen: before });
    return;
  }
  throw new Error(`${label}: never quiet`);
}

describe('a student’s terminal at 80×24 while cards arrive by themselves (games 1–4)', () => {
  it('the panel check itself catches the overlaps of issue #9', () => {
    const screen = ['Inbox (2)                    AppendEntries reply from i2', '▸ AppendEntr. ↩   i2  t1     term t1 · ok ✔reply from i5', '  AppendEntr. ↩   i5  t1     terms t3 t3 t3 t3alue ␣ v o l', '', '» prompt'].join('\n');
    expect(panelProblems(screen)).toHaveLength(2);
  });

  it('the card panel stays whole and the terminal equals a full redraw at quiet moments', async () => {
    const driver = new ScriptDriver({ url: `ws://127.0.0.1:${hub.port}/`, key: KEY, firstGame: 1, lastGame: 4 });
    const done = new Set<string>();
    where = () => driver.view?.clusters.find((c) => c.id === 'A')?.script?.game ?? 0;
    try {
      const deadline = Date.now() + 150_000;
      while (Date.now() < deadline) {
        const script = driver.view?.clusters.find((c) => c.id === 'A')?.script;
        const view = seatView(hub.room(), 'A', ME);
        const game = script?.game ?? 0;
        // Replies piled up while the student pressed nothing (game 2: the leader's inbox).
        if (game === 2 && view.inbox.length >= 3 && !done.has('g2-pile')) {
          done.add('g2-pile');
          await checkQuiet(`game 2, ${view.inbox.length} cards waiting`);
        }
        if (game === 4 && view.inbox.length >= 1 && !done.has('g4-cards')) {
          done.add('g4-cards');
          await checkQuiet(`game 4, ${view.inbox.length} cards waiting`);
        }
        // Game 2 is over once game 3 has begun (the instructor moves on at once); with i1
        // offline the bots may play on into game 4 before the screen is quiet.
        if (game >= 3 && !done.has('g2-end')) {
          done.add('g2-end');
          await checkQuiet('after game 2');
          continue;
        }
        if (game === 4 && script?.done && script.step === script.steps) {
          await checkQuiet('end of game 4');
          break;
        }
        if (!(await act())) await sleep(100);
      }
    } finally {
      driver.stop();
    }
    expect(checked.map((c) => c.label)).toContain('end of game 4');
    expect(checked.length).toBeGreaterThanOrEqual(3);
    // The moments the issue was about: cards piled up in game 2 and arriving in game 4, unpressed.
    const pile = checked.find((c) => c.game === 2 && c.inbox >= 3);
    expect(pile?.screen).toMatch(/Inbox \([3-9]\)/);
    expect(pile?.screen).toMatch(/AppendEntries reply from i\d\n.*term t1 · ok ✔/);
    expect(checked.some((c) => c.game === 4 && c.inbox >= 1)).toBe(true);
  }, 200_000);
});
