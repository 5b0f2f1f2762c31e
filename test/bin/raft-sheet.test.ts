/**
 * The bin itself (compiled, as `npm start` and a user run it): a bare `raft-sheet` is a usage
 * error (stderr, exit 2), `--help` is the usage asked for (stdout, exit 0), `--version` is
 * package.json's version.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/bin/raft-sheet.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

describe('raft-sheet (the bin)', () => {
  it('alone: the usage on stderr, exit 2', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^raft-sheet: give a command\n\n.*Usage: raft-sheet <command>/s);
  });

  it('--help: the usage on stdout, exit 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Usage: raft-sheet <command>');
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 runtime failure, 2 usage error.');
  });

  it('--version: the version package.json holds', () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`raft-sheet ${version}\n`);
  });

  it('an unknown command: a sentence and the usage on stderr, exit 2', () => {
    const r = run('jion');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^raft-sheet: unknown command "jion"/);
  });

  it('a command’s usage error keeps its prefix through the bin', () => {
    const r = run('hub', '--port', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^raft-sheet hub: --port must be a whole number from 0 to 65535, got "x"/);
  });
});
