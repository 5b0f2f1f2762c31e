/**
 * Terminal columns, measured as the terminal draws them. A character is not a column: ✋ and
 * CJK letters take two, combining marks none. Every width, fit, wrap and cut in the client goes
 * through here (string-width and wrap-ansi, the same packages Ink measures with), so what we plan
 * to fit is what the terminal shows. Never count code points (`[...s].length`) for layout.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** Columns `text` takes on one line (the widest line if it holds newlines). */
export function widthOf(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, stringWidth(line));
  return widest;
}

/** Wraps `text` at `width` columns the way Ink's `wrap="wrap"` does (hard, words kept where they fit). */
export function wrapTo(text: string, width: number): string[] {
  if (width <= 0) return [];
  return wrapAnsi(text, width, { hard: true, trim: false }).split('\n');
}

/** Rows `text` takes when wrapped at `width` (each `\n` part at least one row). */
export function rowsOf(text: string, width: number): number {
  return text.split('\n').reduce((n, part) => n + Math.max(1, wrapTo(part, width).length), 0);
}

/**
 * The longest start of `text` that fits `width` columns, with `ellipsis` at the end when it was
 * cut (the ellipsis counts in the width). A wide character that would straddle the edge is dropped.
 */
export function truncateTo(text: string, width: number, ellipsis = '…'): string {
  if (widthOf(text) <= width && !text.includes('\n')) return text;
  const room = width - stringWidth(ellipsis);
  if (room < 0) return '';
  let out = '';
  let used = 0;
  for (const ch of text.replace(/\n/g, ' ')) {
    const w = stringWidth(ch);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return out + ellipsis;
}

/** `text` padded with spaces (or cut with `…`) to exactly `width` columns. */
export function padTo(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = widthOf(text) > width ? truncateTo(text, width) : text;
  const gap = ' '.repeat(Math.max(0, width - widthOf(cut)));
  return align === 'left' ? cut + gap : gap + cut;
}
