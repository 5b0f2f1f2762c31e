/**
 * `npm pack` makes a package that installs with nothing but the tarball (issue 15): no
 * registry (`--offline`), no dependencies (the one-file bundle holds them), runtime files
 * only. The installed `raft-sheet` prints package.json's version, plays the games
 * (`simulate`), and its hub serves the installed file itself to students.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'raft-pack-'));
const prefix = path.join(dir, 'prefix');
const bin = path.join(prefix, 'bin', 'raft-sheet');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
// The npm running this test (npm test) exports its own settings; the install must not inherit them.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
let packed: { files: { path: string }[]; filename: string };

beforeAll(() => {
  // The suite has just built dist/ (npm test); --ignore-scripts skips prepack's second build.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { encoding: 'utf8', env, timeout: 60_000 });
  packed = (JSON.parse(out) as (typeof packed)[])[0];
  execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(dir, packed.filename)], { encoding: 'utf8', env, cwd: dir, timeout: 120_000 });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the runtime files only and installs offline without a single dependency', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'dist/raft-sheet.mjs', 'package.json']));
    // No sources, tests, maps, or the unbundled dist/ (the bundle is the program).
    for (const f of files) expect(f).toMatch(/^(README\.md|LICENSE|package\.json|dist\/(?!bin\/|bench\/|server\/|client\/|src\/)[^]*(?<!\.map)(?<!\.ts))$/);
    const installed = path.join(prefix, 'lib', 'node_modules', 'raft-sheet');
    expect(readdirSync(installed)).not.toContain('node_modules');
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'raft-sheet', 'dist', 'raft-sheet.mjs'))).toBe(true);
  });

  it('`raft-sheet --version` prints package.json’s version', () => {
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8', env })).toBe(`raft-sheet ${pkg.version}\n`);
  });

  it('`raft-sheet simulate` plays the four games', () => {
    const out = execFileSync(bin, ['simulate'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(out).toMatch(/Game 1 — leader election/);
    expect(out).toMatch(/Game 4/);
  }, 90_000);

  it('its hub hands students the installed file itself', async () => {
    const hub = spawn(bin, ['hub', '--plain', '--port', '0', '--host', '127.0.0.1', '--data', path.join(dir, 'session')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let banner = '';
      await new Promise<void>((resolve, reject) => {
        hub.stdout.on('data', (d: Buffer) => {
          banner += d.toString();
          if (/resume later/.test(banner)) resolve();
        });
        hub.once('exit', (code) => reject(new Error(`hub exited ${code}: ${banner}`)));
      });
      const url = banner.match(/curl -o raft-sheet\.mjs (\S+)/)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/raft-sheet\.mjs$/);
      const body = Buffer.from(await (await fetch(url!)).arrayBuffer());
      expect(body.equals(readFileSync(path.join(prefix, 'lib', 'node_modules', 'raft-sheet', 'dist', 'raft-sheet.mjs')))).toBe(true);
    } finally {
      hub.kill('SIGTERM');
    }
  }, 60_000);
});
