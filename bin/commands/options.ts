/**
 * The one prologue of every command: its options parsed (node:util parseArgs), `--help` on
 * stdout (exit 0), a usage error on stderr as `raft-sheet NAME: sentence` followed by the
 * command's help (exit 2), a runtime failure as `raft-sheet NAME: sentence` (exit 1), and the
 * checks several commands share (--lang, --ascii and colour, a hub address, a session
 * directory, a cluster letter, whole numbers). A command states its options and writes only
 * what is its own; a check that fails throws, so no command returns half-parsed values.
 * Exit codes as PRODUCT.md has them: 0 ok, 1 runtime failure, 2 usage error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { langFrom, type Lang } from '../../src/i18n/text.js';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** What a command's body gets: parseArgs' result for its options (plus `--help`). */
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: true; strict: true }>>;

/** Options that take a value (`--code K7Q2`), declared by name: `...valueOptions('code', 'name')`. */
export function valueOptions<const N extends string>(...names: N[]): { [K in N]: { type: 'string' } } {
  return Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as { [K in N]: { type: 'string' } };
}

/** `--lang en|ru` and `--ascii`: the options of every command that draws (display() reads them). */
export const DISPLAY_OPTIONS = { lang: { type: 'string' }, ascii: { type: 'boolean', default: false } } as const;

/** A sentence for the user and the exit code it ends the command with. */
export class CommandExit extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
    /** A usage error repeats the command's help after the sentence. */
    readonly withHelp: boolean,
  ) {
    super(message);
  }
}

/** A usage error: the sentence, then the command's help on stderr; exit 2. */
export function usage(sentence: string): never {
  throw new CommandExit(sentence, 2, true);
}

/** A runtime failure (a file that cannot be read, a hub that cannot start): the sentence; exit 1. */
export function failure(sentence: string): never {
  throw new CommandExit(sentence, 1, false);
}

/** A command's body behind its options: what a command module exports (the one-line summary is the table's, bin/commands/index.ts). */
export interface Runnable {
  /** Resolves to the exit code: 0 ok, 1 runtime failure, 2 usage error. */
  run(args: string[]): Promise<number>;
}

export interface CommandSpec<O extends Options> {
  name: string;
  help: string;
  /** The command's own options; `-h, --help` is added. */
  options: O;
  /** Whether the command takes positional arguments (a hub address, a session directory). */
  positionals?: boolean;
}

/** A command from its options and its body; the body throws `usage()` / `failure()` or returns the exit code. */
export function defineCommand<const O extends Options>(spec: CommandSpec<O>, body: (parsed: Parsed<O>) => Promise<number> | number): Runnable {
  const say = (sentence: string) => process.stderr.write(`raft-sheet ${spec.name}: ${sentence}\n`);
  return {
    async run(args) {
      try {
        let parsed: Parsed<O>;
        try {
          parsed = parseArgs({ args, options: { ...spec.options, ...HELP_OPTION }, allowPositionals: true, strict: true }) as Parsed<O>;
        } catch (err) {
          return usage(err instanceof Error ? err.message : String(err));
        }
        // Checked here for every command: --help, stray arguments, --lang.
        const shared: { help?: unknown; lang?: unknown } = parsed.values;
        if (shared.help) {
          process.stdout.write(spec.help);
          return 0;
        }
        if (!spec.positionals && parsed.positionals.length > 0) usage(`unexpected argument "${parsed.positionals[0]}"`);
        if (shared.lang !== undefined && shared.lang !== 'en' && shared.lang !== 'ru') usage('--lang is en or ru');
        return await body(parsed);
      } catch (err) {
        if (!(err instanceof CommandExit)) {
          say(err instanceof Error ? err.message : String(err));
          return 1;
        }
        say(err.withHelp ? `${err.message}\n` : err.message);
        if (err.withHelp) process.stderr.write(spec.help);
        return err.code;
      }
    },
  };
}

/** `--lang`, `--ascii` and NO_COLOR: how an Ink app draws. */
export function display(values: { lang?: string | undefined; ascii?: boolean | undefined }, env: NodeJS.ProcessEnv = process.env): { lang: Lang; ascii: boolean; color: boolean } {
  return { lang: langFrom(values.lang, env), ascii: values.ascii ?? false, color: !env.NO_COLOR };
}

/** A whole number in [min, max]; `fallback` (or undefined) when the option is not given. */
export function intOption(value: string | undefined, name: string, min: number, max: number): number | undefined;
export function intOption(value: string | undefined, name: string, min: number, max: number, fallback: number): number;
export function intOption(value: string | undefined, name: string, min: number, max: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) usage(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** `20-40` or `0.5-1.5` (seconds) → [min, max] in ms; undefined when not given. */
export function rangeOption(value: string | undefined, name: string): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = value.match(/^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/);
  const lo = m ? Math.round(Number(m[1]) * 1000) : NaN;
  const hi = m ? Math.round(Number(m[2]) * 1000) : NaN;
  if (!m || !(lo > 0) || hi < lo || hi > 3_600_000) usage(`${name} is a range of seconds like 20-40 (min > 0, max >= min)`);
  return [lo, hi];
}

/** One of a few words (`--pace human|fast`). */
export function choiceOption<const W extends string>(value: string | undefined, name: string, words: readonly W[]): W | undefined {
  if (value === undefined) return undefined;
  if (!(words as readonly string[]).includes(value)) usage(`${name} is ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);
  return value as W;
}

/** `--cluster A`: one letter, upper-cased (the hub names clusters A, B, …). */
export function clusterOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z]{1,2}$/.test(value)) usage('--cluster is a cluster letter like A');
  return value.toUpperCase();
}

/** The one hub address a client command takes. */
export function hubAddress(positionals: string[]): string {
  const url = positionals[0];
  if (!url || positionals.length > 1 || !/^wss?:\/\/[^/]+/.test(url)) usage('give one hub address, like ws://192.168.1.20:7070');
  return url;
}

/** The one recorded session directory `report` and `replay` read. */
export function sessionDirArgument(positionals: string[]): string {
  if (positionals.length !== 1) usage('give one session directory, like sessions/2025-05-20T09-00-00-000');
  return positionals[0];
}

/**
 * Ink's input hook crashes on a stdin that is not a terminal, so refuse early with a sentence
 * (exit 2, no help: the options were right). NO_COLOR is honoured by mapping it to
 * FORCE_COLOR=0 before chalk loads.
 */
export function requireTerminal(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new CommandExit('this command needs an interactive terminal (stdin and stdout must be a TTY).', 2, false);
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
}
