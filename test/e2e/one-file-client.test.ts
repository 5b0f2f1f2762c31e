/**
 * A student without the repository (issue 15): the instructor's hub prints a download command;
 * run as printed in an empty folder (no node_modules anywhere up the tree), it fetches the
 * one-file client over HTTP from the hub, whose SHA-256 matches the banner's; the join command
 * printed beside it opens the sheet in a real terminal and a move is played and accepted.
 * A hub of another program version gets the client's sentence about it.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClientFile } from '../../server/client-download.js';
import { startHub, type Hub } from '../../server/hub.js';
import { Tmux } from './tmux.js';

const BIN = path.resolve('dist/bin/raft-sheet.js');
const root = mkdtempSync(path.join(tmpdir(), 'raft-onefile-'));
const empty = path.join(root, 'student');
const tmux = new Tmux(80, 24);
let hubProcess: ChildProcess | null = null;
let banner = '';
let other: Hub | null = null;

/** The hub command as an instructor runs it, until its banner is out. */
async function startHubCommand(): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'hub', '--plain', '--port', '0', '--host', '127.0.0.1', '--data', path.join(root, 'session')], { stdio: ['ignore', 'pipe', 'pipe'] });
  hubProcess = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 30 s:\n${banner}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      banner += d.toString();
      if (/resume later/.test(banner)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited ${code}:\n${banner}`)));
  });
}

/** The banner line that starts (after its indent) with `prefix`. */
function bannerLine(prefix: string): string {
  const line = banner.split('\n').map((l) => l.trim()).find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`no "${prefix}" line in the banner:\n${banner}`);
  return line;
}

beforeAll(async () => {
  mkdirSync(empty);
  await startHubCommand();
}, 60_000);

afterAll(async () => {
  tmux.close();
  if (hubProcess && hubProcess.exitCode === null) {
    const exited = new Promise((r) => hubProcess!.once('exit', r));
    hubProcess.kill('SIGTERM');
    await exited;
  }
  await other?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the one-file client, from the hub to an empty folder', () => {
  it('the printed download command fetches the file over HTTP; its SHA-256 is the banner’s', () => {
    let dir = empty;
    for (;;) {
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
      if (path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
    execSync(bannerLine('node -e '), { cwd: empty, stdio: 'pipe', timeout: 30_000 });
    expect(readdirSync(empty)).toEqual(['raft-sheet.mjs']);
    const sha = createHash('sha256').update(readFileSync(path.join(empty, 'raft-sheet.mjs'))).digest('hex');
    expect(bannerLine('SHA-256').endsWith(sha)).toBe(true);
    expect(readFileSync(path.join(empty, 'raft-sheet.mjs')).equals(readFileSync(path.resolve('dist/raft-sheet.mjs')))).toBe(true);
    // The same lines for a hub under the console, which prints no banner.
    const students = readFileSync(path.join(root, 'session', 'students.txt'), 'utf8');
    expect(students).toContain(bannerLine('node -e '));
    expect(students).toContain(bannerLine('node raft-sheet.mjs join '));
  });

  it('`node raft-sheet.mjs join …` as printed shows the sheet and plays a move', async () => {
    const join = bannerLine('node raft-sheet.mjs join ');
    expect(join).toMatch(/^node raft-sheet\.mjs join ws:\/\/127\.0\.0\.1:\d+ --code [A-Z0-9]+$/);
    tmux.open('student', `sh -c ${JSON.stringify(`cd '${empty}' && exec ${join} --name Ann`)}`, { RAFT_SHEET_HOME: path.join(root, 'home') });
    const sheet = await tmux.waitFor('student', /raft-sheet · A · i\d · .*Follower[\s\S]*Raft Log[\s\S]*t timeout/, 30_000);
    expect(sheet).toMatch(/● online/);
    // A follower's election timer fires by hand: the draft opens prefilled; Enter hands it over.
    tmux.type('student', 't');
    await tmux.waitFor('student', /Candidate · term t1 · draft/, 15_000);
    tmux.keys('student', 'Enter');
    const after = await tmux.waitFor('student', /Accepted\./, 15_000);
    expect(after).toMatch(/RequestVote/);
    expect(after).not.toMatch(/hub runs/);
  }, 90_000);

  it('against a hub of another version, the same file says so in a sentence beside its sheet', async () => {
    const client = readClientFile(path.resolve('dist/raft-sheet.mjs'));
    expect(client).not.toBeNull();
    other = await startHub({ port: 0, host: '127.0.0.1', code: 'OTHER1', key: 'k', seed: 2, data: path.join(root, 'other'), client: client!, app: '0.0.9-older' });
    tmux.open('old', `sh -c ${JSON.stringify(`cd '${empty}' && exec node raft-sheet.mjs join ws://127.0.0.1:${other.port} --code OTHER1`)}`, { RAFT_SHEET_HOME: path.join(root, 'home2') });
    const screen = await tmux.waitFor('old', (s) => /the hub runs 0\.0\.9-older/.test(s.replace(/\s+/g, ' ')), 30_000);
    expect(screen).toMatch(/raft-sheet · A · i\d/);
  }, 60_000);
});
