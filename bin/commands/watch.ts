/**
 * `raft-sheet watch ws://HOST:PORT --key-file FILE | --key KEY [--cluster A] [--lang en|ru] [--ascii]`:
 * the projector, read-only. Wiring only: client/projector holds the app.
 */
import { KEY_HELP, keyOption } from './key-option.js';
import { clusterOption, defineCommand, DISPLAY_OPTIONS, valueOptions, display, hubAddress, requireTerminal, type Runnable } from './options.js';

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

export const watch: Runnable = defineCommand(
  { name: 'watch', help: HELP, positionals: true, options: { ...valueOptions('key', 'key-file', 'cluster'), ...DISPLAY_OPTIONS } },
  async ({ values, positionals }) => {
    const url = hubAddress(positionals);
    const key = keyOption(values, 'watch');
    const focus = clusterOption(values.cluster) ?? null;
    requireTerminal();
    const { runWatch } = await import('../../client/projector/run-watch.js');
    return runWatch({ url, key, focus, ...display(values) });
  },
);
