/**
 * What is read back from disk is parsed with zod schemas (src/protocol/disk-schemas.ts), not cast:
 * a record that is well-formed JSON but wrong in one field is refused with a message that names
 * the file and the field — a journal line (even with a valid checksum), session.json, keys.json —
 * and a damaged token store is reported by name and set aside.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalLine, readJournal, type JournalRecord } from '../../server/journal.js';
import { readKeys, readSession } from '../../server/session.js';
import { fileTokenStore } from '../../client/token-store.js';
import { tempDir } from './harness.js';

const HASH = 'a'.repeat(64);
const TOKEN = 'abcdefghijklmnopqrstu';

function journalOf(lines: string[]): string {
  const dir = tempDir('raft-disk-');
  writeFileSync(path.join(dir, 'journal.jsonl'), lines.map((l) => `${l}\n`).join(''));
  return dir;
}

describe('journal records', () => {
  const good: JournalRecord = { n: 0, at: 0, kind: 'token', cluster: 'A', server: 'i1', hash: HASH };
  it('a well-formed journal reads back record by record', async () => {
    const dir = journalOf([journalLine(good), journalLine({ n: 1, at: 5, kind: 'revoke', cluster: 'A', server: 'i1' })]);
    expect((await readJournal(dir)).records.map((r) => r.kind)).toEqual(['token', 'revoke']);
  });
  it('a checksummed line missing a field is refused, naming the file, the line and the field', async () => {
    const bad = { n: 1, at: 5, kind: 'command', by: 'instructor', command: { type: 'reset', cluster: 'A' } } as unknown as JournalRecord;
    const dir = journalOf([journalLine(good), journalLine(bad), journalLine({ n: 2, at: 6, kind: 'revoke', cluster: 'A', server: 'i1' })]);
    await expect(readJournal(dir)).rejects.toThrow(/journal\.jsonl: line 2 is not a journal record \(events: .*expected array/);
  });
  it('an unknown kind of record is refused by name', async () => {
    const bad = { n: 1, at: 5, kind: 'launch' } as unknown as JournalRecord;
    const dir = journalOf([journalLine(good), journalLine(bad), journalLine({ n: 2, at: 6, kind: 'revoke', cluster: 'A', server: 'i1' })]);
    await expect(readJournal(dir)).rejects.toThrow(/line 2 is not a journal record \(kind: /);
  });
});

describe('session.json and keys.json', () => {
  const session = { format: 1, protocol: 1, createdAt: '2025-05-20T09:00:00.000Z', config: { clusters: 2 }, code: 'K7Q2', keyHash: HASH, seed: 7 };
  const sessionDir = (body: object, keys?: object): string => {
    const dir = tempDir('raft-session-');
    writeFileSync(path.join(dir, 'session.json'), JSON.stringify(body));
    if (keys) writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(keys));
    return dir;
  };
  it('a good session file and keys read back as written', async () => {
    const dir = sessionDir(session, { instructor: 'k1', projector: 'k2' });
    expect(await readSession(dir)).toEqual(session);
    expect(await readKeys(dir)).toEqual({ instructor: 'k1', projector: 'k2' });
  });
  it('a wrong field in session.json is named with the file', async () => {
    await expect(readSession(sessionDir({ ...session, keyHash: 'not-hex' }))).rejects.toThrow(/session\.json is not a raft-sheet session file \(keyHash: a SHA-256 in hex\)/);
    await expect(readSession(sessionDir({ ...session, config: { clusters: 'two' } }))).rejects.toThrow(/session\.json .*\(config\.clusters: /);
  });
  it('keys.json without the projector key is named with the file and the field', async () => {
    await expect(readKeys(sessionDir(session, { instructor: 'k1' }))).rejects.toThrow(/keys\.json is damaged \(projector: .*\): delete it/);
  });
});

describe('the token store', () => {
  it('keeps tokens across processes, and reports a damaged file by name and field instead of using it', () => {
    const home = tempDir('raft-tokens-');
    mkdirSync(home, { recursive: true });
    const file = path.join(home, 'seats.json');
    fileTokenStore(file).set('ws://h:1/', 'K7Q2', TOKEN);
    expect(fileTokenStore(file).get('ws://h:1/', 'K7Q2')).toBe(TOKEN);
    writeFileSync(file, JSON.stringify({ 'ws://h:1/#K7Q2': 42 }));
    const problems: string[] = [];
    expect(fileTokenStore(file, (p) => problems.push(p)).get('ws://h:1/', 'K7Q2')).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/seats\.json: ws:\/\/h:1\/#K7Q2: /)]);
  });

  describe('two terminals of one user (one lab account, a second window)', () => {
    const URL_ = 'ws://h:1/';
    const T2 = 'B'.repeat(21);
    const T3 = 'C'.repeat(21);
    const running = new Set([101, 102]);
    const store = (file: string, pid: number, host = 'lab-3') => fileTokenStore(file, { self: { pid, host }, alive: (p) => running.has(p) });
    const fileIn = () => path.join(tempDir('raft-tokens-'), 'seats.json');

    it('a seat whose terminal still runs on this machine is not resumed: the second terminal draws its own, and both are kept', () => {
      const file = fileIn();
      store(file, 101).set(URL_, 'K7Q2', TOKEN);
      expect(store(file, 102).get(URL_, 'K7Q2')).toBeUndefined();
      store(file, 102).set(URL_, 'K7Q2', T2);
      // Each terminal finds its own seat again on every reconnect.
      expect(store(file, 101).get(URL_, 'K7Q2')).toBe(TOKEN);
      expect(store(file, 102).get(URL_, 'K7Q2')).toBe(T2);
    });

    it('a seat whose terminal died is resumed once: the next terminal claims it, a third draws its own', () => {
      const file = fileIn();
      store(file, 101).set(URL_, 'K7Q2', TOKEN);
      store(file, 102).set(URL_, 'K7Q2', T2);
      running.delete(101); // 101's terminal was killed
      try {
        running.add(103);
        expect(store(file, 103).get(URL_, 'K7Q2')).toBe(TOKEN);
        running.add(104);
        expect(store(file, 104).get(URL_, 'K7Q2')).toBeUndefined();
        store(file, 104).set(URL_, 'K7Q2', T3);
        expect(store(file, 103).get(URL_, 'K7Q2')).toBe(TOKEN);
      } finally {
        running.add(101);
      }
    });

    it('a seat held on another machine (a shared home) may be resumed here; a released seat is forgotten by its own terminal only', () => {
      const file = fileIn();
      store(file, 101, 'lab-7').set(URL_, 'K7Q2', TOKEN);
      expect(store(file, 102).get(URL_, 'K7Q2')).toBe(TOKEN);
      store(file, 101).set(URL_, 'K7Q2', T2);
      store(file, 101).delete(URL_, 'K7Q2');
      expect(store(file, 102).get(URL_, 'K7Q2')).toBe(TOKEN);
      expect(store(file, 101).get(URL_, 'K7Q2')).toBeUndefined(); // 102, running, holds the other
    });

    it('a command run again at once waits for its old terminal to finish exiting, then resumes its seat', async () => {
      const file = fileIn();
      running.add(105);
      store(file, 105).set(URL_, 'K7Q2', TOKEN);
      setTimeout(() => running.delete(105), 300); // the closed terminal's process exits
      const t0 = Date.now();
      await store(file, 106).settle!(URL_, 'K7Q2', 5000);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
      expect(store(file, 106).get(URL_, 'K7Q2')).toBe(TOKEN);
      // Nothing kept, or a seat of its own: no wait at all; a terminal that keeps running: `ms`.
      const t1 = Date.now();
      await store(fileIn(), 106).settle!(URL_, 'K7Q2', 5000);
      await store(file, 106).settle!(URL_, 'K7Q2', 5000);
      expect(Date.now() - t1).toBeLessThan(200);
      store(file, 101).set(URL_, 'K7Q2', T2);
      const t2 = Date.now();
      await store(fileIn(), 106).settle!(URL_, 'K7Q2', 5000);
      const other = fileIn();
      store(other, 101).set(URL_, 'K7Q2', T2);
      await store(other, 102).settle!(URL_, 'K7Q2', 400);
      expect(Date.now() - t2).toBeGreaterThanOrEqual(350);
    });

    it('a file written by an earlier version (a bare token) still resumes', () => {
      const file = fileIn();
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ [`${URL_}#K7Q2`]: TOKEN }));
      expect(store(file, 102).get(URL_, 'K7Q2')).toBe(TOKEN);
    });
  });
});
