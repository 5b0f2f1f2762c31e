/** `raft-sheet simulate`: prints every step's prompt and sheets; usage errors exit 2. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureIO } from '../bin/capture-io.js';
import { simulate } from '../../bin/commands/simulate.js';

afterEach(() => vi.restoreAllMocks());

/** What `raft-sheet simulate ARGS` prints to stdout, once it has exited 0. */
async function printed(...args: string[]): Promise<string> {
  const io = captureIO();
  expect(await simulate.run(args)).toBe(0);
  return io.out();
}

describe('raft-sheet simulate', () => {
  it('--game 2 prints each step and the sheets as text', async () => {
    const text = await printed('--game', '2', '--seed', '7', '--lang', 'en');
    expect(text).toContain('Game 1 — leader election · 1/3');
    expect(text).toContain('Game 2 — log replication · 5/5');
    expect(text).toContain('i1 · Leader ♛ · term t1 · commitIndex 4');
    expect(text).toMatch(/value {3}H {3}i {3}g {3}h {3}L {3}o {3}a {3}d/);
  });

  it('--game 5 shows game 5 to its end: i8 deposes i4 without pre-vote, then asks with PreVote and i4 stays', async () => {
    const text = await printed('--game', '5', '--seed', '3', '--lang', 'en');
    expect(text).toContain('Game 5 — the server that came back · 5/13 · A healthy leader is deposed');
    expect(text).toContain('Game 5 — the server that came back · 13/13 · The leader stays');
    const end = text.slice(text.lastIndexOf('13/13'));
    expect(end).toContain('i4 · Leader ♛ · term t8 · commitIndex 12');
    expect(end).toContain('i8 · Follower · term t8 · commitIndex 0 · pre-votes i8');
    expect(end).toContain('i5 · Follower · term t8 · commitIndex 12 · hears leader i4');
  });

  it('--game 7 plays game 7 alone on 9 servers to its end and names the broken property', async () => {
    const text = await printed('--game', '7', '--seed', '3', '--lang', 'en');
    expect(text).not.toContain('Game 1');
    expect(text).toContain('Game 7 — a ninth server joins · 10/32 · 5 of 9');
    expect(text).toContain('i9 · Follower · term t1 · commitIndex 5');
    const end = text.slice(text.lastIndexOf('32/32'));
    expect(end).toContain('i5 · Leader ♛ · term t4');
    expect(end).toContain('i7 · Leader ♛ · term t4');
    expect(end).toContain('! P1: Two leaders in term 4: i7 and i5. They counted their majorities in two configurations');
  });

  it('--game 7 with --size 8 is a usage error: game 7 needs 9', async () => {
    const io = captureIO();
    expect(await simulate.run(['--game', '7', '--size', '8'])).toBe(2);
    expect(io.err()).toContain('game 7 is written for 9 servers');
  });

  it('--game 6 shows game 6 to its end: snapshot boxes 12/t3, i8 caught up by InstallSnapshot', async () => {
    const io = captureIO();
    expect(await simulate.run(['--game', '6', '--seed', '3', '--lang', 'en'])).toBe(0);
    const text = io.out();
    expect(text).toContain('Game 6 — the log outgrows the sheet · 6/9 · InstallSnapshot');
    expect(text).not.toContain('step not finished');
    const end = text.slice(text.lastIndexOf('9/9'));
    expect(end).toContain('i8 · Follower · term t8 · commitIndex 16');
    expect(end).toContain('  Snapshot  last included 12/t3 · "High␣voltage"');
    expect(end).toMatch(/index {3}13 {2}14 {2}15 {2}16/);
  });

  it('speaks Russian with --lang ru', async () => {
    expect(await printed('--game', '1', '--lang', 'ru')).toContain('Игра 1 — выборы лидера');
  });

  it.each([[['--game', '9']], [['--size', '5']], [['--lang', 'fr']], [['--nope']], [['--seed', 'x']]])('%j is a usage error (exit 2)', async (args) => {
    const io = captureIO();
    expect(await simulate.run(args)).toBe(2);
    expect(io.err()).toMatch(/raft-sheet simulate: .+/);
  });

  it('--help exits 0', async () => {
    const io = captureIO();
    expect(await simulate.run(['--help'])).toBe(0);
    expect(io.out()).toContain('Usage: raft-sheet simulate');
  });
});
