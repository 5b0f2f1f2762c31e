/**
 * The session journal: `journal.jsonl`, one JSON record per line, appended and fsynced before
 * anyone is told what it holds ("persist first, then answer"). Writes are group-committed: the
 * room queue hands over every line of one batch at once and waits for one fdatasync.
 *
 * Reading tolerates exactly one kind of damage, the one a crash leaves: a last line cut short
 * (no trailing newline, or not JSON). It is reported and cut off so appends continue cleanly.
 * Damage anywhere else is refused: replaying past it would silently rewrite history.
 *
 * Each line ends with its checksum, `,"sum":"<16 hex>"}`: the first 64 bits of the SHA-256 of the
 * line as it would read without it. An edited record that is still valid JSON (a rate changed by
 * hand) is refused at its line, with the command that keeps the records before it (issue 11 #8).
 * A journal whose first line has no checksum was written before checksums: it is read as before.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Command, GameEvent } from '../src/game/types.js';
import { format } from '../src/i18n/format.js';
import { journalRecordSchema } from '../src/protocol/disk-schemas.js';
import { describeZodError } from '../src/protocol/zod-issue.js';
import type { Mistake } from '../src/raft/referee.js';

export const JOURNAL_FILE = 'journal.jsonl';

/** Who caused a record: `instructor`, `hub` (lottery, bots fill), `clock`, `A/i3` (a seat), `bot:A/i3` (an in-process bot). */
export type Actor = string;

export type JournalRecord =
  | { n: number; at: number; kind: 'command'; by: Actor; command: Command; events: GameEvent[]; mistakes?: Mistake[] }
  /** A guard-mode refusal: the move changed nothing, but its mistakes are recorded (refusalEvent). */
  | { n: number; at: number; kind: 'refused'; by: Actor; command: Command; code: string; events: GameEvent[] }
  /** A seat token was issued (only its SHA-256 is kept: the journal is not a key ring). */
  | { n: number; at: number; kind: 'token'; cluster: string; server: string; hash: string }
  /** Every token of a seat was voided (the instructor released or re-seated it). */
  | { n: number; at: number; kind: 'revoke'; cluster: string; server: string }
  /** The hub resumed this session from the journal (after a crash or a stop): for the debrief's timeline. */
  | { n: number; at: number; kind: 'hub'; what: 'resumed'; replayed: number; torn: boolean }
  /** The instructor handed a bot seat to the next student (`on`), or a student took it (`on: false`). */
  | { n: number; at: number; kind: 'hand'; cluster: string; server: string; on: boolean };

/** A record before the journal numbers it. */
export type NewRecord = JournalRecord extends infer R ? (R extends JournalRecord ? Omit<R, 'n'> : never) : never;

export interface JournalRead {
  records: JournalRecord[];
  /** Set when the last line was torn: what was cut off, for the log. */
  torn: { line: number; bytes: number } | null;
  /** Byte length of the intact part. */
  goodBytes: number;
}

export class JournalCorrupt extends Error {}

const SUM_KEY = ',"sum":"';
/** `,"sum":"` + 16 hex + `"}` */
const SUM_TAIL = SUM_KEY.length + 16 + 2;

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** One record as its journal line (without the newline): its JSON with the checksum as the last field. */
export function journalLine(record: JournalRecord): string {
  const body = JSON.stringify(record);
  return `${body.slice(0, -1)}${SUM_KEY}${checksum(body)}"}`;
}

/** The line without its checksum and whether the checksum matched; `sum: 'none'` for a line that has none. */
function unsum(raw: string): { body: string; sum: 'ok' | 'bad' | 'none' } {
  const at = raw.length - SUM_TAIL;
  if (at < 1 || !raw.endsWith('"}') || raw.slice(at, at + SUM_KEY.length) !== SUM_KEY) return { body: raw, sum: 'none' };
  const body = raw.slice(0, at) + '}';
  return { body, sum: checksum(body) === raw.slice(at + SUM_KEY.length, raw.length - 2) ? 'ok' : 'bad' };
}

/** What to do at a damaged line: keep the records before it. */
function cutAdvice(file: string, line: number): string {
  return `to resume from the ${format('en', '{n} {n:record|records}', { n: line - 1 })} before it (the rest is lost), keep a copy and cut there: cp ${file} ${file}.bak && head -n ${line - 1} ${file}.bak > ${file}`;
}

/** A missing journal is an error (issue 11 #8): a session directory always has one. */
export async function readJournal(dir: string): Promise<JournalRead> {
  const file = path.join(dir, JOURNAL_FILE);
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new JournalCorrupt(`${file} is missing: a session directory always has its journal; restore it, or start a new session`);
    throw new JournalCorrupt(`cannot read ${file}: ${(err as Error).message}`);
  }
  const records: JournalRecord[] = [];
  let summed: boolean | null = null;
  let offset = 0;
  let line = 0;
  while (offset < buf.length) {
    line += 1;
    const nl = buf.indexOf(0x0a, offset);
    const end = nl < 0 ? buf.length : nl;
    const raw = buf.subarray(offset, end).toString('utf8');
    const { body, sum } = unsum(raw);
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      json = null;
    }
    // Only a line that is not JSON at all can be a torn tail; a complete object is judged below.
    const record = typeof json === 'object' && json !== null ? json : null;
    const last = nl < 0 || nl === buf.length - 1;
    // A line without its newline was never fully written: even if it parses, it was not committed.
    if (record === null || nl < 0) {
      if (last) return { records, torn: { line, bytes: buf.length - offset }, goodBytes: offset };
      throw new JournalCorrupt(`${file}: line ${line} is damaged and is not the last line; refusing to replay past it; ${cutAdvice(file, line)}`);
    }
    summed ??= sum !== 'none';
    if (summed && sum !== 'ok') {
      throw new JournalCorrupt(`${file}: line ${line} ${sum === 'none' ? 'has no checksum' : 'does not match its checksum'} (the record was edited or damaged); refusing to replay it; ${cutAdvice(file, line)}`);
    }
    const parsed = journalRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new JournalCorrupt(`${file}: line ${line} is not a journal record (${describeZodError(parsed.error)}); refusing to replay it; ${cutAdvice(file, line)}`);
    }
    const rec = parsed.data as JournalRecord;
    const expected = records.length === 0 ? rec.n : records[records.length - 1].n + 1;
    if (rec.n !== expected) throw new JournalCorrupt(`${file}: line ${line} has record number ${rec.n}, expected ${expected}; ${cutAdvice(file, line)}`);
    records.push(rec);
    offset = end + 1;
  }
  return { records, torn: null, goodBytes: buf.length };
}

export class Journal {
  private constructor(
    private readonly handle: fsp.FileHandle,
    private next: number,
  ) {}

  /** Opens for appending; `goodBytes` cuts a torn tail left by a crash. */
  static async open(dir: string, nextNumber: number, goodBytes?: number): Promise<Journal> {
    const file = path.join(dir, JOURNAL_FILE);
    const existed = await fsp.stat(file).then(() => true, () => false);
    const handle = await fsp.open(file, 'a+', 0o600);
    if (!existed) {
      // The new file's directory entry must survive a crash too, or a resume finds no journal.
      const dirHandle = await fsp.open(dir, 'r');
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
    }
    if (goodBytes !== undefined) {
      const { size } = await handle.stat();
      if (size > goodBytes) {
        await handle.truncate(goodBytes);
        await handle.datasync();
      }
    }
    return new Journal(handle, nextNumber);
  }

  /** The number the next record will get. */
  get nextNumber(): number {
    return this.next;
  }

  /** Numbers records now, so the caller knows each record's version before the write lands. */
  number(record: NewRecord): JournalRecord {
    return { n: this.next++, ...record } as JournalRecord;
  }

  /** One write and one fdatasync for a whole batch (group commit). Resolves once durable. */
  async commit(records: JournalRecord[]): Promise<void> {
    if (records.length === 0) return;
    const data = records.map(journalLine).join('\n') + '\n';
    await this.handle.appendFile(data, 'utf8');
    // fdatasync is enough: it also flushes the size change an append makes.
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
