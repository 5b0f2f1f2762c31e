/** `raft-sheet solo`'s new options: --by-hand and --hints; a wrong hint level is a usage error (exit 2). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureIO } from '../bin/capture-io.js';
import { solo } from '../../bin/commands/solo.js';

afterEach(() => vi.restoreAllMocks());


describe('raft-sheet solo options', () => {
  it('--help names --by-hand, --hints and the keys that switch them', async () => {
    const io = captureIO();
    const text = () => io.out() + io.err();
    expect(await solo.run(['--help'])).toBe(0);
    expect(text()).toMatch(/--by-hand\s+write every cell yourself/);
    expect(text()).toMatch(/--hints H\s+what \? gives: none, rule .* or answer/);
    expect(text()).toMatch(/b by hand \/ prefilled, h hint level, c the whole cluster/);
  });

  it('--hints other than none, rule or answer exits 2 with a sentence', async () => {
    const io = captureIO();
    const text = () => io.out() + io.err();
    expect(await solo.run(['--hints', 'all'])).toBe(2);
    expect(text()).toMatch(/--hints is none, rule or answer/);
  });
});

describe('where solo records its session', () => {
  it('under RAFT_SHEET_HOME, and under ~/.raft-sheet when it is empty (never in the current folder)', async () => {
    const { soloDataDir } = await import('../../bin/commands/solo.js');
    const now = new Date('2026-11-30T09:00:00.000Z');
    expect(soloDataDir({ RAFT_SHEET_HOME: '/tmp/h' }, now)).toBe('/tmp/h/solo/2026-11-30T09-00-00-000Z');
    expect(soloDataDir({ RAFT_SHEET_HOME: '' }, now)).toMatch(/^\/.*\.raft-sheet\/solo\/2026-11-30T09-00-00-000Z$/);
  });
});
