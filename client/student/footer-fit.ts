/**
 * Fitting the footer (prompt, verdict, rule card, key help…) into the rows the terminal has.
 * The frame must stay at most rows − 1 tall (a taller one makes Ink clear the screen on every
 * redraw), so when there is more to say than room, the least important lines are shortened
 * first, then dropped; the key help line is never dropped.
 */
export interface FooterLine {
  key: string;
  text: string;
  /** Higher stays longer. */
  priority: number;
  color?: string;
  bold?: boolean;
  inverse?: boolean;
}

/** Rows a text takes when wrapped at `width` (every cell one column wide). */
export function rowsOf(text: string, width: number): number {
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil([...part].length / width)), 0);
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
      const rows = rowsOf(victim.text, width);
      victim.text = `${[...victim.text].slice(0, (rows - 1) * width - 1).join('')}…`;
      continue;
    }
    const droppable = out.filter((l) => l.priority < 100);
    if (droppable.length === 0) break;
    const victim = lowest(droppable);
    out = out.filter((l) => l !== victim);
  }
  return out;
}
