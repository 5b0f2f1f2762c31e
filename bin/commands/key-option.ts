/**
 * The instructor's (or the projector's) key for `watch` and `bots`, from the first of:
 * `--key-file FILE` (the first line of FILE), the environment variable RAFT_SHEET_KEY, `--key KEY`.
 * `--key` still works but puts the key where every user of the machine can read it (`ps`), so
 * it gets a warning (issue 11 #9). The hub keeps its keys in the session directory (keys.json,
 * owner-only): `--key-file sessions/…/keys.json` is not a key file; copy the key into one.
 */
import { readFileSync, statSync } from 'node:fs';
import { usage } from './options.js';

export const KEY_ENV = 'RAFT_SHEET_KEY';

export const KEY_HELP = `  --key-file FILE  read the key from the first line of FILE (or set ${KEY_ENV}=KEY)
  --key KEY        the key itself (other users can see it in ps: prefer the two above)`;

export type KeyResult = { key: string; warning?: string } | { error: string };

export function resolveKey(values: { key?: string | undefined; 'key-file'?: string | undefined }, env: NodeJS.ProcessEnv = process.env): KeyResult {
  const file = values['key-file'];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { error: `cannot read the key file ${file}: ${(err as Error).message}` };
    }
    const key = text.split('\n')[0].trim();
    if (!key) return { error: `the key file ${file} is empty` };
    let warning: string | undefined;
    try {
      if ((statSync(file).mode & 0o077) !== 0) warning = `${file} can be read by other users: chmod 600 ${file}`;
    } catch {
      /* read above; a stat failure is not worth stopping for */
    }
    return warning ? { key, warning } : { key };
  }
  const fromEnv = env[KEY_ENV]?.trim();
  if (fromEnv) return { key: fromEnv };
  if (values.key) return { key: values.key, warning: `--key is visible to other users of this machine (ps); prefer ${KEY_ENV}=… or --key-file` };
  return { error: `give the key with --key-file FILE, ${KEY_ENV}=KEY or --key KEY (the hub printed it)` };
}

/** The key for a command, or a usage error; a warning goes to stderr with the command's prefix. */
export function keyOption(values: { key?: string | undefined; 'key-file'?: string | undefined }, command: string): string {
  const result = resolveKey(values);
  if ('error' in result) usage(result.error);
  if (result.warning) process.stderr.write(`raft-sheet ${command}: ${result.warning}\n`);
  return result.key;
}
