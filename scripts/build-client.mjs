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

/**
 * yoga-layout's loader (Emscripten) fetches its inlined wasm, a `data:` URL, with the global
 * `fetch` when there is one: in Node that loads undici, the whole fetch stack, only to decode
 * base64 (about a tenth of the client's start here, by --cpu-prof). The patch takes the
 * loader's own synchronous path (atob) instead; the bytes are the same. The build fails if the
 * text to patch is not found (a yoga-layout upgrade changed it): check the loader again then.
 */
const YOGA_FETCH = '"function"!=typeof fetch?';
const yogaWithoutFetch = {
  name: 'yoga-wasm-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const count = source.split(YOGA_FETCH).length - 1;
      // Two places: the binary's fetch and instantiateStreaming's; both take the no-fetch branch.
      if (count !== 2) throw new Error(`yoga-layout's wasm loader changed (${count} matches of ${YOGA_FETCH}): review scripts/build-client.mjs`);
      return { contents: source.replaceAll(YOGA_FETCH, 'true?'), loader: 'js' };
    });
  },
};

/**
 * zod's `locales` namespace holds the error messages of 40-odd languages (a fifth of the
 * bundle, parsed at every start). Nothing here reads them: our users' sentences come from
 * src/i18n and client/i18n, and zod's English default (imported by zod's schemas directly)
 * stays. So `zod/v4/locales/index.js` is reduced to its English entry.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * `--ink-floor FILE`: instead of the CLI, an Ink app that draws one bordered box with "Terms",
 * bundled with exactly these options: the floor of any Ink client's first frame, which
 * bench/one-file.ts measures beside the bundle.
 */
const floorAt = process.argv.indexOf('--ink-floor');
const floorFile = floorAt >= 0 ? process.argv[floorAt + 1] : null;
const INK_FLOOR = "import { createElement as h } from 'react'; import { render, Box, Text } from 'ink'; render(h(Box, { borderStyle: 'round' }, h(Text, null, 'Terms')));";

await build({
  ...(floorFile
    ? { stdin: { contents: INK_FLOOR, resolveDir: root, loader: 'js' }, outfile: floorFile }
    : { entryPoints: [path.join(root, 'bin', 'raft-sheet.ts')], outfile }),
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
  plugins: [devtoolsStub, yogaWithoutFetch, zodEnglishOnly],
  logLevel: 'warning',
});

if (floorFile) process.exit(0);
const size = statSync(outfile).size;
if (process.argv.includes('--verbose')) process.stdout.write(`dist/raft-sheet.mjs: ${(size / 1024).toFixed(0)} KiB\n`);
