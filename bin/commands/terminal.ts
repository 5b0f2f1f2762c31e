/** What every interactive command checks before it loads Ink. */

/** Prints a usage error and the help; exit code 2. */
export function usageError(sentence: string, help: string): number {
  process.stderr.write(`raft-sheet: ${sentence}\n\n${help}`);
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
