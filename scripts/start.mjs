#!/usr/bin/env node
/**
 * `npm start` / `npm run simulate` (issue 15): rebuild only when a source is newer than the
 * build, then run the one-file bundle in this same process (its import is one file instead of
 * hundreds: the first frame comes sooner, docs/performance.md). A fresh clone has no dist/, so
 * its first `npm start` builds once; later starts go straight to the sheet.
 *
 * `node scripts/start.mjs solo --seat i3` → `raft-sheet solo --seat i3`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'dist', 'raft-sheet.mjs');
const SOURCES = ['src', 'server', 'client', 'bin', 'bench'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-client.mjs'];

/** The newest modification time among the build's inputs (ms). */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.(ts|tsx|mts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCES) visit(path.join(root, d));
  for (const f of FILES) newest = Math.max(newest, statSync(path.join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return newest;
}

export function buildIsCurrent() {
  const built = statSync(bundle, { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newestSource();
}

if (!buildIsCurrent()) {
  process.stderr.write('raft-sheet: building (sources changed since the last build)…\n');
  try {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  } catch {
    process.exit(1);
  }
}
// The bundle reads its command from argv[2…], as the `raft-sheet` bin would.
process.argv = [process.argv[0], bundle, ...process.argv.slice(2)];
await import(pathToFileURL(bundle).href);
