/**
 * Where this program is and which version it is, whether it runs as the compiled dist/bin
 * (from the repository or `npm start`) or as the one-file bundle dist/raft-sheet.mjs (a
 * student's download, the packed package). The bundler (scripts/build-client.mjs) defines the
 * two constants below; tsc's output leaves them undeclared, hence the `typeof` guards.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

declare const __RAFT_SHEET_VERSION__: string | undefined;
declare const __RAFT_SHEET_BUNDLED__: boolean | undefined;

const bundled = typeof __RAFT_SHEET_BUNDLED__ !== 'undefined' && __RAFT_SHEET_BUNDLED__;

let version: string | null = null;

/** package.json's version (the bundle carries it compiled in: it has no package.json beside it). */
export function appVersion(): string {
  if (typeof __RAFT_SHEET_VERSION__ !== 'undefined') return __RAFT_SHEET_VERSION__;
  // dist/bin/app-info.js → the package root's package.json.
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * The one-file client the hub hands out: the bundle itself when this is the bundle, else
 * dist/raft-sheet.mjs beside dist/bin (built by `npm run build`; it may be missing when only
 * tsc ran).
 */
export function clientFilePath(): string {
  return fileURLToPath(bundled ? import.meta.url : new URL('../raft-sheet.mjs', import.meta.url));
}
