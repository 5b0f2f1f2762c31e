/**
 * A card laid out like the paper one (cards-request-vote.png, cards-append-entries.png):
 * its title, its fields, and for a card this server wrote, the Response row with ✔ / ✗ /
 * waiting / lost per addressee, and the writer's own ✔ (responseRow). Drawn as lines of one row
 * each for the card panel (card-panel.tsx), which counts them before layout so no card is ever
 * drawn over another.
 */
import { Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import { responseRow } from '../../src/game/cards.js';
import type { ResponseCell } from '../../src/game/types.js';
import type { Message, ServerId } from '../../src/raft/types.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import type { PanelBlock, PanelLine } from './card-panel.js';
import { padTo, widthOf } from './text-width.js';

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
    case 'PreVote':
      return 'PreVoteRPC';
    case 'PreVoteReply':
      return 'PreVote reply';
    case 'InstallSnapshot':
      return 'InstallSnapshotRPC';
    case 'InstallSnapshotReply':
      return 'InstallSnapshot reply';
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
    // R24, R25: a PreVote asks for the term its sender would start; the reply carries the receiver's.
    case 'PreVote':
      return [['term', `t${m.term}`], ['candidateId', m.candidateId], ['lastLogIndex', String(m.lastLogIndex)], ['lastLogTerm', `t${m.lastLogTerm}`]];
    case 'PreVoteReply':
      return [['term', `t${m.term}`], ['pre-vote', m.voteGranted ? theme.sym.ok : theme.sym.no]];
    // R31, R32: the leader's snapshot box on a card; the reply carries only the receiver's term.
    case 'InstallSnapshot':
      return [
        ['term', `t${m.term}`],
        ['leaderId', m.leaderId],
        ['lastIncluded', `${m.lastIncludedIndex}/t${m.lastIncludedTerm}`],
        ['data', [...m.data].map((v) => (v === ' ' ? theme.sym.space : v)).join('')],
      ];
    case 'InstallSnapshotReply':
      return [['term', `t${m.term}`]];
  }
}

/**
 * The paper card's fields in lines: the header fields, then the entries, then the commit. A line
 * wider than `width` columns is halved (measured in terminal columns, see text-width.ts); what is
 * still too wide is cut at the edge by the panel, never wrapped onto the next card.
 */
export function cardLines(fields: [string, string][], width = 48): string[] {
  const pair = ([k, v]: [string, string]) => `${k} ${v}`;
  const entries = fields.filter(([k]) => k === 'index' || k === 'value' || k === 'terms');
  const head = fields.filter(([k]) => !entries.some(([e]) => e === k));
  const lines = [head, entries].filter((g) => g.length > 0);
  return lines.flatMap((g) => {
    const line = g.map(pair).join(' · ');
    if (widthOf(line) <= width || g.length < 2) return [line];
    const half = Math.ceil(g.length / 2);
    return [g.slice(0, half).map(pair).join(' · '), g.slice(half).map(pair).join(' · ')];
  });
}

export interface CardBlockProps {
  key: string;
  message: Message;
  from: ServerId;
  /** For a card this server wrote: the Response row. */
  responses?: Record<ServerId, ResponseCell>;
  cluster?: ServerId[];
  lang: Lang;
  theme: Theme;
  label?: string;
  /** Columns the card's column has. */
  width: number;
}

/** A card as lines of the card panel (client/components/card-panel.tsx): title, fields, Response row. */
export function cardBlock({ key, message, from, responses, cluster, lang, theme, label, width }: CardBlockProps): PanelBlock {
  const title: PanelLine = {
    key: 'title',
    node: (
      <Text bold color={tint(theme, theme.colour.accent)}>
        {cardTitle(message)} <Text color={tint(theme, theme.colour.dim)}>{label ?? `${t(lang, 'from')} ${from}`}</Text>
      </Text>
    ),
  };
  const lines: PanelLine[] = cardLines(cardFields(message, theme), width).map((line, i) => ({ key: `f${i}`, node: shown(theme, line) }));
  if (responses && cluster) lines.push(...responseLines(responseRow(from, responses), cluster, lang, theme));
  return { key, title, lines, name: `${cardTitle(message)} ${label ?? from}` };
}

/** The Response row: a header of addressees and a line of ✔ / ✗ / waiting / lost under them. */
export function responseLines(responses: Record<ServerId, ResponseCell>, cluster: ServerId[], lang: Lang, theme: Theme): PanelLine[] {
  const sym = (c: ResponseCell | undefined) =>
    c === 'ok' ? theme.sym.ok : c === 'no' ? theme.sym.no : c === 'lost' ? theme.sym.lost : c === 'waiting' ? theme.sym.waiting : ' ';
  const colour = (c: ResponseCell | undefined) =>
    c === 'ok' ? tint(theme, theme.colour.ok) : c === 'no' || c === 'lost' ? tint(theme, theme.colour.error) : tint(theme, theme.colour.dim);
  return [
    { key: 'response', node: padTo(t(lang, 'response'), 9) + cluster.map((id) => padTo(id, 4)).join('') },
    {
      key: 'ok',
      node: (
        <>
          {padTo('ok', 9)}
          {cluster.map((id) => (
            <Text key={id} color={colour(responses[id])}>
              {padTo(sym(responses[id]), 4)}
            </Text>
          ))}
        </>
      ),
    },
  ];
}
