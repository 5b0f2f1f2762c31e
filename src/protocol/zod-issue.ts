/**
 * One line for what a zod schema refused: the path of the field and why, e.g.
 * `command.seat.pace: Invalid option`. Used for hub frames (parse.ts) and for every record read
 * back from disk (journal, session.json, keys.json, the token store), so a bad record names its field.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** A union's "Invalid input" says nothing: follow the branch that got furthest into the value. */
function deepest(issue: Issue, base: PropertyKey[]): { path: PropertyKey[]; message: string } {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path, message: issue.message };
  let best = { path, message: issue.message };
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const found = deepest(inner, path);
      if (found.path.length > best.path.length) best = found;
    }
  }
  return best;
}

export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '(value): invalid';
  const { path, message } = deepest(issue, []);
  return `${path.length > 0 ? path.map(String).join('.') : '(value)'}: ${message}`;
}
