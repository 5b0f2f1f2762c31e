/**
 * The command table: each command's one line for the general help, and its module, imported
 * only when that command runs. A student's `join` thus never evaluates the hub, the journal,
 * the simulator or their schemas: in the one-file client (issue 15) every module is compiled
 * into one file, and esbuild turns these imports into modules evaluated on first use, which
 * keeps them off the first frame's path. Add one line here to register a command.
 */
import type { Runnable } from './options.js';

export interface Command extends Runnable {
  /** One line for the general help. */
  summary: string;
}

function lazy(summary: string, load: () => Promise<Runnable>): Command {
  return { summary, run: async (args) => (await load()).run(args) };
}

export const commands: Record<string, Command> = {
  solo: lazy('play alone against bots, guided through the four games (npm start)', async () => (await import('./solo.js')).solo),
  join: lazy('join a hub as a student: your terminal becomes your Raft sheet', async () => (await import('./join.js')).join),
  hub: lazy('start the classroom hub (prints the join command, code and instructor key)', async () => (await import('./hub.js')).hub),
  bots: lazy('connect bot servers to a hub over the network (also a load generator)', async () => (await import('./bots.js')).bots),
  simulate: lazy('play the workshop games with bots and print every sheet after each step', async () => (await import('./simulate.js')).simulate),
  report: lazy('the debrief of a recorded session (Markdown or JSON)', async () => (await import('./report.js')).report),
  replay: lazy('step through a recorded session in the projector view', async () => (await import('./replay.js')).replay),
  watch: lazy('the projector: the logs of one or all clusters, read-only', async () => (await import('./watch.js')).watch),
};

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
