/**
 * `raft-sheet bots ws://HOST:PORT --key-file FILE | --key KEY --cluster A --count N [--pace human|fast]`
 * Bots as separate network clients (server/remote-bot.ts); they are also the load generator.
 */
import { parseArgs } from 'node:util';
import type { Command } from './index.js';
import { KEY_HELP, resolveKey } from './key-option.js';
import { parseOr } from './terminal.js';

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

function usageError(message: string): number {
  process.stderr.write(`raft-sheet bots: ${message}\n\n${HELP}`);
  return 2;
}

export const bots: Command = {
  summary: 'connect bot servers to a hub over the network (also a load generator)',
  async run(args) {
    const parsed = parseOr(
      HELP,
      () =>
        parseArgs({
          args,
          allowPositionals: true,
          options: {
            key: { type: 'string' },
            'key-file': { type: 'string' },
            cluster: { type: 'string' },
            count: { type: 'string', default: '1' },
            pace: { type: 'string', default: 'human' },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }),
      'bots',
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const url = positionals[0];
    if (!url || !/^wss?:\/\/[^/]+/.test(url) || positionals.length > 1) return usageError('give one hub address, like ws://192.168.1.20:7070');
    const key = resolveKey(values);
    if ('error' in key) return usageError(key.error);
    if (key.warning) process.stderr.write(`raft-sheet bots: ${key.warning}\n`);
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 1 || count > 1000) return usageError('--count must be a whole number from 1 to 1000');
    if (values.pace !== 'human' && values.pace !== 'fast') return usageError('--pace is human or fast');
    const pace = values.pace;
    const cluster = values.cluster?.toUpperCase();
    const { RemoteBot } = await import('../../server/remote-bot.js');
    const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
    return new Promise<number>((resolve) => {
      let ended = 0;
      let refused = 0;
      const all = Array.from({ length: count }, (_, i) => {
        const bot = new RemoteBot({ url, key: key.key, pace, ...(cluster ? { cluster } : {}) });
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
};
