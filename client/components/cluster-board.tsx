/**
 * Every sheet of one cluster, logs aligned by index: the projector's view and the instructor's
 * cluster detail. Cells are coloured by entry state and marked by symbol where colour is off
 * (an underline-free terminal still tells applied from persisted by the state row).
 * Large: per server a term row and a value row. Compact: one row per server.
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import type { Seat } from '../../src/game/types.js';
import { currentTerm, votedFor } from '../../src/raft/log.js';
import type { ServerId, ServerState } from '../../src/raft/types.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { entryState } from './log-grid.js';
import { entryAtIndex, lastIndex, snapshotIndex } from '../../src/raft/snapshot.js';
import { padTo, widthOf } from './text-width.js';

export interface BoardServer {
  state: ServerState;
  online: boolean;
  seat?: Seat;
}

export interface ClusterBoardProps {
  id: string;
  servers: Record<ServerId, BoardServer>;
  compact: boolean;
  width: number;
  lastEvent?: string;
  /** Facts about the cluster's state told after the leader (the projector: a split, servers offline). */
  facts?: string[];
  /** Columns per log cell in large mode when the width allows (the projector: 4 or 5); default 3. */
  wideCell?: number;
  /** Large mode only: a blank line between servers (the projector, when the screen is tall enough). */
  spacious?: boolean;
  /** Show each student's name after the server (the console): who sits where. */
  names?: boolean;
  lang: Lang;
  theme: Theme;
}

/** The leaders of a cluster: more than one (in different terms) is possible; in one term it is P1. */
export function leadersOf(servers: Record<ServerId, BoardServer>): ServerState[] {
  return Object.values(servers)
    .filter((s) => s.online && s.state.role === 'leader')
    .map((s) => s.state)
    .sort((a, b) => currentTerm(b) - currentTerm(a));
}

/** Students' names are cut to this many columns on the board. */
const NAME_MAX = 12;

export function ClusterBoard({ id, servers, compact, width, lastEvent, facts = [], wideCell = 3, spacious = false, names = false, lang, theme }: ClusterBoardProps) {
  const list = Object.values(servers);
  const leader = leadersOf(servers)[0];
  const maxTerm = Math.max(0, ...list.map((s) => currentTerm(s.state)));
  const longest = Math.max(1, ...list.map((s) => lastIndex(s.state))); // R29: columns are absolute indexes
  const nameOf = (s: BoardServer) => (names && s.seat?.kind === 'student' ? s.seat.name : '');
  const nameCols = Math.min(NAME_MAX, Math.max(0, ...list.map((s) => widthOf(nameOf(s)))));
  const LABEL = 12 + (nameCols ? nameCols + 1 : 0);
  // Indexes past 9 need three columns: a log that long widens the compact cells (10 11 12, not 0 1 2);
  // so does a configuration entry (+i9, game 7), one column more than its text.
  const widestValue = Math.max(1, ...list.flatMap((s) => s.state.log.map((e) => [...e.value].length)));
  const narrow = Math.max(compact && longest < 10 ? 2 : 3, widestValue + 1);
  // Large: the widest cell (up to wideCell) that still shows the whole log in the width, with the
  // term row's "  ✔n ●n" after it (a row that does not fit wraps and the board grows).
  const tail = 2 + 2 * (String(longest).length + 1) + 1;
  let cell = narrow;
  if (!compact) for (let c = wideCell; c > narrow; c--) if (LABEL + longest * c + tail <= width) { cell = c; break; }
  const fit = Math.max(4, Math.floor((width - LABEL) / cell));
  const first = Math.max(1, longest - fit + 1);
  const idx = Array.from({ length: Math.min(fit, longest - first + 1) }, (_, i) => first + i);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {t(lang, 'cluster')} {id} · {t(lang, 'term')} t{maxTerm} ·{' '}
        {leader ? (
          <Text color={tint(theme, 'yellow')}>
            {theme.sym.leader} {leader.id} (t{currentTerm(leader)}) · {t(lang, 'commit')} {leader.commitIndex}
          </Text>
        ) : (
          <Text color={tint(theme, theme.colour.dim)}>{t(lang, 'noLeader')}</Text>
        )}
        {facts.map((f) => (
          <Text key={f} color={tint(theme, theme.colour.error)}>
            {' '}
            · {f}
          </Text>
        ))}
        {lastEvent ? <Text color={tint(theme, theme.colour.dim)}> · {lastEvent}</Text> : null}
      </Text>
      <Text color={tint(theme, theme.colour.dim)}>
        {' '.repeat(LABEL)}
        {idx.map((i) => padTo(String(i), cell)).join('')}
      </Text>
      {list.map((s, i) => (
        <Box key={s.state.id} flexDirection="column" marginTop={spacious && !compact && i > 0 ? 1 : 0}>
          <ServerRows server={s} idx={idx} cell={cell} label={LABEL} name={nameCols ? padTo(nameOf(s), nameCols) : ''} compact={compact} theme={theme} />
        </Box>
      ))}
    </Box>
  );
}

function ServerRows({ server, idx, cell, label, name, compact, theme }: { server: BoardServer; idx: number[]; cell: number; label: number; name: string; compact: boolean; theme: Theme }) {
  const s = server.state;
  const role = s.role === 'leader' ? theme.sym.leader : s.role === 'candidate' ? theme.sym.candidate : ' ';
  const vote = votedFor(s);
  const head = padTo(`${s.id}${role} t${currentTerm(s)}${vote ? `→${vote}` : ''}`, label - (name ? widthOf(name) + 1 : 0)) + (name ? `${name} ` : '');
  // R29: columns are absolute indexes; an entry in the snapshot box is applied, its letter read from the box.
  const base = snapshotIndex(s);
  const colour = (i: number) => {
    const st = i <= base ? 'applied' : entryState(s, s, i - base);
    return st === 'empty' ? undefined : tint(theme, theme.colour[st]);
  };
  const value = (i: number) => {
    const e = entryAtIndex(s, i);
    if (!e) return '';
    return e.value === ' ' ? theme.sym.space : e.value;
  };
  const termOf = (i: number) => {
    const e = entryAtIndex(s, i);
    return e && e.term > 0 ? `t${e.term}` : '';
  };
  return (
    <Box flexDirection="column">
      <Text dimColor={!server.online} strikethrough={!server.online && !theme.color}>
        <Text bold={s.role === 'leader'} color={s.role === 'leader' ? tint(theme, 'yellow') : undefined}>
          {head}
        </Text>
        {idx.map((i) => (
          <Text key={i} color={colour(i)} bold>
            {padTo(value(i), cell)}
          </Text>
        ))}
        {!server.online ? <Text color={tint(theme, theme.colour.error)}> {theme.sym.offline} off</Text> : null}
      </Text>
      {compact ? null : (
        <Text color={tint(theme, theme.colour.dim)}>
          {' '.repeat(label)}
          {idx.map((i) => padTo(termOf(i), cell)).join('')}
          {'  '}
          {idx.some((i) => i <= lastIndex(s)) ? `${theme.sym.applied}${s.lastApplied} ${theme.sym.committed}${s.commitIndex}` : ''}
          {base > 0 ? ` ▣${base}` : ''}
        </Text>
      )}
    </Box>
  );
}
