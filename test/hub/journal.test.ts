/**
 * The journal after a crash: a torn last line is cut off and reported, the session resumes;
 * damage before the last line is refused rather than replayed past.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHub } from '../../server/hub.js';
import { JournalCorrupt, readJournal } from '../../server/journal.js';
import { join, testHub } from './harness.js';

async function sessionWithMoves(): Promise<string> {
  const hub = await testHub();
  const { client, welcome } = await join(hub, { role: 'student', name: 'Anna', server: 'i1' });
  client.send({ type: 'move', id: 1, cluster: 'A', server: welcome.seat!.server, input: { kind: 'timeout' } });
  expect(await client.verdict(1)).toMatchObject({ ok: true });
  await hub.close();
  return hub.dir;
}

describe('journal recovery', () => {
  it('a torn last line is tolerated, reported and cut off', async () => {
    const dir = await sessionWithMoves();
    const file = path.join(dir, 'journal.jsonl');
    const intact = readFileSync(file, 'utf8');
    const lines = intact.trim().split('\n').length;
    appendFileSync(file, '{"n":' + (lines + 1) + ',"at":17,"kind":"comm');
    const hub = await startHub({ port: 0, host: '127.0.0.1', resume: dir });
    expect(hub.torn).toEqual({ line: lines + 1, bytes: expect.any(Number) });
    expect(hub.replayed).toBe(lines);
    expect(hub.room().clusters.A.servers.i1.state.votes).toEqual(['i1']);
    await hub.close();
    // The torn line is gone; the one record after the intact part says the hub resumed (for the debrief).
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(intact)).toBe(true);
    expect(JSON.parse(after.slice(intact.length))).toMatchObject({ n: lines + 1, kind: 'hub', what: 'resumed', replayed: lines, torn: true });
    expect(readFileSync(path.join(dir, 'hub.log'), 'utf8')).toMatch(/torn by a crash/);
  });

  it('a complete last line without its newline was never committed: cut off too', async () => {
    const dir = await sessionWithMoves();
    const file = path.join(dir, 'journal.jsonl');
    const intact = readFileSync(file, 'utf8');
    const lines = intact.trim().split('\n');
    writeFileSync(file, intact + JSON.stringify({ n: lines.length + 1, at: 1, kind: 'revoke', cluster: 'A', server: 'i1' }));
    const read = await readJournal(dir);
    expect(read.records.length).toBe(lines.length);
    expect(read.torn?.line).toBe(lines.length + 1);
  });

  it('damage before the last line is refused', async () => {
    const dir = await sessionWithMoves();
    const file = path.join(dir, 'journal.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    lines[0] = lines[0].slice(0, 10);
    writeFileSync(file, lines.join('\n') + '\n');
    await expect(readJournal(dir)).rejects.toBeInstanceOf(JournalCorrupt);
    await expect(startHub({ port: 0, host: '127.0.0.1', resume: dir })).rejects.toThrow(/line 1 is damaged/);
  });

  it('a data directory that already holds a session is not overwritten', async () => {
    const dir = await sessionWithMoves();
    await expect(startHub({ port: 0, host: '127.0.0.1', data: dir })).rejects.toThrow(/--resume/);
  });
});
