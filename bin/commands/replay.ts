/**
 * `raft-sheet replay DIR [--cluster A] [--lang en|ru] [--ascii]`: time travel through a recorded
 * session in the projector's view. Wiring only: client/replay holds the app and its pure parts.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { langFrom } from '../../src/i18n/text.js';
import type { Command } from './index.js';
import { loadSession } from './session-dir.js';
import { prepareTerminal, parseOr, usageError } from './terminal.js';

const HELP = `Usage: raft-sheet replay DIR [--cluster A] [--lang en|ru] [--ascii]

Time travel through a recorded session (DIR is the session directory the hub printed): the
projector's view of the room after any journal record, with who did what.

Keys:
  → ←            one record forward / back
  ] [  PgDn PgUp ten records
  n p            the next / previous game step
  home end       the start / the end (also g G)
  tab c          the next cluster, large
  a              one cluster large / all clusters compact
  q              quit

Options:
  --cluster A    show this cluster large (default: all clusters compact)
  --at N         start after record N (default 0, the start)
  --lang en|ru   language (default: from LANG)
  --ascii        no Unicode symbols (for old terminals)
  -h, --help     this help

Environment: NO_COLOR=1 draws without colour.
Exit codes: 0 you quit, 1 the session could not be read, 2 usage error or no terminal.
`;

export const replay: Command = {
  summary: 'step through a recorded session in the projector view',
  async run(args) {
    const parsed = parseOr(
      HELP,
      () =>
        parseArgs({
          args,
          allowPositionals: true,
          options: {
            cluster: { type: 'string' },
            at: { type: 'string' },
            lang: { type: 'string' },
            ascii: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }),
      'replay',
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) return usageError('give one session directory, like sessions/2025-05-20T09-00-00-000', HELP);
    if (values.lang && !['en', 'ru'].includes(values.lang)) return usageError('--lang is en or ru', HELP);
    if (values.cluster && !/^[A-Za-z]$/.test(values.cluster)) return usageError('--cluster is a cluster letter like A', HELP);
    const at = values.at === undefined ? 0 : Number(values.at);
    if (!Number.isInteger(at) || at < 0) return usageError('--at is a record number, 0 or more', HELP);
    const terminal = prepareTerminal();
    if (terminal !== 0) return terminal;
    let session;
    try {
      session = await loadSession(positionals[0]);
    } catch (err) {
      process.stderr.write(`raft-sheet: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    const cluster = values.cluster?.toUpperCase() ?? null;
    const clusters = session.info.config.clusters ?? 1;
    if (cluster && cluster.charCodeAt(0) - 65 >= clusters) return usageError(`the session has ${clusters} cluster(s); there is no cluster ${cluster}`, HELP);
    const { runReplay } = await import('../../client/replay/run-replay.js');
    return runReplay({
      title: path.basename(path.resolve(positionals[0])),
      info: session.info,
      records: session.records,
      focus: cluster,
      start: at,
      lang: langFrom(values.lang, process.env),
      ascii: values.ascii ?? false,
      color: !process.env.NO_COLOR,
    });
  },
};
