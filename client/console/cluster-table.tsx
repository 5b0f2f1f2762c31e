/**
 * One cluster in two lines. The first: leader, term, commit index, cards in flight, who holds
 * the oldest card (server and student's name) and for how long, mistakes by rule, violations,
 * the script step and whether the cluster finished it, seats. The second, always there: what the
 * instructor must not forget — paused, offline servers, partition groups, the modes — then the
 * students by name, a disconnected one with "✗ since". Two leaders in one term (P1) are red.
 *
 * Widths are terminal columns (text-width.ts), never string lengths: names may hold wide letters.
 * The flexible columns (holding, mistakes, seats) share what a wider terminal gives (120, 160).
 */
import { Box, Text } from 'ink';
import type { ClusterOverview } from '../../src/game/types.js';
import type { Presence } from '../../src/protocol/messages.js';
import { padTo, truncateTo, widthOf } from '../components/text-width.js';
import type { Theme } from '../theme.js';
import { tint } from '../theme.js';

type Col = 'cl' | 'leader' | 'term' | 'commit' | 'cards' | 'holding' | 'mistakes' | 'broken' | 'step' | 'seats';
const LABELS: Record<Col, string> = { cl: 'cl', leader: 'leader', term: 'term', commit: 'commit', cards: 'cards', holding: 'holding', mistakes: 'mistakes', broken: 'broken', step: 'step', seats: 'seats' };

/** Column widths for a terminal `width` columns wide (at least 80); the pointer takes one more. */
export function columnWidths(width: number): Record<Col, number> {
  const extra = Math.max(0, width - 80);
  const holding = 14 + Math.floor(extra * 0.4);
  const mistakes = 11 + Math.floor(extra * 0.3);
  const fixed = 1 + 3 + 8 + 5 + 7 + 6 + 7 + 7;
  const seats = Math.max(8, width - fixed - holding - mistakes - 1);
  return { cl: 3, leader: 8, term: 5, commit: 7, cards: 6, holding, mistakes, broken: 7, step: 7, seats };
}

export function columnsHeader(width: number): string {
  const w = columnWidths(width);
  return ' ' + (Object.keys(LABELS) as Col[]).map((k) => padTo(LABELS[k], w[k])).join('');
}

export function secs(ms: number): string {
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)}m` : `${Math.max(0, Math.floor(ms / 1000))}s`;
}

/**
 * As many whole items as fit `width` columns, then `+N` for the rest: a column never overflows
 * and never cuts an item in half (`R9×2 R18×1 +3`).
 */
export function fitItems(items: string[], width: number): string {
  for (let n = items.length; n >= 0; n--) {
    const more = items.length - n;
    const text = [...items.slice(0, n), ...(more ? [`+${more}`] : [])].join(' ');
    if (widthOf(text) <= width) return text;
  }
  return truncateTo(`+${items.length}`, width);
}

/** Leaders of the cluster's current term that are online (an offline leader leads nobody). */
export function leaderText(c: ClusterOverview): string {
  const top = c.leaders.filter((l) => l.term === c.term && c.online[l.server] !== false);
  if (top.length === 0) return '—';
  return top.map((l) => `♛${l.server}`).join(',');
}

/** A student's name at a seat, if a student sits there. */
export function nameAt(c: ClusterOverview, server: string): string | null {
  const seat = c.seats[server];
  return seat?.kind === 'student' ? seat.name : null;
}

/** The server that has held its oldest card longest (with the student's name), and how many others wait. */
export function holdingText(c: ClusterOverview): string {
  const waiting = Object.entries(c.waiting).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null);
  if (waiting.length === 0) return '—';
  waiting.sort((a, b) => b[1].age - a[1].age);
  const [id, w] = waiting[0];
  const name = nameAt(c, id);
  return `${id}${name ? ` ${name}` : ''} ${w.card} ${secs(w.age)}${waiting.length > 1 ? ` +${waiting.length - 1}` : ''}`;
}

export function mistakeItems(c: ClusterOverview): string[] {
  return Object.entries(c.mistakesByRule)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r}×${n}`);
}

export function mistakesText(c: ClusterOverview, width = Infinity): string {
  const items = mistakeItems(c);
  return items.length ? fitItems(items, width) : '—';
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

/** `i1 i2 | i3–i8`: runs of consecutive servers written as a range. */
export function groupText(group: string[]): string {
  const nums = group.map((s) => Number(s.slice(1))).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    parts.push(j - i >= 2 ? `i${nums[i]}–i${nums[j]}` : nums.slice(i, j + 1).map((n) => `i${n}`).join(' '));
    i = j + 1;
  }
  return parts.join(' ');
}

/** The cluster's modes in words, the hint level (what `?` gives students) among them. */
export function modeWords(c: ClusterOverview, timeoutMs?: [number, number]): string[] {
  const hint = c.hints;
  const timers = c.election === 'timers' ? `timers${timeoutMs ? ` ${Math.round(timeoutMs[0] / 1000)}–${Math.round(timeoutMs[1] / 1000)}s` : ''}` : 'on cue';
  return [c.mode, c.assist === 'by-hand' ? 'by hand' : 'prefilled', ...(hint !== undefined ? [`hints ${hint}`] : []), timers, ...(c.preVote ? ['pre-vote'] : []), ...(c.snapshotEvery ? [`snapshot ${c.snapshotEvery}`] : []), ...(c.membership ? [c.membership.uncorrected ? 'membership, no R37' : 'membership'] : [])];
}

/** Paused, offline servers, partition groups: the state of the cluster a glance must catch. */
export function faultWords(c: ClusterOverview, now: number, theme: Theme): string[] {
  const out: string[] = [];
  if (c.paused !== undefined) out.push(`⏸ paused ${secs(now - c.paused)}`);
  const off = Object.entries(c.online).filter(([, on]) => !on).map(([id]) => id);
  if (off.length) out.push(`${theme.sym.offline} off ${off.join(' ')}`);
  if (c.faults.partitions.length) out.push(`split ${c.faults.partitions.map(groupText).join(' | ')}`);
  if (c.faults.delayMs) out.push(`delay ${secs(c.faults.delayMs)}`);
  if (c.faults.duplicate) out.push('duplicate');
  if (c.faults.lossRate) out.push(`loss ${Math.round(c.faults.lossRate * 100)}%`);
  return out;
}

/** Students by name with their seat; `✗ 3m`: disconnected for three minutes; held bots. */
export function peopleItems(c: ClusterOverview, presence: Presence | undefined, now: number): string[] {
  const out: string[] = [];
  for (const [id, seat] of Object.entries(c.seats)) {
    const p = presence?.[c.id]?.[id];
    if (seat.kind === 'student') {
      const away = p && !p.connected ? ` ✗${p.since !== undefined ? ` ${secs(now - p.since)}` : ''}` : '';
      out.push(`${seat.name} ${id}${away}`);
    } else if (seat.kind === 'bot') {
      if (p?.held) out.push(`${id} held`);
      if (p?.err) out.push(`${id} errs ${p.err}`);
    }
  }
  return out;
}

/** The second line of a cluster: faults and modes first (always visible), then the people. */
export function statusLine(c: ClusterOverview, presence: Presence | undefined, now: number, width: number, theme: Theme, timeoutMs?: [number, number]): string {
  const head = [...faultWords(c, now, theme), modeWords(c, timeoutMs).join(' ')].join(' · ');
  const people = peopleItems(c, presence, now);
  if (!people.length) return truncateTo(head, width);
  const room = width - widthOf(head) - 3;
  return room >= 8 ? `${head} · ${fitItems(people, room)}` : truncateTo(head, width);
}

export interface ClusterTableProps {
  clusters: ClusterOverview[];
  selected: number;
  presence?: Presence;
  theme: Theme;
  /** Rows available, header included; each cluster takes two. */
  rows: number;
  width: number;
  now: number;
  timeoutMs?: [number, number];
}

export function ClusterTable({ clusters, selected, presence, theme, rows, width, now, timeoutMs }: ClusterTableProps) {
  const w = columnWidths(width);
  const fit = Math.max(1, Math.floor((rows - 1) / 2));
  const first = Math.max(0, Math.min(selected - fit + 1, clusters.length - fit));
  const shown = clusters.slice(first, first + fit);
  const dim = tint(theme, theme.colour.dim);
  return (
    <Box flexDirection="column">
      <Text color={dim} wrap="truncate">
        {columnsHeader(width)}
      </Text>
      {shown.map((c) => {
        const i = clusters.indexOf(c);
        const p1 = c.leaders.filter((l) => l.term === c.term).length > 1 || c.violations.length > 0;
        const alert = c.paused !== undefined || Object.values(c.online).some((on) => !on) || c.faults.partitions.length > 0;
        return (
          <Box key={c.id} flexDirection="column">
            <Text inverse={i === selected} wrap="truncate">
              {i === selected ? theme.sym.pointer : ' '}
              {padTo(c.id, w.cl)}
              <Text color={p1 ? tint(theme, theme.colour.error) : tint(theme, 'yellow')}>{padTo(leaderText(c), w.leader)}</Text>
              {padTo(`t${c.term}`, w.term)}
              {padTo(String(c.commitIndex), w.commit)}
              {padTo(String(c.inFlight.length + (c.inFlightMore ?? 0)), w.cards)}
              {padTo(holdingText(c), w.holding)}
              {padTo(mistakesText(c, w.mistakes - 1), w.mistakes)}
              <Text color={c.violations.length ? tint(theme, theme.colour.error) : undefined}>{padTo(brokenText(c), w.broken)}</Text>
              <Text color={c.script?.done ? tint(theme, theme.colour.ok) : undefined}>{padTo(stepText(c, theme), w.step)}</Text>
              {truncateTo(seatsText(c, presence), w.seats)}
            </Text>
            <Text wrap="truncate" color={alert ? tint(theme, theme.colour.error) : dim}>
              {'    '}
              {statusLine(c, presence, now, width - 5, theme, timeoutMs)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
