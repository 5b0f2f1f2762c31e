/**
 * `raft-sheet simulate`: play the workshop games 1..N with 8 bots (or free play) in the
 * deterministic simulator and print, after each step, the step's prompt and every server's sheet
 * as text, so a person can follow a game with no UI. Wiring only; the logic is in src/game.
 */
import { parseArgs } from 'node:util';
import { langFrom, type Lang } from '../../src/i18n/text.js';
import { MAX_SIZE, MIN_SIZE } from '../../src/game/room.js';
import { GAMES } from '../../src/game/scenarios.js';
import { sheetText } from '../../src/game/sheet-text.js';
import { simulate as runSimulation } from '../../src/game/simulator.js';
import type { Room } from '../../src/game/types.js';
import type { Command } from './index.js';

const HELP = `Usage: raft-sheet simulate [--game N] [--seed S] [--size 8] [--lang en|ru]

Plays the games 1..N (1–4 the workshop's, 5 pre-vote; default 4) with bots on one cluster of 8 servers and prints,
after every step, its prompt and each server's Raft State sheet. --game 0 is free play with
election timers on --size servers (3–9) for --seconds of simulated time (default 30).

Options:
  --game N      last game to play, 0–5 (default 4)
  --seed S      seed of the simulator's random numbers (default 1)
  --size N      servers in the cluster (the games need 8; free play 3–9)
  --seconds N   free play: simulated seconds (default 30)
  --lang L      en or ru (default: from LANG)
  -h, --help    this help
`;

class UsageError extends Error {}

interface Parsed {
  game: number;
  seed: number;
  size: number;
  seconds: number;
  lang: Lang;
}

function int(name: string, v: string | undefined, fallback: number, lo: number, hi: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new UsageError(`--${name} must be a whole number from ${lo} to ${hi}, got "${v}".`);
  return n;
}

function parse(args: string[]): Parsed | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      game: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      seconds: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'ru') throw new UsageError(`--lang must be en or ru, got "${values.lang}".`);
  const game = int('game', values.game, 4, 0, 5);
  const size = int('size', values.size, 8, MIN_SIZE, MAX_SIZE);
  if (game > 0 && size !== 8) throw new UsageError('The workshop games are written for 8 servers: use --size 8, or --game 0 for free play.');
  return {
    game,
    size,
    seed: int('seed', values.seed, 1, 0, 2 ** 32 - 1),
    seconds: int('seconds', values.seconds, 30, 1, 3600),
    lang: langFrom(values.lang, process.env),
  };
}

function cluster(room: Room, lang: Lang): string {
  const c = room.clusters.A;
  return Object.values(c.servers)
    .map((r) => sheetText(r.state, lang, r.online))
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
  const games = Array.from({ length: p.game }, (_, i) => i + 1);
  const r = runSimulation({ seed: p.seed, games, onStep: (room, at) => out(stepReport(room, at.game, at.step, p.lang)) });
  return r.stuck.length === 0 ? 0 : 1;
}

export const simulate: Command = {
  summary: 'play the workshop games with bots and print every sheet after each step',
  async run(args) {
    let parsed: Parsed | 'help';
    try {
      parsed = parse(args);
    } catch (err) {
      const msg = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (err as Error).message : null;
      if (msg === null) throw err;
      process.stderr.write(`raft-sheet simulate: ${msg}\n\n${HELP}`);
      return 2;
    }
    if (parsed === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    return run(parsed);
  },
};
