/**
 * `raft-sheet bots ws://HOST:PORT --key-file FILE | --key KEY --cluster A --count N [--pace human|fast]`
 * Bots as separate network clients (client/remote-bot.ts); they are also the load generator.
 */
import { KEY_HELP, keyOption } from './key-option.js';
import { choiceOption, clusterOption, defineCommand, hubAddress, intOption, valueOptions, type Runnable } from './options.js';

const HELP = `Usage: raft-sheet bots ws://HOST:PORT --key-file FILE [options]

Connect bot servers to a hub over the network. Each bot takes a seat (by lottery), plays the
correct Raft move from its own sheet, and comes back to its seat if the connection drops.

Options:
${KEY_HELP}
                   (the instructor key; the projector key cannot seat bots)
  --cluster A      the cluster to sit in (default: the first with free seats)
  --count N        how many bots (default 1)
  --pace P         human (a second or two per move, default) or fast (at once)
  -h, --help       this help

Stop with Ctrl-C (the seats stay bots' seats; run again to take new ones).
Exit codes: 0 stopped, 1 every bot was refused (wrong key, room full), 2 usage error.
`;

export const bots: Runnable = defineCommand(
  { name: 'bots', help: HELP, positionals: true, options: valueOptions('key', 'key-file', 'cluster', 'count', 'pace') },
  async ({ values, positionals }) => {
    const url = hubAddress(positionals);
    const key = keyOption(values, 'bots');
    const count = intOption(values.count, '--count', 1, 1000, 1);
    const pace = choiceOption(values.pace, '--pace', ['human', 'fast'] as const) ?? 'human';
    const cluster = clusterOption(values.cluster);
    const { RemoteBot } = await import('../../client/remote-bot.js');
    const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
    return new Promise<number>((resolve) => {
      let ended = 0;
      let refused = 0;
      const all = Array.from({ length: count }, (_, i) => {
        const bot = new RemoteBot({ url, key, pace, ...(cluster ? { cluster } : {}) });
        const name = () => (bot.seat ? `${bot.seat.cluster}/${bot.seat.server}` : `bot ${i + 1}`);
        // Say "lost" once per outage, not once per failed retry.
        let lost = false;
        bot.on('seat', (s) => {
          lost = false;
          say(`${name()}: ${s.resumed ? 'resumed' : 'took'} seat ${s.cluster}/${s.server}`);
        });
        bot.on('refused', (code) => say(`${name()}: move refused (${code})`));
        bot.on('drop', (code) => {
          if (!lost) say(`${name()}: connection lost (${code}), reconnecting`);
          lost = true;
        });
        bot.on('fatal', (reason) => {
          say(`${name()}: stopped (${reason})`);
          refused += 1;
          ended += 1;
          if (ended === count) resolve(refused === count ? 1 : 0);
        });
        return bot.start();
      });
      const stop = () => {
        for (const b of all) b.stop();
        say(`stopped ${count} bot(s); moves made: ${all.reduce((n, b) => n + b.moves, 0)}`);
        setTimeout(() => resolve(0), 200);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
);
