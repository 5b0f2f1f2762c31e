/**
 * `raft-sheet solo [--seat i3] [--pace human|fast] [--game N] [--by-hand] [--hints none|rule|answer] [--no-predict] [--data DIR] [--lang en|ru] [--ascii]`
 * (also `npm start`). Wiring only: an embedded hub on 127.0.0.1 (server/hub.ts) and the solo
 * terminal (client/solo) as its clients; the hub closes when the player quits.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { choiceOption, defineCommand, display, DISPLAY_OPTIONS, requireTerminal, usage, valueOptions, type Runnable } from './options.js';
import { GAMES } from '../../src/game/scenarios.js';

const HELP = `Usage: raft-sheet solo [options]     (npm start runs this)

Play Raft alone: you are one server of an 8-server cluster, bots play the other seven, and you
are guided through the workshop's four games (leader election, log replication, a term without
a leader, log overwrite), then free play. A green line always says which key to press.
--game 7 (a ninth server joins) plays in a cluster of 9: bots play the other eight.

Options:
  --seat i3        play this seat in every game (default: the seat with something to do:
                   game 1 and 2 i1, game 3 i8, game 4 i4, game 5 i8, game 6 i4)
  --pace P         bots' pace: human (default, about a second a move) or fast
  --game N         start with game N (1-4; 5 pre-vote; 6 snapshots; 7 a ninth server, 9 seats; 0 is free play)
  --by-hand        write every cell yourself: drafts open blank and the prompt states the goal,
                   not the answer (default: prefilled drafts to check and hand over); b switches
  --hints H        what ? gives: none, rule (the rule at the cursor) or answer (the rule and
                   the correct value; default); h switches
  --no-predict     no predictions: by default, before a key decision of each step (a vote, a
                   log after AppendEntries, who leads, a commit) you are asked what will happen
                   (y/n or 1-4), then shown the answer and the rule, then it is played
  --data DIR       where the session is recorded (default ~/.raft-sheet/solo/<time>)
  --lang en|ru     language (default: from LANG)
  --ascii          no Unicode symbols (for old terminals)
  -h, --help       this help

Keys besides the sheet's: b by hand / prefilled, h hint level, c the whole cluster.
After each game a recap: what happened, how many predictions were right, the rules, your
mistakes (Enter goes on).
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

export const solo: Runnable = defineCommand(
  {
    name: 'solo',
    help: HELP,
    options: { ...valueOptions('seat', 'pace', 'game', 'hints', 'data'), ...DISPLAY_OPTIONS, 'by-hand': { type: 'boolean', default: false }, 'no-predict': { type: 'boolean', default: false } },
  },
  async ({ values }) => {
    const pace = choiceOption(values.pace, '--pace', ['human', 'fast'] as const) ?? 'human';
    const game = Number(values.game ?? 1);
    if (values.game?.trim() === '' || !Number.isInteger(game) || game < 0 || !GAMES[game]) usage('--game is 1, 2, 3, 4, 5 (pre-vote), 6 (snapshots), 7 (a ninth server) or 0 (free play)');
    // Game 7 is written for nine servers (i9 joins); every other game for eight.
    const size = GAMES[game].size ?? 8;
    if (values.seat && !new RegExp(`^i[1-${size}]$`).test(values.seat)) usage(`--seat is a server id from i1 to i${size}`);
    const hints = choiceOption(values.hints, '--hints', ['none', 'rule', 'answer'] as const);
    requireTerminal();
    const { lang, ascii, color } = display(values);
    const key = randomBytes(18).toString('base64url');
    const { startHub } = await import('../../server/hub.js');
    // A hub that cannot start throws: exit 1 with its sentence.
    const hub = await startHub({
      host: '127.0.0.1',
      port: 0,
      clusters: 1,
      size,
      data: values.data ?? soloDataDir(),
      key,
      lang,
      // Human-paced bots a little quicker than in class: a learner alone waits for nobody.
      humanPaceMs: [500, 1100],
      onFatal: () => process.exit(1),
    });
    const { runSolo } = await import('../../client/solo/run-solo.js');
    let code = 0;
    try {
      code = await runSolo({
        url: `ws://127.0.0.1:${hub.port}/`,
        code: hub.code,
        key,
        lang,
        ascii,
        color,
        pace,
        pauseMs: pace === 'fast' ? 400 : 1800,
        // How long a quiet, unfinished step waits before the guide offers retry / skip (tests shorten it).
        ...(Number(process.env.RAFT_SHEET_STALL_MS) > 0 ? { stallMs: Number(process.env.RAFT_SHEET_STALL_MS) } : {}),
        ...(values.seat ? { seat: values.seat } : {}),
        firstGame: game,
        ...(values['by-hand'] ? { assist: 'by-hand' as const } : {}),
        ...(hints ? { hints } : {}),
        predict: !values['no-predict'],
      });
    } finally {
      await hub.close();
    }
    process.stdout.write(`raft-sheet solo: session recorded in ${hub.dir}\n`);
    return code;
  },
);
