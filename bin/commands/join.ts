/**
 * `raft-sheet join ws://HOST:PORT --code CODE [--name NAME] [--cluster A] [--lang en|ru] [--ascii]`
 */
import { isSafeText } from '../../src/protocol/safe-text.js';
import { appVersion } from '../app-info.js';
import { clusterOption, defineCommand, DISPLAY_OPTIONS, valueOptions, display, hubAddress, requireTerminal, usage, type Runnable } from './options.js';

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
command again after a crash and you get your seat and sheet back. A second terminal of the same
account (a shared lab login) draws a seat of its own while the first one still runs (after
waiting 2 s for it to exit).
Environment: NO_COLOR=1 draws without colour.
Exit codes: 0 you quit, 1 the hub refused or could not be reached, 2 usage error or no terminal.
`;

export const join: Runnable = defineCommand(
  { name: 'join', help: HELP, positionals: true, options: { ...valueOptions('code', 'name', 'cluster', 'seat'), ...DISPLAY_OPTIONS } },
  async ({ values, positionals }) => {
    const url = hubAddress(positionals);
    if (!values.code) usage('give the join code with --code (the instructor reads it out)');
    if (values.seat && !/^i[1-9]$/.test(values.seat)) usage('--seat is a server id like i3');
    // The hub refuses such a name (src/protocol/safe-text.ts); saying so here beats a hello that fails.
    if (values.name !== undefined && (values.name.length === 0 || values.name.length > 40 || !isSafeText(values.name))) {
      usage('--name is 1 to 40 characters, without control or bidi characters');
    }
    const cluster = clusterOption(values.cluster);
    requireTerminal();
    const { runStudent } = await import('../../client/student/run-student.js');
    return runStudent({ url, code: values.code.toUpperCase(), name: values.name, cluster, server: values.seat, ...display(values), appVersion: appVersion() });
  },
);
