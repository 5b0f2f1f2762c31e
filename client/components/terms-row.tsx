/**
 * The Terms row of the paper sheet: one column per term, the vote cell under it (`—` for a term
 * lived through without voting). The cell after the last term is where a new term is entered.
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import type { ServerState } from '../../src/raft/types.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { padTo } from './text-width.js';

export interface TermsRowProps {
  sheet: ServerState;
  /** The sheet as the hub holds it; terms beyond it are draft cells. */
  saved: ServerState;
  /** The term column under the cursor, if the cursor is on the vote row. */
  cursorTerm: number | null;
  width: number;
  lang: Lang;
  theme: Theme;
}

const CELL = 4;
const LABEL = 10;

export function TermsRow({ sheet, saved, cursorTerm, width, lang, theme }: TermsRowProps) {
  const shown = Math.max(sheet.votes.length, saved.votes.length) + (cursorTerm !== null ? 1 : 0);
  const fit = Math.max(1, Math.floor((width - LABEL) / CELL));
  // Keep the newest terms in view: the old ones scroll off to the left.
  const first = Math.max(1, Math.max(shown, cursorTerm ?? 0) - fit + 1);
  const terms = Array.from({ length: Math.max(0, Math.max(shown, cursorTerm ?? 0) - first + 1) }, (_, i) => first + i);
  const cell = (term: number) => {
    const vote = term <= sheet.votes.length ? (sheet.votes[term - 1] ?? theme.sym.none) : '';
    const draft = term > saved.votes.length || vote !== (term <= saved.votes.length ? (saved.votes[term - 1] ?? theme.sym.none) : '');
    return { vote, draft, here: term === cursorTerm };
  };
  return (
    <Box flexDirection="column">
      <Text bold>{t(lang, 'terms')}</Text>
      <Text>
        {padTo(t(lang, 'term'), LABEL - 1, 'right')}{' '}
        {terms.map((term) => (
          <Text key={term} color={term <= sheet.votes.length ? undefined : tint(theme, theme.colour.dim)}>
            {padTo(`t${term}`, CELL)}
          </Text>
        ))}
      </Text>
      <Text>
        {padTo(t(lang, 'vote'), LABEL - 1, 'right')}{' '}
        {terms.map((term) => {
          const c = cell(term);
          return (
            // Without colour the cursor's cell is bracketed (inverse vanishes under NO_COLOR).
            <Text key={term} inverse={c.here} color={c.draft ? tint(theme, theme.colour.draft) : undefined} italic={c.draft}>
              {c.here && !theme.color ? padTo(`[${c.vote || '_'}]`, CELL) : `${padTo(c.vote || (c.here ? '_' : ''), CELL - 1)} `}
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
