/**
 * The command table. Each command lives in its own file and exports a `Command`; add one line
 * here to register it.
 */
import { solo } from './solo.js';
import { join } from './join.js';
import { hub } from './hub.js';
import { bots } from './bots.js';
import { simulate } from './simulate.js';
import { report } from './report.js';
import { replay } from './replay.js';
import { watch } from './watch.js';

export interface Command {
  /** One line for the general help. */
  summary: string;
  /** Resolves to the exit code: 0 ok, 1 runtime failure, 2 usage error. */
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {};

commands.solo = solo;
commands.join = join;
commands.hub = hub;
commands.bots = bots;
commands.simulate = simulate;
commands.report = report;
commands.replay = replay;
commands.watch = watch;

export function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'raft-sheet: play the Raft consensus algorithm on a digital paper sheet',
    '',
    'Usage: raft-sheet <command> [options]   (raft-sheet <command> --help for its options)',
    '',
    'Commands:',
    ...rows,
    '',
    'Exit codes: 0 ok, 1 runtime failure, 2 usage error.',
    '',
  ].join('\n');
}
