#!/usr/bin/env node
/**
 * The one-file client (issue 15): the whole CLI (join for students, but also solo, hub, watch…)
 * bundled by esbuild into dist/raft-sheet.mjs, an ES module that runs with Node >= 20.19 alone,
 * from an empty folder: React's production build, Ink, yoga's wasm (inlined by yoga-layout
 * itself), ws, zod and the core are inside. The hub serves this file on its port
 * (server/client-download.ts) and `npm pack` ships it as the package's only program.
 *
 * Runs after tsc (`npm run build`); it bundles from the TypeScript sources, not from dist, so
 * it never sees a stale dist file.
 */
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outfile = path.join(root, 'dist', 'raft-sheet.mjs');

/**
 * Ink imports its devtools module (which imports react-devtools-core statically) only when
 * DEV=true. In one file a static import is hoisted to the top and would fail at start, so the
 * package is replaced by an inert stub: a student's sheet never connects to React DevTools.
 */
const devtoolsStub = {
  name: 'react-devtools-core-stub',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

await build({
  entryPoints: [path.join(root, 'bin', 'raft-sheet.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Node 20.19 runs ES2022 plus top-level await (yoga-layout's wasm loader uses it).
  target: 'node20.19',
  minify: true,
  legalComments: 'none',
  // Tests and students alike get React's production build: lighter, and no dev-only warnings.
  define: {
    'process.env.NODE_ENV': '"production"',
    __RAFT_SHEET_VERSION__: JSON.stringify(pkg.version),
    __RAFT_SHEET_BUNDLED__: 'true',
  },
  external: [
    // ws's optional native speed-ups: ws catches the failed require and uses its JS code.
    'bufferutil',
    'utf-8-validate',
  ],
  // Ink, React and ws are partly CommonJS: their `require` of Node built-ins needs a real
  // `require` in an ES module. The shebang comes along from bin/raft-sheet.ts.
  banner: {
    js: "import { createRequire as __raftSheetCreateRequire } from 'node:module'; const require = __raftSheetCreateRequire(import.meta.url);",
  },
  plugins: [devtoolsStub],
  logLevel: 'warning',
});

const size = statSync(outfile).size;
if (process.argv.includes('--verbose')) process.stdout.write(`dist/raft-sheet.mjs: ${(size / 1024).toFixed(0)} KiB\n`);
