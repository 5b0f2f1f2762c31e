/** Issue 11 #9: `watch` and `bots` take their key from a file or the environment, not only from `ps`-visible --key. */
import { chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKey } from '../../bin/commands/key-option.js';
import { tempDir } from '../hub/harness.js';

describe('resolveKey', () => {
  it('reads the first line of --key-file, warning when others can read the file', () => {
    const file = path.join(tempDir('raft-key-'), 'key');
    writeFileSync(file, 'file-key\nignored\n');
    chmodSync(file, 0o600);
    expect(resolveKey({ 'key-file': file }, {})).toEqual({ key: 'file-key' });
    chmodSync(file, 0o644);
    expect(resolveKey({ 'key-file': file }, {})).toMatchObject({ key: 'file-key', warning: expect.stringMatching(/chmod 600/) });
  });
  it('takes RAFT_SHEET_KEY before --key, and warns about --key', () => {
    expect(resolveKey({ key: 'arg' }, { RAFT_SHEET_KEY: 'env-key' })).toEqual({ key: 'env-key' });
    expect(resolveKey({ key: 'arg' }, {})).toMatchObject({ key: 'arg', warning: expect.stringMatching(/ps/) });
  });
  it('says how to give a key when none is given, or the file is missing', () => {
    expect(resolveKey({}, {})).toMatchObject({ error: expect.stringMatching(/--key-file/) });
    expect(resolveKey({ 'key-file': '/nonexistent/key' }, {})).toMatchObject({ error: expect.stringMatching(/nonexistent/) });
  });
});
