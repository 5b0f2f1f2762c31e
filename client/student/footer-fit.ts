/**
 * Fitting the footer (prompt, verdict, rule card, key help…) into the rows the terminal has.
 * The frame must stay at most rows − 1 tall (a taller one makes Ink clear the screen on every
 * redraw), so when there is more to say than room, the least important lines are shortened
 * first, then dropped; the key help line is never dropped. Rows and cuts are counted in terminal
 * columns (text-width.ts), as Ink wraps them: ✋ takes two, so a line that holds one still fits.
 */
import { rowsOf as wrappedRows, truncateTo } from '../components/text-width.js';

export interface FooterLine {
  key: string;
  text: string;
  /** Higher stays longer. */
  priority: number;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
}

/** Rows a text takes when Ink wraps it at `width` columns (words kept whole where they fit). */
export function rowsOf(text: string, width: number): number {
  return wrappedRows(text, width);
}

export function totalRows(lines: FooterLine[], width: number): number {
  return lines.reduce((n, l) => n + rowsOf(l.text, width), 0);
}

/**
 * Keeps the lines' order. While they do not fit `budget` rows: first every line is shortened
 * towards one row, least important first (a line cut short still says something); only then are
 * the least important lines dropped.
 */
export function fitLines(lines: FooterLine[], width: number, budget: number): FooterLine[] {
  let out = lines.map((l) => ({ ...l }));
  const lowest = (ls: FooterLine[]) => ls.reduce((a, b) => (b.priority < a.priority ? b : a));
  while (totalRows(out, width) > budget) {
    const long = out.filter((l) => l.priority < 100 && !l.text.includes('\n') && rowsOf(l.text, width) > 1);
    if (long.length > 0) {
      const victim = lowest(long);
      // One row shorter each time: cut to the columns of one row fewer, then let the words wrap.
      const rows = rowsOf(victim.text, width);
      let cut = truncateTo(victim.text, (rows - 1) * width);
      for (let room = (rows - 1) * width - 1; room > 0 && rowsOf(cut, width) >= rows; room -= 1) cut = truncateTo(victim.text, room);
      victim.text = cut;
      continue;
    }
    const droppable = out.filter((l) => l.priority < 100);
    if (droppable.length === 0) break;
    const victim = lowest(droppable);
    out = out.filter((l) => l !== victim);
  }
  return out;
}
