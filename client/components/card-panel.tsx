/**
 * A column of cards that never draws one card over another. Ink's Yoga shrinks a box below its
 * content without a word and Ink then draws the content anyway, over the box below (issue #9:
 * `terms t3 t3 t3 t3alue ␣ v o l`). So the rows are counted before anything is laid out: every
 * line is exactly one terminal row (cut at the right edge with `…`, never wrapped), a block (a
 * card) is kept or cut whole, and what does not fit is named with a visible `+N`.
 *
 * Two ways to fit:
 * - without a focus (the cards in hand): whole cards from the top; the rest as `+N: titles`;
 * - with a focus (the line holding the cursor of a draft): the column scrolls so that line is in
 *   sight, `↑ +N` / `↓ +N` say how many lines are above and below, and the title of the card the
 *   focus is in stays pinned on top (a card's fields are never shown without its title).
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface PanelLine {
  key: string;
  /** One terminal row: the content of a <Text wrap="truncate-end">. */
  node: ReactNode;
  /** Holds the cursor: the panel scrolls to keep it in sight. */
  focus?: boolean;
}

export interface PanelBlock {
  key: string;
  /** The card's title line (its name and who wrote it), or none for loose lines. */
  title?: PanelLine;
  lines: PanelLine[];
  /** A short name for the `+N` line when the block is left out. */
  name?: string;
}

/** Which lines of which blocks are drawn, and what is said about the rest. */
export interface Fitted {
  parts: { block: number; title: boolean; from: number; to: number }[];
  above: number;
  below: number;
  /** Blocks left out whole (without a focus). */
  hidden: number[];
}

const size = (b: PanelBlock) => (b.title ? 1 : 0) + b.lines.length;

/** Fits `blocks` into `rows` rows (pure: the counting, tested without Ink). */
export function fitPanel(blocks: PanelBlock[], rows: number): Fitted {
  const total = blocks.reduce((n, b) => n + size(b), 0);
  const all = blocks.map((b, i) => ({ block: i, title: Boolean(b.title), from: 0, to: b.lines.length }));
  if (total <= rows) return { parts: all, above: 0, below: 0, hidden: [] };
  const focusAt = blocks.findIndex((b) => b.lines.some((l) => l.focus));
  return focusAt >= 0 ? scrolled(blocks, rows, focusAt) : whole(blocks, rows);
}

/** Whole blocks from the top while they fit, one row kept for the `+N` line. */
function whole(blocks: PanelBlock[], rows: number): Fitted {
  const room = Math.max(1, rows - 1);
  const parts: Fitted['parts'] = [];
  let used = 0;
  let i = 0;
  for (; i < blocks.length && used + size(blocks[i]) <= room; i++) {
    parts.push({ block: i, title: Boolean(blocks[i].title), from: 0, to: blocks[i].lines.length });
    used += size(blocks[i]);
  }
  if (parts.length === 0) {
    // Not even the first card fits: its first lines, whole, title first; the rest counted.
    const b = blocks[0];
    const body = Math.max(0, room - (b.title ? 1 : 0));
    const rest = b.lines.length - body + blocks.slice(1).reduce((n, x) => n + size(x), 0);
    return { parts: [{ block: 0, title: Boolean(b.title), from: 0, to: body }], above: 0, below: rest, hidden: [] };
  }
  return { parts, above: 0, below: 0, hidden: blocks.map((_, k) => k).slice(i) };
}

/** A window over the lines that holds the focus line, with its card's title pinned. */
function scrolled(blocks: PanelBlock[], rows: number, focusBlock: number): Fitted {
  // Every line in one list: [block, index] with index −1 for a title.
  const flat: [number, number][] = blocks.flatMap((b, i) => [...(b.title ? [[i, -1] as [number, number]] : []), ...b.lines.map((_, k) => [i, k] as [number, number])]);
  const focus = flat.findIndex(([b, k]) => b === focusBlock && k >= 0 && blocks[b].lines[k].focus);
  const room = Math.max(1, rows - 2); // a row for `↑ +N` and one for `↓ +N`
  let from = flat.findIndex(([b]) => b === focusBlock); // the focus card from its title
  if (focus - from + 1 > room) from = focus - room + 1;
  from = Math.max(0, Math.min(from, flat.length - room));
  // The first line drawn is a field of a card whose title is above: pin the title on top.
  const titleAbove = (n: number) => flat[n][1] >= 0 && Boolean(blocks[flat[n][0]].title);
  if (titleAbove(from) && from < focus) from += 1;
  const pin = titleAbove(from);
  const to = Math.min(flat.length, from + room - (pin ? 1 : 0));
  const parts: Fitted['parts'] = [];
  for (let n = from; n < to; n++) {
    const [b, k] = flat[n];
    const last = parts.at(-1);
    if (last && last.block === b) {
      if (k >= 0) last.to = k + 1;
    } else {
      parts.push({ block: b, title: k < 0 || (n === from && pin), from: Math.max(0, k), to: k + 1 });
    }
  }
  return { parts, above: from - (pin ? 1 : 0), below: flat.length - to, hidden: [] };
}

/** `text`: how a marker is written on this terminal (--ascii has no arrows), e.g. theme.ts `shown`. */
export function CardPanel({ blocks, rows, dim, more, text = (s) => s }: { blocks: PanelBlock[]; rows: number; dim?: string; more: (n: number, names: string[]) => string; text?: (s: string) => string }) {
  const fit = fitPanel(blocks, rows);
  const hiddenNames = fit.hidden.map((i) => blocks[i].name ?? '').filter(Boolean);
  return (
    <Box flexDirection="column" flexShrink={0}>
      {fit.above > 0 ? <Text color={dim}>{text(`↑ +${fit.above}`)}</Text> : null}
      {fit.parts.map((p) => {
        const b = blocks[p.block];
        return (
          // flexShrink 0: a card is as tall as its lines, never squeezed onto the next one.
          <Box key={b.key} flexDirection="column" flexShrink={0}>
            {p.title && b.title ? <Text wrap="truncate-end">{b.title.node}</Text> : null}
            {b.lines.slice(p.from, p.to).map((l) => (
              <Text key={l.key} wrap="truncate-end">
                {l.node}
              </Text>
            ))}
          </Box>
        );
      })}
      {fit.below > 0 ? <Text color={dim}>{text(`↓ +${fit.below}`)}</Text> : null}
      {fit.hidden.length > 0 ? (
        <Text color={dim} wrap="truncate-end">
          {more(fit.hidden.length, hiddenNames)}
        </Text>
      ) : null}
    </Box>
  );
}
