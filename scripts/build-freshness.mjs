/**
 * Is the build current? (issue 15: `npm start` must not run tsc when nothing changed.) The
 * bundle is the last thing `npm run build` writes, so it is current when it is at least as new
 * as every input: the TypeScript sources, package.json and its lock, tsconfig.json and the
 * bundle script. Plain .mjs so it runs before anything is compiled.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const SOURCE_DIRS = ['src', 'server', 'client', 'bin', 'bench'];
export const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-client.mjs'];
export const BUNDLE = path.join('dist', 'raft-sheet.mjs');

/** The newest modification time (ms) among the build's inputs under `root`. */
export function newestInput(root) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.(ts|tsx|mts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of INPUT_FILES) newest = Math.max(newest, statSync(path.join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return newest;
}

/** True when dist/raft-sheet.mjs exists and no input is newer. */
export function buildIsCurrent(root) {
  const built = statSync(path.join(root, BUNDLE), { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newestInput(root);
}
