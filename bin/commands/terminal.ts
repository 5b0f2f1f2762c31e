/** What every interactive command checks before it loads Ink. */

/** Prints a usage error and the help; exit code 2. */
export function usageError(sentence: string, help: string, name = ''): number {
  process.stderr.write(`raft-sheet${name ? ` ${name}` : ''}: ${sentence}\n\n${help}`);
  return 2;
}

/**
 * Ink's input hook crashes on a stdin that is not a terminal, so refuse early with a sentence
 * (exit 2). NO_COLOR is honoured by mapping it to FORCE_COLOR=0 before chalk loads.
 */
export function prepareTerminal(): number {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('raft-sheet: this command needs an interactive terminal (stdin and stdout must be a TTY).\n');
    return 2;
  }
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  return 0;
}

/**
 * The common start of every command: parse its arguments (node:util parseArgs), turn a parse
 * error into a usage error (exit 2) and `--help` into the help (exit 0). Returns the parsed
 * arguments, or the exit code when the command is already answered.
 */
export function parseOr<T extends { values: { help?: boolean } }>(help: string, parse: () => T, name = ''): T | number {
  let parsed: T;
  try {
    parsed = parse();
  } catch (err) {
    return usageError(err instanceof Error ? err.message : String(err), help, name);
  }
  if (parsed.values.help) {
    process.stdout.write(help);
    return 0;
  }
  return parsed;
}
