/**
 * The hub's log: one line per event to `hub.log` in the session directory and, with
 * `hub --plain` (or a stdout that is not a terminal), plainly to stdout — never onto the
 * console's Ink screen. Writes go through a stream so logging never
 * blocks the room's path.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { escapeText } from '../src/protocol/safe-text.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  (level: LogLevel, message: string): void;
  close(): Promise<void>;
}

export function createLogger(file: string | null, stdout: boolean): Logger {
  const stream: WriteStream | null = file ? createWriteStream(file, { flags: 'a' }) : null;
  stream?.on('error', () => {
    /* a full disk must not take the hub down through its log */
  });
  // A closed stdout (piped into `head`, a gone terminal) must not take the hub down either.
  if (stdout) process.stdout.on('error', () => undefined);
  const log = ((level: LogLevel, message: string) => {
    // A message may quote what a client sent: it is escaped, so `tail hub.log` shows it and runs nothing (issue 11 #3).
    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${escapeText(message)}\n`;
    stream?.write(line);
    if (stdout) process.stdout.write(line);
  }) as Logger;
  log.close = () => new Promise<void>((resolve) => (stream ? stream.end(resolve) : resolve()));
  return log;
}
