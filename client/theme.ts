/**
 * Symbols and colours of the sheet. Every state is drawn by colour *and* by symbol, so the
 * sheet reads the same without colour (NO_COLOR) or without Unicode (--ascii).
 * Colours follow the workshop's entry-state picture: applied green, committed yellow,
 * persisted orange, not yet persisted grey.
 */
import stringWidth from 'string-width';

export interface Theme {
  ascii: boolean;
  color: boolean;
  sym: {
    applied: string;
    committed: string;
    persisted: string;
    draft: string;
    ok: string;
    no: string;
    waiting: string;
    lost: string;
    none: string;
    space: string;
    leader: string;
    candidate: string;
    follower: string;
    pointer: string;
    online: string;
    offline: string;
    bar: string;
  };
  colour: { applied: string; committed: string; persisted: string; draft: string; error: string; ok: string; accent: string; dim: string };
}

export function makeTheme(opts: { ascii?: boolean; color?: boolean } = {}): Theme {
  const ascii = opts.ascii ?? false;
  const color = opts.color ?? true;
  return {
    ascii,
    color,
    sym: ascii
      ? { applied: '+', committed: '*', persisted: 'o', draft: '~', ok: 'y', no: 'x', waiting: '.', lost: '#', none: '-', space: '_', leader: '[L]', candidate: '[C]', follower: '[F]', pointer: '>', online: '*', offline: 'o', bar: '|' }
      : { applied: '✔', committed: '●', persisted: '○', draft: '◌', ok: '✔', no: '✗', waiting: '·', lost: '✂', none: '—', space: '␣', leader: '♛', candidate: '✋', follower: '∙', pointer: '▸', online: '●', offline: '○', bar: '│' },
    colour: { applied: 'green', committed: 'yellow', persisted: '#ff8c00', draft: 'gray', error: 'red', ok: 'green', accent: 'cyan', dim: 'gray' },
  };
}

/** A colour only when colour is on: Ink's `color` prop takes undefined as "default". */
export function tint(theme: Theme, colour: string): string | undefined {
  return theme.color ? colour : undefined;
}

const ASCII: [RegExp, string][] = [
  [/←→↑↓/g, 'arrows'],
  [/↑↓/g, 'up/down'],
  [/⌫/g, 'bksp'],
  [/·/g, '|'],
  [/[—–]/g, '-'],
  [/✔/g, 'y'],
  [/✗/g, 'x'],
  [/●/g, '*'],
  [/○/g, 'o'],
  [/◌/g, '~'],
  [/␣/g, '_'],
  [/↩/g, '<'],
  [/✉/g, '@'],
  [/↻/g, '(r)'],
  [/»/g, '>>'],
  [/[▸▶]/g, '>'],
  [/♛/g, '[L]'],
  [/✋/g, '[C]'],
  [/∙/g, '.'],
  [/∅/g, '(empty)'],
  [/±/g, '+-'],
  [/−/g, '-'],
  [/…/g, '...'],
  [/≥/g, '>='],
  [/≤/g, '<='],
  [/≠/g, '!='],
  [/×/g, 'x'],
  [/→/g, '->'],
  [/[’‘]/g, "'"],
  [/[“”«»]/g, '"'],
];

/** Text as the terminal can show it: under --ascii every symbol gets a plain stand-in. */
export function shown(theme: Theme, text: string): string {
  if (!theme.ascii) return text;
  return ASCII.reduce((s, [re, to]) => s.replace(re, to), text);
}

/**
 * The last word under --ascii: every symbol still in a frame gets a stand-in of the same width
 * in columns, so the layout Ink measured is the layout the terminal shows. Letters of any script
 * (a Russian sheet) stay; only symbols are replaced. `shown()` above is the better spelling where
 * a text is built (`...`, `->`); this map catches the rest (box lines, markers in the core's
 * texts, the hub's prompts and refusals).
 */
export const ASCII_STAND_IN: Record<string, string> = {
  '·': '|', '∙': '.', '•': '*', '—': '-', '–': '-', '−': '-', '…': '.', '’': "'", '‘': "'", '“': '"', '”': '"', '«': '<', '»': '>',
  '→': '>', '←': '<', '↑': '^', '↓': 'v', '↩': '<', '▸': '>', '▶': '>', '⌫': '<', '±': '+', '×': 'x', '≥': '>', '≤': '<', '≠': '#',
  '∅': '0', '␣': '_', '✔': 'y', '✗': 'x', '●': '*', '○': 'o', '◌': '~', '♛': 'L', '♥': 'h', '♡': 'h', '⚠': '!', '✂': '#', '✋': 'C!',
  '│': '|', '─': '-', '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+', '╭': '+', '╮': '+', '╰': '+', '╯': '+',
  'ó': 'o',
};

/** Symbols (not letters, not ASCII) in a text: what asciiOnly replaces. */
const SYMBOL = /[^\x00-\x7f\p{L}\p{M}]/gu;

/** `text` with every non-ASCII symbol replaced by its stand-in ('?' per column when unknown). */
export function asciiOnly(text: string): string {
  return text.replace(SYMBOL, (ch) => ASCII_STAND_IN[ch] ?? '?'.repeat(Math.max(1, stringWidth(ch))));
}

/**
 * A stdout for Ink under --ascii: the same stream (size, resize events, TTY), but every frame
 * written goes through asciiOnly first.
 */
export function asciiStdout(out: NodeJS.WriteStream): NodeJS.WriteStream {
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => (target.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? asciiOnly(chunk) : chunk, ...rest);
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A cell under the cursor. Inverse video alone vanishes without colour: NO_COLOR maps to
 * FORCE_COLOR=0 and chalk then drops every style, inverse included, so a filled cell under the
 * cursor looked like any other (issue #9). Without colour the cell also gets brackets: `[4]`.
 */
export function cursorText(theme: Theme, text: string, here: boolean): string {
  return here && !theme.color ? `[${text}]` : text;
}
