/**
 * `raft-sheet watch ws://HOST:PORT --key-file FILE | --key KEY [--cluster A] [--lang en|ru] [--ascii]`:
 * the projector, read-only. Wiring only: client/projector holds the app.
 */
import { parseArgs } from 'node:util';
import { langFrom } from '../../src/i18n/text.js';
import { KEY_HELP, resolveKey } from './key-option.js';
import type { Command } from './index.js';
import { prepareTerminal, parseOr, usageError } from './terminal.js';

const HELP = `Usage: raft-sheet watch ws://HOST:PORT --key-file FILE [--cluster A] [options]

The projector: the logs of one cluster large enough to read from the back of the room, or every
cluster compact — aligned by index, coloured by entry state, with crowns, terms, the game step
and the last event. Read-only: give it the projector key the hub printed (it can watch, never
command); the instructor key works too.

Keys: ← → the cluster shown large · a one large / all compact · q quit

Options:
${KEY_HELP}
  --cluster A    show this cluster large (default: all clusters compact)
  --lang en|ru   language (default: from LANG)
  --ascii        no Unicode symbols (for old terminals)
  -h, --help     this help

Environment: NO_COLOR=1 draws without colour.
Exit codes: 0 you quit, 1 the hub refused the key or could not be reached, 2 usage error or no terminal.
`;

export const watch: Command = {
  summary: 'the projector: the logs of one or all clusters, read-only',
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
            lang: { type: 'string' },
            ascii: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }),
      'watch',
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const url = positionals[0];
    if (!url || positionals.length > 1 || !/^wss?:\/\//.test(url)) return usageError('give the hub address, like ws://192.168.1.20:7070', HELP);
    const key = resolveKey(values);
    if ('error' in key) return usageError(key.error, HELP);
    if (key.warning) process.stderr.write(`raft-sheet watch: ${key.warning}\n`);
    if (values.lang && !['en', 'ru'].includes(values.lang)) return usageError('--lang is en or ru', HELP);
    if (values.cluster && !/^[A-Za-z]$/.test(values.cluster)) return usageError('--cluster is a cluster letter like A', HELP);
    const terminal = prepareTerminal();
    if (terminal !== 0) return terminal;
    const { runWatch } = await import('../../client/projector/run-watch.js');
    return runWatch({
      url,
      key: key.key,
      focus: values.cluster?.toUpperCase() ?? null,
      lang: langFrom(values.lang, process.env),
      ascii: values.ascii ?? false,
      color: !process.env.NO_COLOR,
    });
  },
};
