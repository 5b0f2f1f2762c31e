/** Where the recorded fixture session lives, and whether the tests may rewrite it. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const SESSION_DIR = path.resolve('test/fixtures/sessions/workshop');

/** `UPDATE_FIXTURES=1 npx vitest run test/report test/replay test/projector` rewrites the committed files. */
export const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** Compares `actual` with the committed file (or writes it when updating); returns the committed text. */
export function committed(file: string, actual: string): string {
  if (UPDATE || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  return readFileSync(file, 'utf8');
}
