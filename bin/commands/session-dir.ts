/** Reading a recorded session directory for `report` and `replay`: session.json + journal.jsonl. */
import { readJournal } from '../../server/journal.js';
import { readSession } from '../../server/session.js';
import type { SessionInfo, SessionRecord } from '../../src/report/records.js';

export interface LoadedSession {
  info: SessionInfo;
  records: SessionRecord[];
  /** A last line cut short by a crash, left out (the hub's resume does the same). */
  torn: { line: number; bytes: number } | null;
}

/** Throws an Error with a sentence a user can act on (exit 1). */
export async function loadSession(dir: string): Promise<LoadedSession> {
  let session;
  try {
    session = await readSession(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${dir} holds no recorded session (no session.json): give the directory the hub printed, e.g. sessions/2025-05-20T09-00-00-000`);
    throw err;
  }
  const read = await readJournal(dir);
  return { info: { config: session.config, createdAt: session.createdAt, code: session.code }, records: read.records, torn: read.torn };
}
