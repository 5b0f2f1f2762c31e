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

  it('answers every hello naming an inherited property (issue 11 #2)', () => {
    expect(result.attacks.protoAnswered).toBe(10);
    expect(result.attacks.protoUnanswered).toBe(0);
  });

  it('refuses every name, letter, entry and announcement with terminal controls; the journal holds none (issue 11 #3)', () => {
    expect(result.attacks.controlSent).toBeGreaterThan(20);
    expect(result.attacks.acceptedWhat).toEqual([]);
    expect(result.attacks.controlAccepted).toBe(0);
    expect(result.attacks.unsafeInJournal).toBe(0);
  });

  it('keeps a flood of wrong 12 KB moves small in the journal and in the view (issue 11 #1)', () => {
    expect(result.attacks.refusals).toBeGreaterThan(50);
    expect(result.attacks.bytesPerRefusal).toBeLessThan(4000);
    expect(result.attacks.maxViewBytes).toBeLessThan(64_000);
  });

  it('lets no invalid frame change the journal', () => {
    expect(result.unexplained).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('stops a card flood at the cap of cards in flight (issue 11, cards in flight)', () => {
    expect(result.attacks.floodAnswers['send/too-many-cards']).toBeGreaterThan(0);
    expect(result.attacks.floodAnswers.ok).toBeLessThanOrEqual(64);
    expect(result.attacks.floodMaxViewBytes).toBeLessThan(64_000);
  });
});
