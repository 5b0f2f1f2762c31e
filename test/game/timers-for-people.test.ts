/**
 * Timers mode at a human pace: the hub's default range for people (20–40 s) lets a class of 8
 * elect one leader without a storm, where the bots' 3–6 s range does not. The simulator plays one
 * move at a time, 1–2 s each — the whole class sharing one pencil, slower than a real room where
 * people write at once — so what holds here holds in class.
 */
import { describe, expect, it } from 'vitest';
import { rangeOption } from '../../bin/commands/options.js';
import { PEOPLE_TIMEOUT_MS } from '../../src/game/room.js';
import { simulate } from '../../src/game/simulator.js';
import { currentTerm } from '../../src/raft/log.js';

function classOf8(seed: number, electionTimeoutMs: [number, number]) {
  const r = simulate({ seed, config: { election: 'timers', electionTimeoutMs }, moveMs: [1000, 2000], untilMs: 120_000, message: 'x', record: false });
  const servers = Object.values(r.room.clusters.A.servers);
  return { terms: Math.max(...servers.map((s) => currentTerm(s.state))), leaders: servers.filter((s) => s.state.role === 'leader').length };
}

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

describe('timers made for people', () => {
  it('20–40 s: every one of 20 classes has one leader after two minutes, most in the first term', () => {
    const runs = seeds.map((s) => classOf8(s, PEOPLE_TIMEOUT_MS));
    expect(runs.every((r) => r.leaders === 1)).toBe(true);
    expect(runs.filter((r) => r.terms === 1).length).toBeGreaterThanOrEqual(12);
    expect(Math.max(...runs.map((r) => r.terms))).toBeLessThanOrEqual(4);
  });

  it('3–6 s (the bots’ default) at the same pace is a storm: many terms, mostly no leader', () => {
    const runs = seeds.map((s) => classOf8(s, [3000, 6000]));
    expect(runs.filter((r) => r.leaders === 1).length).toBeLessThan(10);
    expect(Math.min(...runs.map((r) => r.terms))).toBeGreaterThanOrEqual(5);
  });
});

describe('hub --timeout and --bot-pace', () => {
  it('take a range of seconds and refuse anything else', () => {
    expect(rangeOption('20-40', '--timeout')).toEqual([20_000, 40_000]);
    expect(rangeOption('0.3-0.6', '--bot-pace')).toEqual([300, 600]);
    expect(rangeOption(undefined, '--timeout')).toBeUndefined();
    for (const bad of ['5', '40-20', '0-3', 'a-b']) expect(() => rangeOption(bad, '--timeout')).toThrow(/--timeout is a range of seconds/);
  });
});
