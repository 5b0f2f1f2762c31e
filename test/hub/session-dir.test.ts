/**
 * Issue 11 (an unlucky instructor) and issue 12 item 6: the session directory is held by one hub
 * at a time, a busy port leaves nothing behind, resume refuses a damaged session and says where,
 * and the keys survive a resume.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../server/hub.js';
import { RemoteBot } from '../../client/remote-bot.js';
import { CODE, join, KEY, tempDir, testHub, url } from './harness.js';
import { until } from '../fixtures/until.js';

const hubs: Hub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
});
const resume = (dir: string) => startHub({ port: 0, host: '127.0.0.1', resume: dir });

describe('finding 4: one hub per session directory', () => {
  it('a second hub on the same directory refuses before touching anything; after the first stops, resume works', async () => {
    const first = await testHub();
    const logFile = path.join(first.dir, 'hub.log');
    await until(() => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('listening'));
    const logBefore = readFileSync(logFile, 'utf8');
    const journalBefore = readFileSync(path.join(first.dir, 'journal.jsonl'));
    await expect(resume(first.dir)).rejects.toThrow(/in use by another hub.*hub\.lock/s);
    expect(readFileSync(path.join(first.dir, 'hub.log'), 'utf8')).toBe(logBefore);
    expect(readFileSync(path.join(first.dir, 'journal.jsonl'))).toEqual(journalBefore);
    await first.close();
    const second = await resume(first.dir);
    hubs.push(second);
    expect(second.code).toBe(CODE);
  });
  it('a lock left by a hub that died (its process is gone) is recovered, and the log says so', async () => {
    const first = await testHub();
    await first.close();
    writeFileSync(path.join(first.dir, 'hub.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 'earlier' }));
    const again = await resume(first.dir);
    hubs.push(again);
    // The log is written through a stream: the line may land a moment after the hub is up.
    await until(() => /stale lock/.test(readFileSync(path.join(first.dir, 'hub.log'), 'utf8')));
    expect(readFileSync(path.join(first.dir, 'hub.log'), 'utf8')).toMatch(/recovered a stale lock: .*pid 4206649/);
  });
});

describe('finding 6: a taken port', () => {
  it('startHub fails with a sentence and leaves no session directory', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const data = path.join(tempDir(), 'session');
    await expect(startHub({ port, host: '127.0.0.1', data, code: CODE, key: KEY })).rejects.toThrow(new RegExp(`port ${port}.*in use`));
    expect(existsSync(data)).toBe(false);
    blocker.close();
  });
  it('the hub command exits 1 (it used to hang)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const cwd = tempDir();
    const child = spawn(process.execPath, [path.resolve('dist/bin/raft-sheet.js'), 'hub', '--plain', '--host', '127.0.0.1', '--port', String(port)], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 20_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    blocker.close();
    expect(code).toBe(1);
    expect(err).toMatch(/in use/);
    expect(existsSync(path.join(cwd, 'sessions')) ? readdirSync(path.join(cwd, 'sessions')) : []).toEqual([]);
  }, 30_000);
});

describe('finding 8: resume refuses a damaged session and says where', () => {
  async function stoppedSession(): Promise<string> {
    const hub = await testHub();
    const { client } = await join(hub, { role: 'student', name: 'Ann' });
    client.close();
    await hub.close();
    return hub.dir;
  }
  it('a missing journal is an error naming the file', async () => {
    const dir = await stoppedSession();
    rmSync(path.join(dir, 'journal.jsonl'));
    await expect(resume(dir)).rejects.toThrow(/journal\.jsonl.*(missing|not found)/);
  });
  it('an edited but valid record is refused with its line number and how to cut there', async () => {
    const dir = await stoppedSession();
    const file = path.join(dir, 'journal.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.length).toBeGreaterThan(2);
    lines[0] = lines[0].replace('"at":', '"at":1');
    writeFileSync(file, lines.join('\n'));
    const err = await resume(dir).catch((e: Error) => e);
    expect(String(err)).toMatch(/journal\.jsonl.*line 1.*checksum/s);
    expect(String(err)).toMatch(/head -n 0/);
  });
  it('a broken session.json names the file', async () => {
    const dir = await stoppedSession();
    writeFileSync(path.join(dir, 'session.json'), '{"format": 1,');
    await expect(resume(dir)).rejects.toThrow(/session\.json/);
  });
});

describe('issue 12 item 6: keys survive a resume', () => {
  it('kept owner-only in the session directory; a new projector and remote bots join the resumed class with them', async () => {
    const dir = path.join(tempDir(), 'session');
    const first = await startHub({ port: 0, host: '127.0.0.1', data: dir, code: CODE });
    const { key, projectorKey } = first;
    expect(key).toBeTruthy();
    await first.close();
    const keysFile = path.join(dir, 'keys.json');
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    const again = await resume(dir);
    hubs.push(again);
    expect(again.key).toBe(key);
    expect(again.projectorKey).toBe(projectorKey);
    const { client: projector } = await join(again, { role: 'instructor' }, { key: projectorKey! });
    expect(projector.messages.some((m) => m.type === 'room')).toBe(true);
    projector.close();
    const bot = new RemoteBot({ url: url(again), key: key!, pace: 'fast' }).start();
    await until(() => bot.seat !== null, 10_000);
    bot.stop();
  });
});
