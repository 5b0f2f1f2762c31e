/**
 * The cluster strip: every server of the student's cluster on one line each, from the seat
 * view's glance (src/game/views.ts glanceOf): role, term and vote, the tail of its log coloured
 * by entry state (applied, committed, persisted), and the cards on their way to it. What a
 * player sees of the other desks in class: game 4's overwrite of i1–i3's "Load" happens in sight.
 * Beside the cards from 100 columns; at 80×24 the `c` key shows it in place of the sheet.
 */
import { Box, Text } from 'ink';
import type { ServerGlance } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import type { ServerId } from '../../src/raft/types.js';
import { t } from '../i18n.js';
import type { Theme } from '../theme.js';
import { shown, tint } from '../theme.js';
import { padTo, widthOf } from './text-width.js';

export interface ClusterStripProps {
  glance: ServerGlance[];
  /** The student's own server, marked with the pointer. */
  me: ServerId;
  width: number;
  lang: Lang;
  theme: Theme;
}

type EntryColour = 'applied' | 'committed' | 'persisted';

/** One server's line as pieces: the head, each log cell with its state, the tail. Pure, for tests. */
export interface GlanceLine {
  head: string;
  cells: { text: string; state: EntryColour }[];
  tail: string;
}

/** The role plate of a glance: ♛ leader, ✋ candidate, ○ offline (the sheet is turned over). */
function plate(g: ServerGlance, theme: Theme): string {
  if (!g.online) return theme.sym.offline;
  // One column, so the lines stay aligned: --ascii's plates are [L] and [C] on the sheet.
  if (theme.ascii) return g.role === 'leader' ? 'L' : g.role === 'candidate' ? 'C' : ' ';
  return g.role === 'leader' ? theme.sym.leader : g.role === 'candidate' ? theme.sym.candidate : ' ';
}

/** `column`: the longest log in the cluster, so every line's counts stand in one column. */
export function glanceLine(g: ServerGlance, me: ServerId, width: number, theme: Theme, column = g.length): GlanceLine {
  const head = `${g.id === me ? theme.sym.pointer : ' '}${padTo(g.id, 2)}${plate(g, theme)} ${padTo(`t${g.term}·${g.vote ?? theme.sym.none}`, 6)} `;
  // Counts say the entry states without colour; the restart mark says why ✔ dropped (R1).
  // R29: `▣12` — entries 1–12 are in its snapshot box.
  const stats = ` ${theme.sym.applied}${g.lastApplied}${theme.sym.committed}${g.commitIndex}${g.restarted ? ' ↻' : ''}${g.snapshot ? ` ▣${g.snapshot}` : ''}`;
  const cards = g.cards > 0 ? ` ✉${g.cards}` : '';
  const tags = g.cardTags.map((k) => ` ${k.type}${k.from}`).join('');
  const fixed = widthOf(head);
  // The log gets what is left after the head; the stats, the count and the card names only
  // where there is room for them (the log matters most: it is the lesson of games 2 and 4).
  const optional = [stats, cards, tags];
  let extra = '';
  for (const part of optional) if (fixed + Math.min(g.length, 12) + widthOf(extra + part) <= width) extra += part;
  const room = Math.max(4, width - fixed - widthOf(extra));
  // The newest entries stay in sight; `…` stands for the ones cut off at the start.
  const shownFrom = g.from === 1 && g.length <= room ? 1 : Math.max(g.from, g.length - room + 2);
  const cells: GlanceLine['cells'] = [];
  for (let i = shownFrom; i <= g.length; i++) {
    const v = g.values[i - g.from];
    cells.push({ text: v === ' ' ? theme.sym.space : v, state: i <= g.lastApplied ? 'applied' : i <= g.commitIndex ? 'committed' : 'persisted' });
  }
  const cut = shownFrom > 1 ? '…' : '';
  const logWidth = widthOf(cut) + cells.length;
  const pad = Math.max(0, Math.min(room, column) - logWidth);
  return { head: head + cut, cells, tail: ' '.repeat(pad) + extra };
}

export function ClusterStrip({ glance, me, width, lang, theme }: ClusterStripProps) {
  const leaders = glance.filter((g) => g.online && g.role === 'leader').sort((a, b) => b.term - a.term);
  const term = Math.max(0, ...glance.map((g) => g.term));
  const column = Math.max(0, ...glance.map((g) => g.length));
  // Short enough for the narrowest strip (24 columns): `Cluster · t3 · ♛ i4`.
  const title = `${t(lang, 'cluster')} · t${term} · ${leaders[0] ? `${theme.sym.leader} ${leaders[0].id}${leaders[0].term !== term ? ` t${leaders[0].term}` : ''}` : t(lang, 'noLeader')}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {shown(theme, title)}
      </Text>
      {glance.map((g) => {
        const line = glanceLine(g, me, width, theme, column);
        return (
          <Text key={g.id} wrap="truncate-end" dimColor={!g.online} bold={g.id === me}>
            <Text color={g.role === 'leader' && g.online ? tint(theme, 'yellow') : undefined}>{shown(theme, line.head)}</Text>
            {line.cells.map((c, i) => (
              <Text key={i} color={tint(theme, theme.colour[c.state])}>
                {c.text}
              </Text>
            ))}
            <Text color={tint(theme, theme.colour.dim)}>{shown(theme, line.tail)}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
