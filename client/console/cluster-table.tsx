/**
 * One row per cluster: leader, term, commit index, cards in flight, who holds the oldest card
 * and for how long, mistakes by rule, violations, the script step and whether the cluster
 * finished it. Two leaders in one term (P1) are drawn in red: the class should see it at once.
 */
import { Box, Text } from 'ink';
import type { ClusterOverview } from '../../src/game/types.js';
import type { Presence } from '../../src/protocol/messages.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';
import { padTo } from '../components/text-width.js';

/** Column widths; the header is built from them so the two never drift apart. */
const W = { cl: 3, leader: 8, term: 5, commit: 7, cards: 6, holding: 17, mistakes: 12, broken: 7, step: 7 };
export const COLUMNS =
  ' ' +
  Object.entries({ cl: 'cl', leader: 'leader', term: 'term', commit: 'commit', cards: 'cards', holding: 'holding', mistakes: 'mistakes', broken: 'broken', step: 'step' })
    .map(([k, label]) => padTo(label, W[k as keyof typeof W]))
    .join('') +
  'seats';

export function secs(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)}m` : `${Math.max(0, Math.floor(ms / 1000))}s`;
}

export function leaderText(c: ClusterOverview): string {
  const top = c.leaders.filter((l) => l.term === c.term);
  if (top.length === 0) return '—';
  return top.map((l) => `♛${l.server}`).join(',');
}

/** The server that has held its oldest card longest, and how many others are waiting. */
export function holdingText(c: ClusterOverview): string {
  const waiting = Object.entries(c.waiting).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null);
  if (waiting.length === 0) return '—';
  waiting.sort((a, b) => b[1].age - a[1].age);
  const [id, w] = waiting[0];
  return `${id} ${w.card} ${secs(w.age)}${waiting.length > 1 ? ` +${waiting.length - 1}` : ''}`;
}

export function mistakesText(c: ClusterOverview): string {
  const rules = Object.entries(c.mistakesByRule).sort((a, b) => b[1] - a[1]);
  return rules.length ? rules.map(([r, n]) => `${r}×${n}`).join(' ') : '—';
}

export function brokenText(c: ClusterOverview): string {
  const props = [...new Set(c.violations.map((v) => v.property))];
  return props.length ? props.join(' ') : '—';
}

export function stepText(c: ClusterOverview, theme: Theme): string {
  if (!c.script) return '—';
  const where = c.script.game === 0 ? 'free' : `${c.script.game}.${c.script.step}`;
  return `${where} ${c.script.done ? theme.sym.ok : '…'}`;
}

export function seatsText(c: ClusterOverview, presence: Presence | undefined): string {
  const seats = Object.entries(c.seats);
  const students = seats.filter(([, s]) => s.kind === 'student').length;
  const here = seats.filter(([id, s]) => s.kind === 'student' && presence?.[c.id]?.[id]?.connected).length;
  const bots = seats.filter(([, s]) => s.kind === 'bot').length;
  const empty = seats.length - students - bots;
  // s: students (connected/seated), b: bots, e: empty seats.
  return [students ? `s${here}/${students}` : '', bots ? `b${bots}` : '', empty ? `e${empty}` : ''].filter(Boolean).join(' ');
}

// In columns, not characters (✔, ✋, names in any script): text-width.ts.
const pad = (s: string, n: number) => padTo(s, n);

export function ClusterTable({ clusters, selected, presence, theme, rows }: { clusters: ClusterOverview[]; selected: number; presence?: Presence; theme: Theme; rows: number }) {
  const first = Math.max(0, Math.min(selected - rows + 2, clusters.length - rows + 1));
  const shown = clusters.slice(first, first + Math.max(1, rows - 1));
  return (
    <Box flexDirection="column">
      <Text color={tint(theme, theme.colour.dim)} wrap="truncate">
        {COLUMNS}
      </Text>
      {shown.map((c) => {
        const i = clusters.indexOf(c);
        const p1 = c.leaders.filter((l) => l.term === c.term).length > 1 || c.violations.length > 0;
        return (
          <Text key={c.id} inverse={i === selected} wrap="truncate">
            {i === selected ? theme.sym.pointer : ' '}
            {pad(c.id, W.cl)}
            <Text color={p1 ? tint(theme, theme.colour.error) : tint(theme, 'yellow')}>{pad(leaderText(c), W.leader)}</Text>
            {pad(`t${c.term}`, W.term)}
            {pad(String(c.commitIndex), W.commit)}
            {pad(String(c.inFlight.length), W.cards)}
            {pad(holdingText(c), W.holding)}
            {pad(mistakesText(c), W.mistakes)}
            <Text color={c.violations.length ? tint(theme, theme.colour.error) : undefined}>{pad(brokenText(c), W.broken)}</Text>
            <Text color={c.script?.done ? tint(theme, theme.colour.ok) : undefined}>{pad(stepText(c, theme), W.step)}</Text>
            {seatsText(c, presence)}
          </Text>
        );
      })}
    </Box>
  );
}
