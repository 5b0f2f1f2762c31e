/**
 * Issue 16 #1: every command answers the same way. A usage error goes to stderr as
 * `raft-sheet NAME: sentence`, then the command's help, exit 2; `--help` goes to stdout, exit 0;
 * a runtime failure is `raft-sheet NAME: sentence` without the help, exit 1.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureIO } from './capture-io.js';
import { commands } from '../../bin/commands/index.js';
import { choiceOption, clusterOption, hubAddress, intOption } from '../../bin/commands/options.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});


const names = Object.keys(commands);

describe('the commands’ usage errors', () => {
  it.each(names)('%s: an unknown option is `raft-sheet NAME: …` on stderr, then its help; exit 2', async (name) => {
    const io = captureIO();
    expect(await commands[name].run(['--nope'])).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(new RegExp(`^raft-sheet ${name}: Unknown option '--nope'`));
    expect(io.err()).toContain(`Usage: raft-sheet ${name}`);
  });

  it.each(names)('%s --help: the help on stdout, nothing on stderr; exit 0', async (name) => {
    const io = captureIO();
    expect(await commands[name].run(['--help'])).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^Usage: raft-sheet ${name}`));
    expect(io.err()).toBe('');
  });

  it.each([
    ['join', ['ws://h:7070', '--code', 'K7Q2', '--lang', 'fr'], '--lang is en or ru'],
    ['join', ['--code', 'K7Q2'], 'give one hub address, like ws://192.168.1.20:7070'],
    ['join', ['ws://h:7070'], 'give the join code with --code'],
    ['watch', ['ws://h:7070', 'ws://h:7071'], 'give one hub address'],
    ['watch', ['ws://h:7070', '--cluster', '3'], '--cluster is a cluster letter like A'],
    ['bots', ['ws://h:7070', '--count', '0'], '--count must be a whole number from 1 to 1000, got "0"'],
    ['bots', ['ws://h:7070', '--pace', 'slow'], '--pace is human or fast'],
    ['hub', ['--size', '12'], '--size must be a whole number from 3 to 9, got "12"'],
    ['hub', ['--timeout', '40-20'], '--timeout is a range of seconds'],
    ['hub', ['--resume', 'x', '--size', '5'], '--resume takes the room as it was recorded'],
    ['hub', ['extra'], 'unexpected argument "extra"'],
    ['report', [], 'give one session directory'],
    ['report', ['dir', '--format', 'pdf'], '--format is md or json'],
    ['replay', ['dir', '--at', 'x'], '--at is a record number, 0 or more'],
    ['solo', ['--game', '8'], '--game is 1, 2, 3, 4, 5 (pre-vote), 6 (snapshots), 7 (a ninth server) or 0 (free play)'],
    ['solo', ['--game', '7', '--seat', 'i10'], '--seat is a server id from i1 to i9'],
    ['simulate', ['--game', '2', '--size', '5'], 'the workshop games are written for 8 servers'],
  ])('%s %j: the sentence with the prefix, then the help', async (name, args, sentence) => {
    vi.stubEnv('RAFT_SHEET_KEY', 'instructor-key');
    const io = captureIO();
    expect(await commands[name].run(args)).toBe(2);
    expect(io.err().startsWith(`raft-sheet ${name}: ${sentence}`)).toBe(true);
    expect(io.err()).toContain(`Usage: raft-sheet ${name}`);
  });

  it('no key: a usage error naming the three ways to give one', async () => {
    vi.stubEnv('RAFT_SHEET_KEY', '');
    const io = captureIO();
    expect(await commands.bots.run(['ws://h:7070'])).toBe(2);
    expect(io.err()).toMatch(/^raft-sheet bots: give the key with --key-file FILE, RAFT_SHEET_KEY=KEY or --key KEY/);
  });

  it('a warning about --key keeps the prefix, and no terminal is exit 2 without the help', async () => {
    vi.stubEnv('RAFT_SHEET_KEY', '');
    const io = captureIO();
    expect(await commands.watch.run(['ws://h:7070', '--key', 'k'])).toBe(2);
    expect(io.err()).toMatch(/^raft-sheet watch: --key is visible to other users/);
    expect(io.err()).toMatch(/\nraft-sheet watch: this command needs an interactive terminal/);
    expect(io.err()).not.toContain('Usage:');
  });

  it('a runtime failure is one line with the prefix, exit 1', async () => {
    const io = captureIO();
    expect(await commands.report.run(['/nonexistent/session'])).toBe(1);
    expect(io.err()).toBe('raft-sheet report: /nonexistent/session holds no recorded session (no session.json): give the directory the hub printed, e.g. sessions/2025-05-20T09-00-00-000\n');
  });
});

describe('the shared option checks', () => {
  it('intOption: a number, the fallback when absent, a usage error otherwise', () => {
    expect(intOption('7070', '--port', 0, 65535)).toBe(7070);
    expect(intOption(undefined, '--port', 0, 65535)).toBeUndefined();
    expect(intOption(undefined, '--port', 0, 65535, 7070)).toBe(7070);
    for (const bad of ['', ' ', '1.5', 'x', '65536', '-1']) expect(() => intOption(bad, '--port', 0, 65535)).toThrow(/--port must be a whole number from 0 to 65535/);
  });

  it('choiceOption, clusterOption and hubAddress', () => {
    expect(choiceOption('fast', '--pace', ['human', 'fast'])).toBe('fast');
    expect(() => choiceOption('slow', '--pace', ['human', 'fast'])).toThrow('--pace is human or fast');
    expect(clusterOption('b')).toBe('B');
    expect(clusterOption('ab')).toBe('AB');
    expect(() => clusterOption('A1')).toThrow(/cluster letter/);
    expect(hubAddress(['wss://hub.example:443'])).toBe('wss://hub.example:443');
    expect(() => hubAddress(['http://h:7070'])).toThrow(/hub address/);
  });
});
