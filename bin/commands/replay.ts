/**
 * `raft-sheet replay DIR [--cluster A] [--lang en|ru] [--ascii]`: time travel through a recorded
 * session in the projector's view. Wiring only: client/replay holds the app and its pure parts.
 */
import { format } from '../../src/i18n/format.js';
import * as path from 'node:path';
import { clusterIds } from '../../src/game/room.js';
import { clusterOption, defineCommand, DISPLAY_OPTIONS, valueOptions, display, requireTerminal, sessionDirArgument, usage, type Runnable } from './options.js';
import { loadSession } from './session-dir.js';

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

export const replay: Runnable = defineCommand(
  { name: 'replay', help: HELP, positionals: true, options: { ...valueOptions('cluster', 'at'), ...DISPLAY_OPTIONS } },
  async ({ values, positionals }) => {
    const dir = sessionDirArgument(positionals);
    const cluster = clusterOption(values.cluster) ?? null;
    const at = Number(values.at ?? 0);
    if (values.at?.trim() === '' || !Number.isInteger(at) || at < 0) usage('--at is a record number, 0 or more');
    requireTerminal();
    const session = await loadSession(dir);
    const clusters = session.info.config.clusters ?? 1;
    if (cluster && !clusterIds(clusters).includes(cluster)) usage(format('en', 'the session has {n} {n:cluster|clusters}; there is no cluster {cluster}', { n: clusters, cluster }));
    const { runReplay } = await import('../../client/replay/run-replay.js');
    return runReplay({ title: path.basename(path.resolve(dir)), info: session.info, records: session.records, focus: cluster, start: at, ...display(values) });
  },
);
