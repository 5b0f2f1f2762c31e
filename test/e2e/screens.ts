/**
 * Text captures of real terminals for docs/screens/: what varies from run to run (the join
 * code, the port, the session directory, the LAN address) is replaced by fixed stand-ins. A
 * capture is written when missing or with UPDATE_SCREENS=1; otherwise the live screen must
 * still match it with digits masked (ages and card numbers vary), so the docs stay true.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { truncateTo, widthOf } from '../../client/components/text-width.js';

const DIR = path.resolve('docs/screens');

/**
 * `width`: the terminal's columns. A stand-in longer than what it replaces (192.168.1.20:7070 for
 * 127.0.0.1:41234) would push a line past the edge; it is cut as Ink cuts (`…` in the last column),
 * so a capture never holds a line wider than the terminal it shows.
 */
export function normalise(screen: string, vars: { code?: string; port?: number; dir?: string }, width = 80): string {
  let s = screen;
  // A placeholder as long as the code (drawn codes have 6 symbols, fixed test codes 4), so the layout is the real one.
  if (vars.code) s = s.split(vars.code).join('K7Q2WX'.slice(0, vars.code.length));
  if (vars.dir) s = s.split(vars.dir).join('sessions/2026-11-25');
  if (vars.port) s = s.split(`:${vars.port}`).join(':7070');
  s = s.replace(/ws:\/\/[\d.]+:7070/g, 'ws://192.168.1.20:7070');
  s = s.split('\n').map((line) => (widthOf(line) > width ? truncateTo(line, width) : line)).join('\n');
  return `${s.replace(/[ \t]+$/gm, '').replace(/\n+$/, '')}\n`;
}

const mask = (s: string) => s.replace(/\d+/g, '#').replace(/[ \t]+/g, ' ');

/**
 * `frame`: compare only the first 5 and last 3 lines (a list whose entries depend on timing).
 * `steady`: all but blank lines and the one-line feedback to the last key (`Accepted.`, a
 * notice), which depend on when the test's previous key landed.
 */
export function capture(name: string, text: string, compare: 'all' | 'frame' | 'steady' = 'all'): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_SCREENS === '1' || !existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const part = (t: string) => {
    const lines = mask(t).trimEnd().split('\n');
    if (compare === 'steady') return lines.filter((l) => l.trim() !== '' && !/^(Accepted\.|Your inbox is empty\.)$/.test(l.trim())).join('\n');
    return compare === 'all' ? lines.join('\n') : [...lines.slice(0, 5), ...lines.slice(-3)].join('\n');
  };
  expect(part(text), `${name} is stale: rerun with UPDATE_SCREENS=1`).toBe(part(readFileSync(file, 'utf8')));
}
