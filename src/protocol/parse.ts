/**
 * Turning one received frame into a client message, or into the error code that says why not.
 * Pure: the hub hands it the bytes it got; it never throws, whatever the bytes are.
 */
import { errorText, type ProtocolErrorCode } from './codes.js';
import { CLIENT_MESSAGE_TYPES, clientMessageSchema, type ClientMessage } from './messages.js';
import type { Text } from '../i18n/text.js';
import { describeZodError } from './zod-issue.js';

export type ParseResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ProtocolErrorCode; message: Text; detail?: string; id?: number };

function fail(code: ProtocolErrorCode, detail?: string, id?: number): ParseResult {
  return { ok: false, code, message: errorText(code), ...(detail ? { detail } : {}), ...(id !== undefined ? { id } : {}) };
}

/**
 * No real message nests deeper than 7 (a leader's move: proposal → send → card → message →
 * entries → entry). Past this the frame is refused before JSON.parse: V8 takes ~13 ms of CPU
 * to parse a 60 KiB `[[[[…]]]]`, and zod would walk whatever it built.
 */
export const MAX_DEPTH = 32;

export interface FramePeek {
  /** Deepest bracket nesting outside strings. */
  depth: number;
  /** The top-level `"id": <integer>` when it could be read without parsing. */
  id?: number;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * One pass over the text without building anything: the bracket depth outside strings (it stops
 * counting once past `stopAt`), and the top-level `id`, so that a frame the hub drops unread (rate
 * limit) or refuses unparsed (too deep) can still be answered with its id. Not a validator: a
 * frame that passes still goes through JSON.parse and the schema.
 */
export function peekFrame(text: string, stopAt = MAX_DEPTH): FramePeek {
  let depth = 0;
  let max = 0;
  let id: number | undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      const start = i + 1;
      i = closingQuote(text, start);
      // A key of the top-level object: a string at depth 1 followed by ':'.
      if (depth === 1 && id === undefined && i - start === 2 && text.charCodeAt(start) === 105 && text.charCodeAt(start + 1) === 100) id = readId(text, i + 1);
    } else if (ch === 123 || ch === 91) {
      // { or [
      if (++depth > max) max = depth;
      if (max > stopAt) break;
    } else if (ch === 125 || ch === 93) {
      depth--;
    }
  }
  return id === undefined ? { depth: max } : { depth: max, id };
}

/** The index of the quote that closes a string opened before `from` (indexOf jumps over the text; a quote after an odd run of backslashes is escaped), or the text's length. */
function closingQuote(text: string, from: number): number {
  let j = text.indexOf('"', from);
  while (j !== -1) {
    let k = j - 1;
    while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

/** `: 123` followed by a delimiter, from `at` (just past the key's closing quote). */
function readId(text: string, at: number): number | undefined {
  const m = /^\s*:\s*(\d{1,15})\s*[,}]/.exec(text.slice(at, at + 40));
  return m ? Number(m[1]) : undefined;
}

export function parseClientFrame(data: string, isBinary: boolean): ParseResult {
  if (isBinary) return fail('frame/binary');
  const peek = peekFrame(data);
  if (peek.depth > MAX_DEPTH) return fail('frame/invalid', `nested deeper than ${MAX_DEPTH} levels`, peek.id);
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return fail('frame/not-json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('frame/invalid', 'a message is a JSON object');
  const record = json as Record<string, unknown>;
  const type = record.type;
  // Echo the client's id on errors when it is usable, so a client can match the error to its request.
  const id = Number.isSafeInteger(record.id) && (record.id as number) >= 0 ? (record.id as number) : undefined;
  if (typeof type !== 'string') return fail('frame/invalid', 'missing "type"', id);
  if (!(CLIENT_MESSAGE_TYPES as readonly string[]).includes(type)) return fail('frame/unknown-type', `unknown type "${type.slice(0, 40)}"`, id);
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) {
    return fail('frame/invalid', describeZodError(parsed.error).slice(0, 200), id);
  }
  return { ok: true, message: parsed.data };
}

export { parseHubFrame, type HubFrameResult } from './hub-messages.js';
