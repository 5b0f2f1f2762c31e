/** The committed fixture session, read as replay and report read it. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SessionInfo, SessionRecord } from '../../src/report/records.js';
import { SESSION_DIR } from '../report/fixture.js';

export function fixtureSession(): { info: SessionInfo; records: SessionRecord[] } {
  const session = JSON.parse(readFileSync(path.join(SESSION_DIR, 'session.json'), 'utf8')) as SessionInfo;
  const records = readFileSync(path.join(SESSION_DIR, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SessionRecord);
  return { info: { config: session.config, createdAt: session.createdAt }, records };
}

/** Position just after the record where `server` of `cluster` writes `letter` (a letter or a word) into its log. */
export function positionOfWrite(records: readonly SessionRecord[], cluster: string, server: string, letter: string): number {
  const i = records.findIndex(
    (r) => r.kind === 'command' && r.command.type === 'move' && r.command.cluster === cluster && r.command.server === server && r.command.input.kind === 'client' && r.command.input.value === letter,
  );
  if (i < 0) throw new Error(`no record where ${cluster}/${server} writes ${letter}`);
  return i + 1;
}
