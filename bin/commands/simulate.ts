/**
 * `raft-sheet simulate`: play the workshop games 1..N with 8 bots (or free play) in the
 * deterministic simulator and print, after each step, the step's prompt and every server's sheet
 * as text, so a person can follow a game with no UI. Wiring only; the logic is in src/game.
 */
import { langFrom, type Lang } from '../../src/i18n/text.js';
import { MAX_SIZE, MIN_SIZE } from '../../src/game/room.js';
import { stepOptions } from '../../src/game/move.js';
import { GAMES } from '../../src/game/scenarios.js';
import { sheetText } from '../../src/game/sheet-text.js';
import { simulate as runSimulation } from '../../src/game/simulator.js';
import type { Room } from '../../src/game/types.js';
import { defineCommand, intOption, usage, valueOptions, type Runnable } from './options.js';

const HELP = `Usage: raft-sheet simulate [--game N] [--seed S] [--size 8] [--lang en|ru]

Plays the games 1..N (1–4 the workshop's, 5 pre-vote, 6 log compaction; default 4) with bots on one cluster of 8 servers and prints,
after every step, its prompt and each server's Raft State sheet. --game 7 (a ninth server joins)
is played alone by 9 servers. --game 0 is free play with election timers on --size servers (3–9)
for --seconds of simulated time (default 30).

Options:
  --game N      last game to play, 0–7 (default 4)
  --seed S      seed of the simulator's random numbers (default 1)
  --size N      servers in the cluster (games 1–5 need 8, game 7 needs 9; free play 3–9)
  --seconds N   free play: simulated seconds (default 30)
  --lang L      en or ru (default: from LANG)
  -h, --help    this help
`;

interface Parsed {
  game: number;
  seed: number;
  size: number;
  seconds: number;
  lang: Lang;
}

function cluster(room: Room, lang: Lang): string {
  const c = room.clusters.A;
  return Object.values(c.servers)
    .map((r) => sheetText(r.state, lang, r.online, stepOptions(room, c)))
    .join('\n\n');
}

function stepReport(room: Room, game: number, step: number, lang: Lang): string {
  const g = GAMES[game];
  const s = g.steps[step - 1];
  const c = room.clusters.A;
  const status = c.script?.done ? '' : lang === 'ru' ? ' (шаг не завершён)' : ' (step not finished)';
  const rule = '═'.repeat(78);
  return [rule, `${g.title[lang]} · ${step}/${g.steps.length} · ${s.title[lang]}${status}`, s.prompt[lang], rule, cluster(room, lang), ''].join('\n');
}

function run(p: Parsed): number {
  // `simulate | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (p.game === 0) {
    const r = runSimulation({ seed: p.seed, config: { size: p.size, election: 'timers', mode: 'observe' }, untilMs: p.seconds * 1000 });
    out(`${GAMES[0].title[p.lang]} · ${p.size} · ${p.seconds}s · seed ${p.seed} · ${r.moves} moves\n`);
    out(cluster(r.room, p.lang));
    for (const v of r.room.clusters.A.violations) out(`! ${v.property}: ${v.explain[p.lang]}`);
    return 0;
  }
  // Game 7 is written for 9 servers: it cannot follow games 1–5 (8) and starts on its own sheets.
  const games = GAMES[p.game].size === 9 ? [p.game] : Array.from({ length: p.game }, (_, i) => i + 1);
  const r = runSimulation({ seed: p.seed, games, config: { size: p.size }, onStep: (room, at) => out(stepReport(room, at.game, at.step, p.lang)) });
  // Game 7's last part breaks a safety property on purpose (R37 off): say which, as free play does.
  for (const v of r.room.clusters.A.violations) out(`! ${v.property}: ${v.explain[p.lang]}`);
  return r.stuck.length === 0 ? 0 : 1;
}

export const simulate: Runnable = defineCommand(
  { name: 'simulate', help: HELP, options: valueOptions('game', 'seed', 'size', 'seconds', 'lang') },
  ({ values }) => {
    const game = intOption(values.game, '--game', 0, 7, 4);
    if (!GAMES[game]) usage(`there is no game ${game}: --game is 0–7`);
    const written = GAMES[game].size ?? 8;
    const size = intOption(values.size, '--size', MIN_SIZE, MAX_SIZE, game === 0 ? 8 : written);
    if (game > 0 && size !== written) usage(written === 8 ? 'the workshop games are written for 8 servers: use --size 8, or --game 0 for free play' : `game ${game} is written for ${written} servers: use --size ${written}`);
    return run({
      game,
      size,
      seed: intOption(values.seed, '--seed', 0, 2 ** 32 - 1, 1),
      seconds: intOption(values.seconds, '--seconds', 1, 3600, 30),
      lang: langFrom(values.lang, process.env),
    });
  },
);
