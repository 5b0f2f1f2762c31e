/**
 * Turning one received frame into a client message, or into the error code that says why not.
 * Pure: the hub hands it the bytes it got; it never throws, whatever the bytes are.
 */
import { errorText, type ProtocolErrorCode } from './codes.js';
import { CLIENT_MESSAGE_TYPES, clientMessageSchema, type ClientMessage } from './messages.js';
import type { Text } from '../i18n/text.js';

export type ParseResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ProtocolErrorCode; message: Text; detail?: string; id?: number };

function fail(code: ProtocolErrorCode, detail?: string, id?: number): ParseResult {
  return { ok: false, code, message: errorText(code), ...(detail ? { detail } : {}), ...(id !== undefined ? { id } : {}) };
}

export function parseClientFrame(data: string, isBinary: boolean): ParseResult {
  if (isBinary) return fail('frame/binary');
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
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(message)';
    return fail('frame/invalid', `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 200), id);
  }
  return { ok: true, message: parsed.data };
}
