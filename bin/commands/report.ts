/**
 * `raft-sheet report DIR [--format md|json] [--lang en|ru] [--out FILE]`: the debrief of a
 * recorded session. Wiring only: the analysis is src/report/debrief.ts.
 */
import { escapeLines } from '../../src/protocol/safe-text.js';
import { promises as fsp } from 'node:fs';
import { parseArgs } from 'node:util';
import { langFrom } from '../../src/i18n/text.js';
import { debrief } from '../../src/report/debrief.js';
import { debriefMarkdown } from '../../src/report/markdown.js';
import type { Command } from './index.js';
import { loadSession } from './session-dir.js';
import { parseOr, usageError } from './terminal.js';

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

export const report: Command = {
  summary: 'the debrief of a recorded session (Markdown or JSON)',
  async run(args) {
    const parsed = parseOr(
      HELP,
      () =>
        parseArgs({
          args,
          allowPositionals: true,
          options: {
            format: { type: 'string', default: 'md' },
            lang: { type: 'string' },
            out: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }),
      'report',
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) return usageError('give one session directory, like sessions/2025-05-20T09-00-00-000', HELP);
    if (values.format !== 'md' && values.format !== 'json') return usageError('--format is md or json', HELP);
    if (values.lang && !['en', 'ru'].includes(values.lang)) return usageError('--lang is en or ru', HELP);
    let text: string;
    try {
      const s = await loadSession(positionals[0]);
      if (s.torn) process.stderr.write(`raft-sheet: the journal's last line (line ${s.torn.line}) was torn by a crash and is left out\n`);
      const d = debrief(s.info, s.records);
      // escapeText's `\uXXXX` is JSON's own escape: the JSON means the same and prints nothing raw.
      text = values.format === 'json' ? escapeLines(JSON.stringify(d, null, 2)) + '\n' : debriefMarkdown(d, langFrom(values.lang, process.env));
    } catch (err) {
      process.stderr.write(`raft-sheet: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    if (values.out) {
      try {
        await fsp.writeFile(values.out, text);
      } catch (err) {
        process.stderr.write(`raft-sheet: cannot write ${values.out}: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
      }
    } else process.stdout.write(text);
    return 0;
  },
};
