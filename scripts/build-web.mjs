// Builds the web projector (issue 13) into dist/web: client/web/main.ts bundled by esbuild into
// one script (no CDN, nothing loaded from the internet at run time), and the page and its style
// copied beside it. Run by `npm run build` after tsc; server/web-projector.ts serves the folder.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'client', 'web', 'main.ts')],
  outfile: join(out, 'projector.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const name of ['index.html', 'projector.css']) copyFileSync(join(root, 'client', 'web', name), join(out, name));
