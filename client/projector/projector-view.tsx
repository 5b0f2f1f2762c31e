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
import { pw } from './words.js';

export interface ProjectorViewProps {
  clusters: ProjectorCluster[];
  /** The cluster shown large; null = all compact. */
  focus: string | null;
  width: number;
  height: number;
  lang: Lang;
  theme: Theme;
}

/** Rows one cluster takes: step line, violation line, board header, index row, servers. */
export function clusterRows(c: ProjectorCluster, compact: boolean, spacious: boolean): number {
  const n = Object.keys(c.servers).length;
  const perServer = compact ? 1 : spacious ? 3 : 2;
  return 1 + (c.violations.length ? 1 : 0) + 2 + n * perServer - (spacious ? 1 : 0);
}

export function ProjectorView({ clusters, focus, width, height, lang, theme }: ProjectorViewProps) {
  const large = focus === null ? undefined : clusters.find((c) => c.id === focus);
  if (large) {
    const spacious = clusterRows(large, false, true) <= height;
    return <ClusterPanel cluster={large} compact={false} spacious={spacious} width={width} lang={lang} theme={theme} />;
  }
  // Compact grid: as many columns as the widest log allows, as many rows as the height allows.
  const longest = Math.max(1, ...clusters.flatMap((c) => Object.values(c.servers).map((s) => s.state.log.length)));
  const colWidth = Math.max(40, 14 + 2 * longest + 2);
  const columns = Math.max(1, Math.min(clusters.length, Math.floor(width / colWidth)));
  const rowsEach = Math.max(...clusters.map((c) => clusterRows(c, true, false)), 1) + 1;
  const gridRows = Math.max(1, Math.floor((height - 1) / rowsEach));
  const shown = clusters.length <= columns * Math.max(1, Math.floor(height / rowsEach)) ? clusters : clusters.slice(0, columns * gridRows);
  const hidden = clusters.slice(shown.length);
  const rows: ProjectorCluster[][] = [];
  for (let i = 0; i < shown.length; i += columns) rows.push(shown.slice(i, i + columns));
  const w = Math.floor(width / columns) - 1;
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Box key={i} flexDirection="row" marginBottom={i < rows.length - 1 ? 1 : 0}>
          {row.map((c) => (
            <Box key={c.id} width={w} marginRight={1} flexDirection="column">
              <ClusterPanel cluster={c} compact spacious={false} width={w} lang={lang} theme={theme} />
            </Box>
          ))}
        </Box>
      ))}
      {hidden.length ? <Text color={tint(theme, theme.colour.dim)}>{pw(lang, 'more', { n: hidden.length, ids: hidden.map((c) => c.id).join(' ') })}</Text> : null}
    </Box>
  );
}

function ClusterPanel({ cluster, compact, spacious, width, lang, theme }: { cluster: ProjectorCluster; compact: boolean; spacious: boolean; width: number; lang: Lang; theme: Theme }) {
  const s = cluster.script;
  const step = s
    ? `${s.game === 0 ? pw(lang, 'freePlay') : pw(lang, 'game', { game: s.game, step: s.step, steps: s.steps })} · ${s.title[lang]}${s.done ? ` ${theme.sym.ok} ${pw(lang, 'done')}` : ''}`
    : pw(lang, 'noScript');
  const v = cluster.violations[cluster.violations.length - 1];
  return (
    <Box flexDirection="column">
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
      ) : null}
      <ClusterBoard id={cluster.id} servers={cluster.servers} compact={compact} spacious={spacious} width={width} lastEvent={cluster.lastEvent} lang={lang} theme={theme} />
    </Box>
  );
}
