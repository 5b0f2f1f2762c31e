/**
 * The projector's body: one cluster large (readable from the back of a room: bold letters,
 * three-column cells, a blank line between servers when the screen is tall enough) or every
 * cluster compact in a grid. It draws at most `height` rows; clusters that do not fit are named.
 * Shared by `watch` (a live hub) and `replay` (a recorded session).
 */
import { Box, Text } from 'ink';
import type { Lang } from '../../src/i18n/text.js';
import { ClusterBoard } from '../components/cluster-board.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import type { ProjectorCluster } from './projector-model.js';
import { groupsText, serversText } from './last-event.js';
import { pw } from './words.js';
import { questionSecondsLeft } from '../asked-question.js';
import { QuestionPanel, questionLines, useRoomNow } from '../components/question-panel.js';

export interface ProjectorViewProps {
  clusters: ProjectorCluster[];
  /** The cluster shown large; null = all compact. */
  focus: string | null;
  width: number;
  height: number;
  lang: Lang;
  theme: Theme;
  /** The room's clock (the view's `now`), for a question's countdown. */
  now?: number;
  /** Live (watch): the countdown runs between views; a replay shows the recorded moment. */
  live?: boolean;
}

/** Rows one cluster takes: step line, violation line, board header, index row, servers. */
export function clusterRows(c: ProjectorCluster, compact: boolean, spacious: boolean): number {
  const n = Object.keys(c.servers).length;
  const perServer = compact ? 1 : spacious ? 3 : 2;
  return 1 + (c.violations.length ? 1 : 0) + 2 + n * perServer - (spacious ? 1 : 0);
}

/** Blank columns between two clusters side by side, so no header runs into the next one. */
export const GAP = 3;

/** Widest large cell: a letter with room around it, when the terminal is wide enough. */
const WIDE_CELL = 6;

export function ProjectorView(props: ProjectorViewProps) {
  const { clusters, width, height, lang, theme } = props;
  const asked = clusters.find((c) => c.question);
  const roomNow = useRoomNow(props.now ?? 0, props.live === true && asked?.question !== undefined && !asked.question.reveal);
  if (asked?.question) {
    // Asking the room (issue 14): the question on top, the cluster it is about below it.
    const now = props.live ? roomNow : (props.now ?? 0);
    const lines = questionLines(asked.question, lang, theme, width, questionSecondsLeft(asked.question, now));
    const board = clusterRows(asked, true, false);
    const qRows = Math.min(lines.length, Math.max(3, height - board - 1));
    const rest = height - qRows - 1;
    const large = clusterRows(asked, false, false) <= rest;
    return (
      <Box flexDirection="column">
        <QuestionPanel lines={lines} rows={qRows} width={width} theme={theme} />
        {rest >= board ? (
          <Box marginTop={1} flexShrink={0}>
            <ClusterPanel cluster={asked} compact={!large} spacious={false} reserve={false} width={width} lang={lang} theme={theme} />
          </Box>
        ) : null}
      </Box>
    );
  }
  return <Clusters {...props} />;
}

function Clusters({ clusters, focus, width, height, lang, theme }: ProjectorViewProps) {
  const large = focus === null ? undefined : clusters.find((c) => c.id === focus);
  if (large) {
    const spacious = clusterRows(large, false, true) <= height;
    // Nine servers at 24 rows (game 7): one row each when two do not fit.
    const compact = clusterRows(large, false, false) > height;
    return <ClusterPanel cluster={large} compact={compact} spacious={spacious} reserve={false} width={width} lang={lang} theme={theme} />;
  }
  // Compact grid: as many columns as the widest log allows, as many rows as the height allows.
  const longest = Math.max(1, ...clusters.flatMap((c) => Object.values(c.servers).map((s) => s.state.log.length)));
  const colWidth = Math.max(40, 14 + 2 * longest + 2);
  const columns = Math.max(1, Math.min(clusters.length, Math.floor((width + GAP) / (colWidth + GAP))));
  // Every panel of the grid keeps a violation line (blank when none), so the headers of a row line up.
  const reserve = clusters.some((c) => c.violations.length > 0);
  const rowsEach = Math.max(...clusters.map((c) => clusterRows(c, true, false)), 1) + (reserve ? 1 : 0) + 1;
  const gridRows = Math.max(1, Math.floor((height - 1) / rowsEach));
  const shown = clusters.length <= columns * Math.max(1, Math.floor((height + 1) / rowsEach)) ? clusters : clusters.slice(0, columns * gridRows);
  const hidden = clusters.slice(shown.length);
  const rows: ProjectorCluster[][] = [];
  for (let i = 0; i < shown.length; i += columns) rows.push(shown.slice(i, i + columns));
  const w = Math.floor((width - GAP * (columns - 1)) / columns);
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Box key={i} flexDirection="row" marginBottom={i < rows.length - 1 ? 1 : 0}>
          {row.map((c, j) => (
            <Box key={c.id} width={w} flexShrink={0} marginRight={j < row.length - 1 ? GAP : 0} flexDirection="column">
              <ClusterPanel cluster={c} compact spacious={false} reserve={reserve && c.violations.length === 0} width={w} lang={lang} theme={theme} />
            </Box>
          ))}
        </Box>
      ))}
      {hidden.length ? <Text color={tint(theme, theme.colour.dim)}>{pw(lang, 'more', { n: hidden.length, ids: hidden.map((c) => c.id).join(' ') })}</Text> : null}
    </Box>
  );
}

/** What the cluster's header tells beyond term, leader and commit: the split and who is offline. */
export function clusterFacts(cluster: ProjectorCluster, lang: Lang): string[] {
  const facts: string[] = [];
  if (cluster.partitions.length > 1) facts.push(pw(lang, 'split', { groups: groupsText(cluster.partitions) }));
  const off = Object.entries(cluster.servers).filter(([, s]) => !s.online).map(([id]) => id);
  if (off.length) facts.push(pw(lang, 'offList', { servers: serversText(off) }));
  return facts;
}

function ClusterPanel({ cluster, compact, spacious, reserve, width, lang, theme }: { cluster: ProjectorCluster; compact: boolean; spacious: boolean; reserve: boolean; width: number; lang: Lang; theme: Theme }) {
  const s = cluster.script;
  const step = s
    ? `${s.game === 0 ? pw(lang, 'freePlay') : pw(lang, 'game', { game: s.game, step: s.step, steps: s.steps })} · ${s.title[lang]}${s.done ? ` ${theme.sym.ok} ${pw(lang, 'done')}` : ''}`
    : pw(lang, 'noScript');
  const v = cluster.violations[cluster.violations.length - 1];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold={!compact} wrap="truncate-end">
        <Text color={tint(theme, theme.colour.accent)}>{step}</Text>
        <Text color={tint(theme, theme.colour.dim)}> · {pw(lang, cluster.mode)}</Text>
      </Text>
      {v ? (
        <Text color={tint(theme, theme.colour.error)} bold wrap="truncate-end">
          {theme.ascii ? '! ' : '⚠ '}
          {pw(lang, 'violation', { property: v.property })}: {v.servers.join(', ')}
          {v.term !== undefined ? ` t${v.term}` : ''}
          {v.index !== undefined ? ` #${v.index}` : ''}
          {cluster.violations.length > 1 ? ` (+${cluster.violations.length - 1})` : ''}
        </Text>
      ) : reserve ? (
        <Text> </Text>
      ) : null}
      <ClusterBoard id={cluster.id} servers={cluster.servers} compact={compact} spacious={spacious} width={width} lastEvent={cluster.lastEvent} facts={clusterFacts(cluster, lang)} wideCell={compact ? 3 : WIDE_CELL} lang={lang} theme={theme} />
    </Box>
  );
}
