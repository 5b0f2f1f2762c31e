/**
 * Symbols and colours of the sheet. Every state is drawn by colour *and* by symbol, so the
 * sheet reads the same without colour (NO_COLOR) or without Unicode (--ascii).
 * Colours follow the workshop's entry-state picture: applied green, committed yellow,
 * persisted orange, not yet persisted grey.
 */
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
  [/▸/g, '>'],
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
