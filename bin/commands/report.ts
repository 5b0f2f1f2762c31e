/**
 * `raft-sheet report DIR [--format md|json] [--lang en|ru] [--out FILE]`: the debrief of a
 * recorded session. Wiring only: the analysis is src/report/debrief.ts.
 */
import { escapeLines } from '../../src/protocol/safe-text.js';
import { promises as fsp } from 'node:fs';
import { langFrom } from '../../src/i18n/text.js';
import { debrief } from '../../src/report/debrief.js';
import { debriefMarkdown } from '../../src/report/markdown.js';
import { choiceOption, defineCommand, failure, sessionDirArgument, valueOptions, type Runnable } from './options.js';
import { loadSession } from './session-dir.js';

const HELP = `Usage: raft-sheet report DIR [--format md|json] [--lang en|ru] [--out FILE]

The debrief of a recorded session (DIR is the session directory the hub printed): per cluster a
timeline (script steps, elections with their votes, commits, faults, mistakes, safety
violations) and the final logs; per student their moves and mistakes by rule; the mistakes the
room made most; rewound branches.

Options:
  --format md|json  Markdown (default) or the same data as JSON
  --lang en|ru      language of the Markdown (default: from LANG)
  --out FILE        write to FILE instead of standard output
  -h, --help        this help

Exit codes: 0 written, 1 the session could not be read, 2 usage error.
`;

export const report: Runnable = defineCommand(
  { name: 'report', help: HELP, positionals: true, options: valueOptions('format', 'lang', 'out') },
  async ({ values, positionals }) => {
    const dir = sessionDirArgument(positionals);
    const format = choiceOption(values.format, '--format', ['md', 'json'] as const) ?? 'md';
    const s = await loadSession(dir);
    if (s.torn) process.stderr.write(`raft-sheet report: the journal's last line (line ${s.torn.line}) was torn by a crash and is left out\n`);
    const d = debrief(s.info, s.records);
    // escapeText's `\uXXXX` is JSON's own escape: the JSON means the same and prints nothing raw.
    const text = format === 'json' ? escapeLines(JSON.stringify(d, null, 2)) + '\n' : debriefMarkdown(d, langFrom(values.lang, process.env));
    if (!values.out) {
      process.stdout.write(text);
      return 0;
    }
    try {
      await fsp.writeFile(values.out, text);
    } catch (err) {
      failure(`cannot write ${values.out}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 0;
  },
);
