#!/usr/bin/env node
/**
 * `npm start` / `npm run simulate` (issue 15): rebuild only when a source is newer than the
 * build (build-freshness.mjs), then run the one-file bundle in this same process: importing
 * one file instead of hundreds brings the first frame sooner (docs/performance.md). A fresh
 * clone has no dist/, so its first `npm start` builds once; later starts go straight on.
 *
 * `node scripts/start.mjs solo --seat i3` is `raft-sheet solo --seat i3`.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, buildIsCurrent } from './build-freshness.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, BUNDLE);

if (!buildIsCurrent(root)) {
  process.stderr.write('raft-sheet: building first (the sources changed since the last build)…\n');
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  } catch {
    process.exit(1);
  }
}
// The bundle reads its command from argv[2…], as the `raft-sheet` bin does.
process.argv = [process.argv[0], bundle, ...process.argv.slice(2)];
await import(pathToFileURL(bundle).href);
