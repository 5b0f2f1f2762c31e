/**
 * Every character of an input chunk is one key. Ink reads stdin in chunks and hands each run of
 * plain text between escape sequences to `useInput` as ONE string: a paste, fast typing or a
 * laggy SSH link delivers `ighLoad` or `kb` at once. Escape sequences (arrows, PgUp, …) already
 * arrive alone and parsed into key flags; only a plain-text chunk longer than one character is
 * split here, each character with the flags Ink would have given it had it come alone, so the
 * apps apply them in order through the same reducer as typed keys (none lost, none doubled).
 */
import type { Key } from 'ink';

export interface KeyEvent {
  input: string;
  key: Key;
}

/** Ink's key object with every flag off (the same fields Ink 6.8 fills). */
export function blankKey(): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
  };
}

/** One character as Ink parses it when it arrives alone (ink/build/parse-keypress.js). */
function keyOfChar(ch: string): KeyEvent | null {
  const key = blankKey();
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...key, return: true } };
  if (ch === '\t') return { input: '', key: { ...key, tab: true } };
  // Ink 6 reports the Backspace key (DEL, 0x7f) as `delete`, and ^H as `backspace`.
  if (ch === '\x7f') return { input: '', key: { ...key, delete: true } };
  if (ch === '\b') return { input: '', key: { ...key, backspace: true } };
  const code = ch.codePointAt(0) ?? 0;
  // Ctrl+letter (^C is 0x03): Ink gives the letter with `ctrl`.
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...key, ctrl: true } };
  if (code < 0x20) return null;
  return { input: ch, key: { ...key, shift: /^[A-Z]$/.test(ch) } };
}

/**
 * The keys a `useInput` call stands for, in order. A single key (one character, or any key Ink
 * flagged: arrows, Enter, Tab, Ctrl) passes through untouched; Meta+key is Esc, then the key.
 */
export function keysOf(input: string, key: Key): KeyEvent[] {
  // Esc and the next key in one read (a quick `Esc q`, tmux or SSH sending both in one write)
  // reach Ink as ONE key: "\x1bq" is parsed as Meta+q, "\x1b\r" as Meta+Enter, and both keys
  // were lost (no app binds a Meta chord). Terminals cannot tell Alt+q from Esc q either (vim
  // reads them alike): it is the Escape, then the key.
  if (key.meta && !key.escape && !key.ctrl) return [{ input: '', key: { ...blankKey(), escape: true, meta: true } }, ...keysOf(input, { ...key, meta: false })];
  // A character as a person sees it (a grapheme: é typed as e + accent, an emoji with its
  // modifiers), not a code point; a pasted Windows line break "\r\n" is one too: one Enter.
  const chars = Array.from(GRAPHEMES.segment(input), (g) => g.segment);
  // A lone line feed (Ctrl+J, or an Enter the terminal's cooked mode turned into "\n") is Enter,
  // as inside a chunk; Ink names it `enter` and sets no flag, so it was typed as a character.
  if (input === '\n' && !hasFlag(key)) return [keyOfChar('\n')!];
  if (chars.length <= 1) return [{ input, key }];
  // Ink marks a chunk it recognised as one key (Ctrl+name) with flags: keep it whole.
  if (key.ctrl || key.return || key.tab || key.escape) return [{ input, key }];
  return chars.flatMap((ch) => keyOfChar(ch === '\r\n' ? '\r' : ch) ?? []);
}

/** Whether Ink set any flag on the key (an arrow, Enter, a modifier…). */
const hasFlag = (key: Key): boolean => Object.values(key).some((v) => v === true);

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A `useInput` handler that takes a chunk and gives `handle` one key at a time; `handle` returns
 * 'stop' when the app ends (the keys after a quit are not for it).
 */
export function eachKey(handle: (input: string, key: Key) => 'stop' | void): (input: string, key: Key) => void {
  return (input, key) => {
    for (const k of keysOf(input, key)) if (handle(k.input, k.key) === 'stop') return;
  };
}

/** One key as the apps' reducers take it (the student's KeyPress; the console's ConsoleKey without ← →). */
export type Press = { kind: 'char'; char: string } | { kind: 'up' | 'down' | 'left' | 'right' | 'enter' | 'escape' | 'backspace' | 'tab' };

/** Ink's (input, key) as a Press; null for what no reducer reads (Ctrl and Meta chords, bare modifiers). */
export function pressOf(input: string, key: Key): Press | null {
  if (key.upArrow) return { kind: 'up' };
  if (key.downArrow) return { kind: 'down' };
  if (key.leftArrow) return { kind: 'left' };
  if (key.rightArrow) return { kind: 'right' };
  if (key.return) return { kind: 'enter' };
  if (key.escape) return { kind: 'escape' };
  if (key.tab) return { kind: 'tab' };
  // Ink 6 reports Backspace as `delete` (DESIGN.md pitfalls).
  if (key.backspace || key.delete) return { kind: 'backspace' };
  if (key.ctrl || key.meta) return null;
  return input.length >= 1 ? { kind: 'char', char: input } : null;
}
