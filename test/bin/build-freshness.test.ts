/**
 * `npm start` rebuilds only when needed (issue 15, scripts/build-freshness.mjs): on a tree
 * with no bundle, a bundle newer than every input, and an input edited after the build.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (it runs before anything is compiled), no types.
import { buildIsCurrent } from '../../scripts/build-freshness.mjs';

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'raft-fresh-'));
  for (const d of ['src/raft', 'client', 'dist']) mkdirSync(path.join(root, d), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), '{}');
  writeFileSync(path.join(root, 'src/raft/log.ts'), 'export {};');
  writeFileSync(path.join(root, 'client/app.tsx'), 'export {};');
  return root;
}
const at = (root: string, file: string, seconds: number) => utimesSync(path.join(root, file), seconds, seconds);

describe('buildIsCurrent', () => {
  it('is false without a bundle (a fresh clone builds once)', () => {
    expect(buildIsCurrent(tree())).toBe(false);
  });

  it('is true when the bundle is newer than every input, false once a source is edited', () => {
    const root = tree();
    for (const f of ['package.json', 'src/raft/log.ts', 'client/app.tsx']) at(root, f, 1_000);
    writeFileSync(path.join(root, 'dist/raft-sheet.mjs'), '');
    at(root, 'dist/raft-sheet.mjs', 2_000);
    expect(buildIsCurrent(root)).toBe(true);
    at(root, 'client/app.tsx', 3_000);
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('package.json counts too (a dependency bumped)', () => {
    const root = tree();
    for (const f of ['src/raft/log.ts', 'client/app.tsx']) at(root, f, 1_000);
    writeFileSync(path.join(root, 'dist/raft-sheet.mjs'), '');
    at(root, 'dist/raft-sheet.mjs', 2_000);
    at(root, 'package.json', 3_000);
    expect(buildIsCurrent(root)).toBe(false);
  });
});
