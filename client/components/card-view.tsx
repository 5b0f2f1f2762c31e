/**
 * A card laid out like the paper one (cards-request-vote.png, cards-append-entries.png):
 * its title, its fields, and for a card this server wrote, the Response row with ✔ / ✗ /
 * waiting / lost per addressee, and the writer's own ✔ (responseRow).
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import { responseRow } from '../../src/game/cards.js';
import type { ResponseCell } from '../../src/game/types.js';
import type { Message, ServerId } from '../../src/raft/types.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';

export function cardTitle(m: Message): string {
  switch (m.type) {
    case 'RequestVote':
      return 'RequestVoteRPC';
    case 'AppendEntries':
      return 'AppendEntriesRPC';
    case 'RequestVoteReply':
      return 'RequestVote reply';
    case 'AppendEntriesReply':
      return 'AppendEntries reply';
  }
}

/** The card's fields as `name value` pairs, in the paper card's order. */
export function cardFields(m: Message, theme: Theme): [string, string][] {
  switch (m.type) {
    case 'RequestVote':
      return [['term', `t${m.term}`], ['candidateId', m.candidateId], ['lastLogIndex', String(m.lastLogIndex)], ['lastLogTerm', `t${m.lastLogTerm}`]];
    case 'AppendEntries': {
      const idx = m.entries.map((_, k) => String(m.prevLogIndex + k + 1)).join(' ');
      const val = m.entries.map((e) => (e.value === ' ' ? theme.sym.space : e.value)).join(' ');
      const terms = m.entries.map((e) => `t${e.term}`).join(' ');
      return [
        ['term', `t${m.term}`],
        ['leaderId', m.leaderId],
        ['prev', `${m.prevLogIndex}/t${m.prevLogTerm}`],
        ['index', idx || theme.sym.none],
        ['value', val || theme.sym.none],
        ['terms', terms || theme.sym.none],
        ['leaderCommit', String(m.leaderCommit)],
      ];
    }
    case 'RequestVoteReply':
      return [['term', `t${m.term}`], ['vote', m.voteGranted ? theme.sym.ok : theme.sym.no]];
    case 'AppendEntriesReply':
      return [['term', `t${m.term}`], ['ok', m.success ? theme.sym.ok : theme.sym.no]];
  }
}

/** The paper card's fields in lines: the header fields, then the entries, then the commit. */
export function cardLines(fields: [string, string][]): string[] {
  const pair = ([k, v]: [string, string]) => `${k} ${v}`;
  const entries = fields.filter(([k]) => k === 'index' || k === 'value' || k === 'terms');
  const head = fields.filter(([k]) => !entries.some(([e]) => e === k));
  const lines = [head, entries].filter((g) => g.length > 0);
  // A line that would not fit the card's column (about 50 cells at 80 columns) is halved.
  return lines.flatMap((g) => {
    const line = g.map(pair).join(' · ');
    if (line.length <= 48 || g.length < 2) return [line];
    const half = Math.ceil(g.length / 2);
    return [g.slice(0, half).map(pair).join(' · '), g.slice(half).map(pair).join(' · ')];
  });
}

export interface CardViewProps {
  message: Message;
  from: ServerId;
  /** For a card this server wrote: the Response row. */
  responses?: Record<ServerId, ResponseCell>;
  cluster?: ServerId[];
  lang: Lang;
  theme: Theme;
  label?: string;
}

export function CardView({ message, from, responses, cluster, lang, theme, label }: CardViewProps) {
  const fields = cardFields(message, theme);
  return (
    <Box flexDirection="column">
      <Text bold color={tint(theme, theme.colour.accent)}>
        {cardTitle(message)} <Text color={tint(theme, theme.colour.dim)}>{label ?? `${t(lang, 'from')} ${from}`}</Text>
      </Text>
      {cardLines(fields).map((line, i) => (
        <Text key={i}>{shown(theme, line)}</Text>
      ))}
      {responses && cluster ? <ResponseRow responses={responseRow(from, responses)} cluster={cluster} lang={lang} theme={theme} /> : null}
    </Box>
  );
}

export function ResponseRow({ responses, cluster, lang, theme }: { responses: Record<ServerId, ResponseCell>; cluster: ServerId[]; lang: Lang; theme: Theme }) {
  const sym = (c: ResponseCell | undefined) =>
    c === 'ok' ? theme.sym.ok : c === 'no' ? theme.sym.no : c === 'lost' ? theme.sym.lost : c === 'waiting' ? theme.sym.waiting : ' ';
  const colour = (c: ResponseCell | undefined) =>
    c === 'ok' ? tint(theme, theme.colour.ok) : c === 'no' || c === 'lost' ? tint(theme, theme.colour.error) : tint(theme, theme.colour.dim);
  return (
    <Box flexDirection="column">
      <Text>
        {t(lang, 'response').padEnd(9)}
        {cluster.map((id) => id.padEnd(4)).join('')}
      </Text>
      <Text>
        {'ok'.padEnd(9)}
        {cluster.map((id) => (
          <Text key={id} color={colour(responses[id])}>
            {sym(responses[id]).padEnd(4)}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
