/**
 * A solo game in a real terminal, for the test files that play one (solo-game5.test.ts,
 * solo-game6.test.ts, solo-predict.test.ts, …): the compiled bin, an 80×24 tmux on a private
 * socket closed after the file, a fresh RAFT_SHEET_HOME, and a player who follows the green guide
 * line until the step the test plays by keys.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { followGuide, guideLine, sleep, Tmux } from './tmux.js';

export const BIN = path.resolve('dist/bin/raft-sheet.js');

/** The test file's terminal and home directory (`prefix` names the directory); the terminal closes after the file. */
export function soloTerminal(prefix: string): { tmux: Tmux; home: string } {
  const tmux = new Tmux(80, 24);
  afterAll(() => tmux.close());
  return { tmux, home: mkdtempSync(path.join(tmpdir(), prefix)) };
}

/**
 * The last lines of the newest solo session's hub.log under `home` (what the embedded hub saw:
 * seats taken, commands, closes), for a failed wait to print beside the last screen.
 */
export function soloHubLog(home: string, lines = 25): string {
  const dir = path.join(home, 'solo');
  const sessions = existsSync(dir) ? readdirSync(dir).sort() : [];
  const log = sessions.length ? path.join(dir, sessions.at(-1)!, 'hub.log') : '';
  if (!log || !existsSync(log)) return '(no hub.log yet)';
  return `hub.log, last ${lines} lines:\n${readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}`;
}

/**
 * Opens `raft-sheet solo --pace fast --game N --no-predict` in window `name` (bots at full speed,
 * no questions mid-game) and waits for the game's first frame (`first`, or any frame of game N):
 * returns that screen.
 */
export async function openSoloGame(tmux: Tmux, name: string, game: number, home: string, first = new RegExp(`game ${game}·`)): Promise<string> {
  tmux.open(name, `node ${BIN} solo --pace fast --game ${game} --no-predict`, { RAFT_SHEET_HOME: home });
  tmux.explainWith(name, () => soloHubLog(home));
  return tmux.waitFor(name, first, 20_000);
}

/** The client's word the guide asks to type (`Press w, type "…"`), ␣ read as a space; undefined when it asks none. */
export const guideWord = (guide: string): string | undefined => /Press w, type "([^"]+)"/.exec(guide)?.[1]?.replace(/␣/g, ' ');

/**
 * Plays window `name` as the guide says (followGuide, and `w`, the word, Enter where it names a
 * client's word; each move by tmux.playMove) until `arrived` holds for the guide line and the
 * screen with no draft open: returns that screen. Throws after `ms` with the last screen.
 */
export async function followGuideUntil(tmux: Tmux, name: string, arrived: (guide: string, screen: string) => boolean, ms = 150_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const screen = tmux.screen(name);
    const guide = guideLine(screen);
    if (!/draft ◌/.test(screen) && !/: recap/.test(screen) && arrived(guide, screen)) return screen;
    if (await followGuide(tmux, name, screen, (open) => tmux.playMove(name, open))) continue;
    const word = guideWord(guide);
    if (word) await tmux.playMove(name, () => typeWord(tmux, name, word));
    else await sleep(100);
  }
  throw new Error(`${name}: the guide did not reach the step in ${ms} ms; the screen:\n${tmux.screen(name)}`);
}

/** `w`, the word, Enter: the client's message as a draft (the guide's "Press w, type …"). */
export function typeWord(tmux: Tmux, name: string, word: string): void {
  tmux.type(name, 'w');
  tmux.type(name, word);
  tmux.keys(name, 'Enter');
}
