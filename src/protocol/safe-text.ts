/**
 * The one rule for text that comes from a client and is shown to somebody else (issue 11 #3):
 * names, log letters, entry values, announcements. Such text may hold any letter of any script,
 * but no character a terminal acts on instead of drawing it:
 *
 * - C0 and C1 controls and DEL (ESC starts OSC/CSI sequences; U+009B is a one-character CSI,
 *   U+009D a one-character OSC on terminals that read 8-bit controls);
 * - bidi overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E,
 *   U+200F, U+061C), which reorder what the victim reads around them;
 * - unassigned code points and lone surrogates (nothing draws them; some terminals misjudge
 *   their width, which shifts every column after them).
 *
 * The hub refuses such text at the protocol edge (the zod schemas, `frame/invalid`); every output
 * that prints text it did not draw itself (the report, hub.log) passes it through `escapeText`,
 * which shows each refused character as `\uXXXX` instead, for text recorded before this rule.
 */

const UNSAFE = /[\p{Cc}\p{Cn}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

/** True when the text holds no control, bidi or unassigned character. */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** The first refused character as `U+XXXX`, for a message that says which one; null if none. */
export function firstUnsafe(text: string): string | null {
  const m = UNSAFE.exec(text);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Every refused character shown as `\uXXXX` (`\u{XXXXX}` past the BMP); the rest unchanged. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE_ALL, (ch) => {
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** Escapes each line, keeping the line breaks the output drew itself (the report's Markdown). */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeText).join('\n');
}
