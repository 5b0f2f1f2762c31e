#!/usr/bin/env node
/**
 * The one bin. Parses nothing itself: it picks the command module and hands it the arguments.
 * Exit codes (PRODUCT.md): 0 ok, 1 runtime failure, 2 usage error. Asked for (`--help`), the
 * usage goes to stdout; a bare `raft-sheet` or an unknown command is a usage error: stderr, 2.
 */
import './env.js';
import { commands, usage } from './commands/index.js';
import { appVersion } from './app-info.js';

const [name, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`raft-sheet ${appVersion()}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`raft-sheet: give a command\n\n${usage()}`);
    return 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`raft-sheet: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`raft-sheet: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
