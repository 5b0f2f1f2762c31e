/**
 * The fuzzer in its CI form (bench/fuzz.ts): a few thousand seeded random and mutated frames
 * against a live hub while a control cluster plays. The hub stays up, the control cluster's
 * moves keep getting verdicts, and no journal record comes from an invalid frame.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzz, type FuzzResult } from '../../bench/fuzz.js';
import { ensureBuilt } from './build.js';

describe('fuzz (short form)', () => {
  let result: FuzzResult;
  beforeAll(async () => {
    ensureBuilt();
    result = await fuzz({ frames: 2000, seed: 42 });
  }, 120_000);

  it('never crashes the hub, whatever the frames', () => {
    expect(result.hubAlive).toBe(true);
    // Every kind of bad frame was actually sent.
    for (const kind of ['mutated', 'truncated', 'random-text', 'binary', 'deep', 'deep-object', 'huge', 'bad-utf8']) expect(result.kinds[kind]).toBeGreaterThan(0);
    expect(result.answers['error frame/invalid']).toBeGreaterThan(100);
    expect(result.closes['1009']).toBeGreaterThan(0);
  });

  it('keeps answering the control cluster in every second of the run', () => {
    expect(result.controlStalls).toBe(0);
    expect(result.controlMoves).toBeGreaterThan(0);
  });

  it('lets no invalid frame change the journal', () => {
    expect(result.unexplained).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
