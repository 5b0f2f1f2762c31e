/** The bench children run compiled (dist/bench/*.js): build first if any source is newer. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../bench/lib.js';

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.tsx?$/.test(name)) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

export function ensureBuilt(): void {
  const compiled = path.join(ROOT, 'dist/bench/hub-child.js');
  const sources = Math.max(...['server', 'src', 'client', 'bench'].map((d) => newest(path.join(ROOT, d))));
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= sources) return;
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'ignore' });
  if (!existsSync(compiled)) throw new Error('the build did not produce dist/bench/hub-child.js');
}
