/**
 * The session journal: `journal.jsonl`, one JSON record per line, appended and fsynced before
 * anyone is told what it holds ("persist first, then answer"). Writes are group-committed: the
 * room queue hands over every line of one batch at once and waits for one fdatasync.
 *
 * Reading tolerates exactly one kind of damage, the one a crash leaves: a last line cut short
 * (no trailing newline, or not JSON). It is reported and cut off so appends continue cleanly.
 * Damage anywhere else is refused: replaying past it would silently rewrite history.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Command, GameEvent } from '../src/game/types.js';
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

export async function readJournal(dir: string): Promise<JournalRead> {
  const file = path.join(dir, JOURNAL_FILE);
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], torn: null, goodBytes: 0 };
    throw err;
  }
  const records: JournalRecord[] = [];
  let offset = 0;
  let line = 0;
  while (offset < buf.length) {
    line += 1;
    const nl = buf.indexOf(0x0a, offset);
    const end = nl < 0 ? buf.length : nl;
    const raw = buf.subarray(offset, end).toString('utf8');
    let record: JournalRecord | null = null;
    try {
      const parsed = JSON.parse(raw) as JournalRecord;
      if (typeof parsed === 'object' && parsed !== null && typeof parsed.n === 'number') record = parsed;
    } catch {
      record = null;
    }
    const last = nl < 0 || nl === buf.length - 1;
    // A line without its newline was never fully written: even if it parses, it was not committed.
    if (record === null || nl < 0) {
      if (last) return { records, torn: { line, bytes: buf.length - offset }, goodBytes: offset };
      throw new JournalCorrupt(`${file}: line ${line} is damaged and is not the last line; refusing to replay past it`);
    }
    const expected = records.length === 0 ? record.n : records[records.length - 1].n + 1;
    if (record.n !== expected) throw new JournalCorrupt(`${file}: line ${line} has record number ${record.n}, expected ${expected}`);
    records.push(record);
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
    const handle = await fsp.open(file, 'a+');
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
    const data = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    await this.handle.appendFile(data, 'utf8');
    // fdatasync is enough: it also flushes the size change an append makes.
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
