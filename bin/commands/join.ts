/**
 * `raft-sheet join ws://HOST:PORT --code CODE [--name NAME] [--cluster A] [--lang en|ru] [--ascii]`
 */
import { parseArgs } from 'node:util';
import { isSafeText } from '../../src/protocol/safe-text.js';
import { langFrom } from '../../src/i18n/text.js';
import type { Command } from './index.js';
import { appVersion } from '../app-info.js';
import { prepareTerminal, parseOr, usageError } from './terminal.js';

const HELP = `Usage: raft-sheet join ws://HOST:PORT --code CODE [options]

Join a hub as a student: you become one Raft server and your terminal is your sheet.

Options:
  --code CODE      the join code the instructor reads out (required)
  --name NAME      your name as the instructor sees it
  --cluster A      the cluster you would like to sit in
  --seat i3        take this seat instead of drawing one (it must be free)
  --lang en|ru     language (default: from LANG)
  --ascii          no Unicode symbols (for old terminals)
  -h, --help       this help

Your seat token is kept in ~/.raft-sheet/seats.json (RAFT_SHEET_HOME to move it): run the same
command again after a crash and you get your seat and sheet back.
Environment: NO_COLOR=1 draws without colour.
Exit codes: 0 you quit, 1 the hub refused or could not be reached, 2 usage error or no terminal.
`;

export const join: Command = {
  summary: 'join a hub as a student: your terminal becomes your Raft sheet',
  async run(args) {
    const parsed = parseOr(
      HELP,
      () =>
        parseArgs({
          args,
          allowPositionals: true,
          options: {
            code: { type: 'string' },
            name: { type: 'string' },
            cluster: { type: 'string' },
            seat: { type: 'string' },
            lang: { type: 'string' },
            ascii: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }),
      'join',
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const url = positionals[0];
    if (!url || !/^wss?:\/\//.test(url)) return usageError('give the hub address, like ws://192.168.1.20:7070', HELP);
    if (!values.code) return usageError('give the join code with --code (the instructor reads it out)', HELP);
    if (values.seat && !/^i[1-9]$/.test(values.seat)) return usageError('--seat is a server id like i3', HELP);
    if (values.lang && !['en', 'ru'].includes(values.lang)) return usageError('--lang is en or ru', HELP);
    // The hub refuses such a name (src/protocol/safe-text.ts); saying so here beats a hello that fails.
    if (values.name !== undefined && (values.name.length === 0 || values.name.length > 40 || !isSafeText(values.name))) {
      return usageError('--name is 1 to 40 characters, without control or bidi characters', HELP);
    }
    const terminal = prepareTerminal();
    if (terminal !== 0) return terminal;
    const { runStudent } = await import('../../client/student/run-student.js');
    return runStudent({
      url,
      code: values.code.toUpperCase(),
      name: values.name,
      cluster: values.cluster?.toUpperCase(),
      server: values.seat,
      lang: langFrom(values.lang, process.env),
      ascii: values.ascii ?? false,
      color: !process.env.NO_COLOR,
      appVersion: appVersion(),
    });
  },
};
