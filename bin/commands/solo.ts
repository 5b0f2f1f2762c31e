/**
 * `raft-sheet solo [--seat i3] [--pace human|fast] [--game N] [--by-hand] [--hints none|rule|answer] [--data DIR] [--lang en|ru] [--ascii]`
 * (also `npm start`). Wiring only: an embedded hub on 127.0.0.1 (server/hub.ts) and the solo
 * terminal (client/solo) as its clients; the hub closes when the player quits.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { langFrom } from '../../src/i18n/text.js';
import type { Command } from './index.js';
import { prepareTerminal, parseOr, usageError } from './terminal.js';

const HELP = `Usage: raft-sheet solo [options]     (npm start runs this)

Play Raft alone: you are one server of an 8-server cluster, bots play the other seven, and you
are guided through the workshop's four games (leader election, log replication, a term without
a leader, log overwrite), then free play. A green line always says which key to press.

Options:
  --seat i3        play this seat in every game (default: the seat with something to do:
                   game 1 and 2 i1, game 3 i8, game 4 i4)
  --pace P         bots' pace: human (default, about a second a move) or fast
  --game N         start with game N (1-4; 5 pre-vote; 0 is free play)
  --by-hand        write every cell yourself: drafts open blank and the prompt states the goal,
                   not the answer (default: prefilled drafts to check and hand over); b switches
  --hints H        what ? gives: none, rule (the rule at the cursor) or answer (the rule and
                   the correct value; default); h switches
  --data DIR       where the session is recorded (default ~/.raft-sheet/solo/<time>)
  --lang en|ru     language (default: from LANG)
  --ascii          no Unicode symbols (for old terminals)
  -h, --help       this help

Keys besides the sheet's: b by hand / prefilled, h hint level, c the whole cluster.
After each game a recap: what happened, the rules, your mistakes (Enter goes on).
The hub listens on 127.0.0.1 only. q (then y) or Ctrl-C quits and stops it; the session
stays recorded, and solo --game N starts a new one at game N.
Environment: NO_COLOR=1 draws without colour; RAFT_SHEET_HOME moves ~/.raft-sheet.
Exit codes: 0 you quit, 1 the hub could not start, 2 usage error or no terminal.
`;

export function soloDataDir(env: Record<string, string | undefined> = process.env, now = new Date()): string {
  // An empty RAFT_SHEET_HOME counts as unset (else sessions land in ./solo of the current folder).
  const home = env.RAFT_SHEET_HOME || path.join(homedir(), '.raft-sheet');
  return path.join(home, 'solo', now.toISOString().replace(/[:.]/g, '-'));
}

export const solo: Command = {
  summary: 'play alone against bots, guided through the four games (npm start)',
  async run(args) {
    const parsed = parseOr(
      HELP,
      () =>
        parseArgs({
          args,
          allowPositionals: false,
          options: {
            seat: { type: 'string' },
            pace: { type: 'string', default: 'human' },
            game: { type: 'string' },
            'by-hand': { type: 'boolean', default: false },
            hints: { type: 'string' },
            data: { type: 'string' },
            lang: { type: 'string' },
            ascii: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }),
      'solo',
    );
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    if (values.seat && !/^i[1-8]$/.test(values.seat)) return usageError('--seat is a server id from i1 to i8', HELP);
    if (values.pace !== 'human' && values.pace !== 'fast') return usageError('--pace is human or fast', HELP);
    const game = values.game === undefined ? 1 : Number(values.game);
    if (!Number.isInteger(game) || game < 0 || game > 5) return usageError('--game is 1, 2, 3, 4, 5 (pre-vote) or 0 (free play)', HELP);
    if (values.lang && !['en', 'ru'].includes(values.lang)) return usageError('--lang is en or ru', HELP);
    const hints = values.hints;
    if (hints !== undefined && hints !== 'none' && hints !== 'rule' && hints !== 'answer') return usageError('--hints is none, rule or answer', HELP);
    const terminal = prepareTerminal();
    if (terminal !== 0) return terminal;
    const lang = langFrom(values.lang, process.env);
    const pace = values.pace;
    const key = randomBytes(18).toString('base64url');
    const { startHub } = await import('../../server/hub.js');
    let hub;
    try {
      hub = await startHub({
        host: '127.0.0.1',
        port: 0,
        clusters: 1,
        size: 8,
        data: values.data ?? soloDataDir(),
        key,
        lang,
        // Human-paced bots a little quicker than in class: a learner alone waits for nobody.
        humanPaceMs: [500, 1100],
        onFatal: () => process.exit(1),
      });
    } catch (err) {
      process.stderr.write(`raft-sheet solo: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    const { runSolo } = await import('../../client/solo/run-solo.js');
    let code = 0;
    try {
      code = await runSolo({
        url: `ws://127.0.0.1:${hub.port}/`,
        code: hub.code,
        key,
        lang,
        ascii: values.ascii ?? false,
        color: !process.env.NO_COLOR,
        pace,
        pauseMs: pace === 'fast' ? 400 : 1800,
        // How long a quiet, unfinished step waits before the guide offers retry / skip (tests shorten it).
        ...(Number(process.env.RAFT_SHEET_STALL_MS) > 0 ? { stallMs: Number(process.env.RAFT_SHEET_STALL_MS) } : {}),
        ...(values.seat ? { seat: values.seat } : {}),
        firstGame: game,
        ...(values['by-hand'] ? { assist: 'by-hand' as const } : {}),
        ...(hints ? { hints } : {}),
      });
    } finally {
      await hub.close();
    }
    process.stdout.write(`raft-sheet solo: session recorded in ${hub.dir}\n`);
    return code;
  },
};
