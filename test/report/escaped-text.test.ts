/**
 * Issue 11 #3: the report printed a student's name raw, so a name like `ESC]0;…BEL` retitled the
 * instructor's terminal. Whatever a journal holds (sessions recorded before the text rule, a
 * hand-edited file), the report shows controls and bidi characters as visible `\uXXXX` escapes.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { report } from '../../bin/commands/report.js';
import { tempDir } from '../hub/harness.js';
import { SESSION_DIR } from './fixture.js';

const EVIL = 'Al\u001b]0;PWN\u0007\u001b[2J\u009bice\u202e';

function evilSession(): string {
  const dir = path.join(tempDir('raft-report-'), 'session');
  cpSync(SESSION_DIR, dir, { recursive: true });
  const file = path.join(dir, 'journal.jsonl');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('"name":"Alice"', `"name":${JSON.stringify(EVIL)}`));
  return dir;
}

const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the report escapes text it did not write', () => {
  for (const format of ['md', 'json']) {
    it(`--format ${format}: no control or bidi character is printed, the name is still readable`, async () => {
      const out = path.join(tempDir('raft-report-out-'), `report.${format}`);
      expect(await report.run([evilSession(), '--format', format, '--out', out, '--lang', 'en'])).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).not.toMatch(raw);
      expect(text).toContain(format === 'md' ? 'Al\\u001b]0;PWN\\u0007' : 'Al\\u001b]0;PWN\\u0007');
      if (format === 'json') expect(JSON.stringify(JSON.parse(text))).toContain(JSON.stringify(EVIL).slice(1, 4));
    });
  }
});
